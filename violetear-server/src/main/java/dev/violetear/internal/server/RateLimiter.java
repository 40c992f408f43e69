// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import java.util.function.LongSupplier;

/**
 * The message budget of one socket: a token bucket that holds {@code perSecond} tokens and refills
 * at {@code perSecond} tokens a second, so a client may send a burst of that many at once and that
 * many a second on average. Beyond it, messages are dropped; more than ten times the rate within
 * one second counts as abuse and asks for the connection to be closed. Cheap enough to run on the
 * socket thread for every message: a few arithmetic operations under an uncontended lock.
 *
 * <p>An overflow starts with the first dropped message and ends when the bucket is full again,
 * that is once the client has stayed under the rate long enough to regain its whole burst; a
 * client that keeps sending at the limit is told once, not once per token that trickles in.
 *
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(200, System::nanoTime);
 * switch (limiter.admit()) { case ACCEPT -> ...; case FIRST_DROP -> ...; ... }
 * }</pre>
 */
final class RateLimiter {
  /** What to do with one message. */
  enum Verdict {
    /** Within the budget: handle it. */
    ACCEPT,
    /** Over the budget, the first of an overflow: drop it and tell the client. */
    FIRST_DROP,
    /** Over the budget again in the same overflow: drop it; the client has already been told. */
    DROP,
    /** More than ten times the rate within one second: drop it and close the connection. */
    CLOSE,
    /** After {@link #CLOSE}: drop it, the connection is closing. */
    CLOSING
  }

  /** Sending this many times the rate within one second closes the connection. */
  static final int ABUSE_FACTOR = 10;

  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final LongSupplier nanoClock;

  // All guarded by this.
  private double tokens;
  private long refilledAt;
  private long windowStart;
  private long windowCount;
  private boolean isOverflowing;
  private boolean isClosing;
  private long dropped;

  RateLimiter(int perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.refilledAt = nanoClock.getAsLong();
    this.windowStart = refilledAt;
  }

  /** Takes one token for a message that just arrived, and says what to do with the message. */
  synchronized Verdict admit() {
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
    if (tokens >= perSecond) {
      isOverflowing = false;
    }
    if (now - windowStart >= SECOND) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount++;
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    dropped++;
    if (windowCount > (long) ABUSE_FACTOR * perSecond) {
      isClosing = true;
      return Verdict.CLOSE;
    }
    if (isOverflowing) {
      return Verdict.DROP;
    }
    isOverflowing = true;
    return Verdict.FIRST_DROP;
  }

  /** How many messages were dropped so far. */
  synchronized long dropped() {
    return dropped;
  }

  /** Whether the connection was found abusive. */
  synchronized boolean isClosing() {
    return isClosing;
  }
}
