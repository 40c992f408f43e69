// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.internal.security.RateLimiter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AppConfig.maxMessagesPerSecond} for every socket: checks each incoming message on the
 * socket thread, before it is queued for the handlers, so a flood never fills a handler queue or
 * takes a handler thread from other clients.
 *
 * <p>The first message over the budget (see {@link RateLimiter}) closes the socket with 1008 once
 * the frames queued for it are written; it and every later message of that socket are dropped
 * unacknowledged, so a browser that reconnects sends them again, in order, and nothing is lost.
 * When the socket closes, one warning gives the number of messages dropped.
 *
 * <pre>{@code
 * MessageRateLimit limit = new MessageRateLimit(200);
 * if (limit.admit(connection)) { ... queue the message ... }
 * }</pre>
 */
public final class MessageRateLimit {
  static final int POLICY_VIOLATION = 1008;
  private static final Logger log = LoggerFactory.getLogger(MessageRateLimit.class);

  private final int perSecond;
  private final String closeReason;
  private final ConcurrentMap<String, RateLimiter> byKey = new ConcurrentHashMap<>();

  public MessageRateLimit(int perSecond) {
    this.perSecond = perSecond;
    // A close reason has at most 123 bytes.
    this.closeReason =
        "sent more than " + perSecond + " messages per second (AppConfig.maxMessagesPerSecond)";
  }

  /**
   * Counts one message of {@code c}, on the socket thread.
   *
   * @return whether to handle the message; when false it is dropped and the socket is closing
   */
  boolean admit(Connection c) {
    RateLimiter limiter = byKey.get(c.key());
    if (limiter == null) {
      limiter = start(c);
    }
    switch (limiter.admit()) {
      case ACCEPT:
        return true;
      case CLOSE:
        c.closeAfterFlush(POLICY_VIOLATION, closeReason);
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
        "{} sent more than {} messages per second (AppConfig.maxMessagesPerSecond): its"
            + " connection was closed with {} and {} of its messages were dropped unacknowledged"
            + " (a browser sends them again when it reconnects)",
        Connection.describe(c.id()),
        perSecond,
        POLICY_VIOLATION,
        dropped);
  }

  /** How many open connections have a limiter; for tests. */
  int tracked() {
    return byKey.size();
  }
}
