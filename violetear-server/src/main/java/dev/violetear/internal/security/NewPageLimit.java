// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how fast one address creates page sessions ({@code Limits.newPagesPerAddress}): a token
 * bucket per address holding a minute's worth, refilled evenly. Only new pages count: a page that
 * resumes its session is never refused, so a flood of new pages cannot keep existing ones from
 * coming back. A refusal is logged once per address until it may create pages again. Buckets that
 * are full again are forgotten, so memory follows the addresses active within about a minute.
 * Thread-safe.
 *
 * <pre>{@code
 * NewPageLimit limit = new NewPageLimit(600, System::nanoTime);
 * String refusal = limit.refusal("203.0.113.7");   // null: the page may be created
 * }</pre>
 */
public final class NewPageLimit {
  private static final Logger log = LoggerFactory.getLogger(NewPageLimit.class);
  private static final long MINUTE = 60_000_000_000L;
  private static final long SWEEP_NANOS = 10_000_000_000L;

  private final int perMinute;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> byAddress = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep;

  public NewPageLimit(int perMinute, LongSupplier nanoClock) {
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
    this.lastSweep = new AtomicLong(nanoClock.getAsLong());
  }

  /**
   * Takes a token for a new page from {@code address}.
   *
   * @return null when the page may be created, else why not (for the 429 answer)
   */
  public String refusal(String address) {
    long now = nanoClock.getAsLong();
    sweep(now);
    Bucket bucket = byAddress.computeIfAbsent(address, a -> new Bucket(perMinute, now));
    if (bucket.take(perMinute, now)) {
      return null;
    }
    String message =
        "address "
            + address
            + " opened more than "
            + perMinute
            + " new pages a minute (Limits.newPagesPerAddress); its pages may resume, new ones"
            + " are refused until the rate drops. If the address is a proxy in front of the app,"
            + " name it in Limits.trustedProxies";
    if (bucket.warn()) {
      log.warn("Refusing new pages: {}", message);
    }
    return message;
  }

  private void sweep(long now) {
    long last = lastSweep.get();
    if (now - last < SWEEP_NANOS || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    byAddress.values().removeIf(b -> b.isFull(perMinute, now));
  }

  /** The tokens of one address; guarded by itself. */
  private static final class Bucket {
    private double tokens;
    private long refilledAt;
    private boolean isWarned;

    Bucket(int capacity, long now) {
      tokens = capacity;
      refilledAt = now;
    }

    synchronized boolean take(int perMinute, long now) {
      refill(perMinute, now);
      if (tokens >= 1) {
        tokens -= 1;
        isWarned = false;
        return true;
      }
      return false;
    }

    /** True for the first refusal since the last page this address created. */
    synchronized boolean warn() {
      boolean first = !isWarned;
      isWarned = true;
      return first;
    }

    synchronized boolean isFull(int perMinute, long now) {
      refill(perMinute, now);
      return tokens >= perMinute;
    }

    private void refill(int perMinute, long now) {
      long elapsed = now - refilledAt;
      if (elapsed > 0) {
        tokens = Math.min(perMinute, tokens + (double) elapsed * perMinute / MINUTE);
        refilledAt = now;
      }
    }
  }
}
