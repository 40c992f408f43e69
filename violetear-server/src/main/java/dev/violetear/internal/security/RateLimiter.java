// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import java.util.function.LongSupplier;

/**
 * The message budget of one socket: a token bucket that holds {@code perSecond} tokens and refills
 * at {@code perSecond} tokens a second, so a client may send a burst of that many at once and that
 * many a second on average. The first message beyond it ends the connection: dropping single
 * messages would leave a gap in the client's sequence that no resend could fill, while a closed
 * connection makes the browser reconnect and send everything unacknowledged again, in order. Cheap
 * enough to run on the socket thread for every message: a few arithmetic operations under an
 * uncontended lock.
 *
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(200, System::nanoTime);
 * switch (limiter.admit()) { case ACCEPT -> ...; case CLOSE -> ...; case CLOSING -> ...; }
 * }</pre>
 */
public final class RateLimiter {
  /** What to do with one message. */
  public enum Verdict {
    /** Within the budget: handle it. */
    ACCEPT,
    /** The first message over the budget: drop it and close the connection. */
    CLOSE,
    /** After {@link #CLOSE}: drop it, the connection is closing. */
    CLOSING
  }

  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final LongSupplier nanoClock;

  // All guarded by this.
  private double tokens;
  private long refilledAt;
  private boolean isClosing;
  private long dropped;

  public RateLimiter(int perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.refilledAt = nanoClock.getAsLong();
  }

  /** Takes one token for a message that just arrived, and says what to do with the message. */
  public synchronized Verdict admit() {
    if (isClosing) {
      dropped++;
      return Verdict.CLOSING;
    }
    long now = nanoClock.getAsLong();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(perSecond, tokens + (double) elapsed * perSecond / SECOND);
      refilledAt = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    dropped++;
    isClosing = true;
    return Verdict.CLOSE;
  }

  /** How many messages were dropped so far. */
  public synchronized long dropped() {
    return dropped;
  }
}
