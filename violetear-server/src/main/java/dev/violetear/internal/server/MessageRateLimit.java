// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AppConfig.maxMessagesPerSecond} for every socket: checks each incoming message on the
 * socket thread, before it is queued for the handlers, so a flood never fills a handler queue or
 * takes a handler thread from other clients.
 *
 * <p>A message over the budget is dropped, and the client is told with one {@code RateLimited}
 * error frame per overflow (see {@link RateLimiter}). Dropped messages are not acknowledged and
 * never reach a handler. More than ten times the rate within one second closes the socket
 * with 1008 once the frames queued for it are written. When the socket closes, one warning gives
 * the number of messages dropped.
 *
 * <pre>{@code
 * MessageRateLimit limit = new MessageRateLimit(200, frames);
 * if (limit.admit(connection)) { ... queue the message ... }
 * }</pre>
 */
final class MessageRateLimit {
  static final int POLICY_VIOLATION = 1008;
  private static final Logger log = LoggerFactory.getLogger(MessageRateLimit.class);

  private final int perSecond;
  private final String errorFrame;
  private final String closeReason;
  private final ConcurrentMap<String, RateLimiter> byKey = new ConcurrentHashMap<>();

  MessageRateLimit(int perSecond, Frames frames) {
    this.perSecond = perSecond;
    this.errorFrame =
        frames.error(
            new WireError(
                "RateLimited",
                "This connection sent more than "
                    + perSecond
                    + " messages per second, so the server dropped the excess; slow down or raise"
                    + " AppConfig.maxMessagesPerSecond"),
            null);
    // A close reason has at most 123 bytes.
    this.closeReason =
        "sent more than "
            + (long) RateLimiter.ABUSE_FACTOR * perSecond
            + " messages in one second, "
            + RateLimiter.ABUSE_FACTOR
            + " times AppConfig.maxMessagesPerSecond";
  }

  /**
   * Counts one message of {@code c}, on the socket thread.
   *
   * @return whether to handle the message; when false it is dropped and the client was told
   */
  boolean admit(Connection c) {
    RateLimiter limiter = byKey.get(c.key());
    if (limiter == null) {
      limiter = start(c);
    }
    switch (limiter.admit()) {
      case ACCEPT:
        return true;
      case FIRST_DROP:
        c.outbound().send(errorFrame);
        return false;
      case CLOSE:
        c.outbound().closeAfterFlush(POLICY_VIOLATION, closeReason);
        return false;
      default:
        return false;
    }
  }

  /** Registers the limiter of a connection's first message, and its report when it closes. */
  private RateLimiter start(Connection c) {
    RateLimiter fresh = new RateLimiter(perSecond, System::nanoTime);
    RateLimiter raced = byKey.putIfAbsent(c.key(), fresh);
    if (raced != null) {
      return raced;
    }
    c.closed().whenComplete((ignored, error) -> closed(c, fresh));
    return fresh;
  }

  private void closed(Connection c, RateLimiter limiter) {
    byKey.remove(c.key());
    long dropped = limiter.dropped();
    if (dropped == 0) {
      return;
    }
    log.warn(
        "{} sent more than {} messages per second (AppConfig.maxMessagesPerSecond): {} of its"
            + " messages were dropped{}",
        Connection.describe(c.id()),
        perSecond,
        dropped,
        limiter.isClosing()
            ? "; its connection was closed with " + POLICY_VIOLATION + " ('" + closeReason + "')"
            : "");
  }

  /** How many open connections have a limiter; for tests. */
  int tracked() {
    return byKey.size();
  }
}
