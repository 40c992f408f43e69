// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import dev.violetear.ClientId;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The page sessions of an app, keyed by client and the session id the page sends; a session a
 * page has not used within the grace period is forgotten, so the map stays bounded by the pages
 * that were recently connected.
 */
final class PageSessions {
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  /** Beyond this many remembered sessions, new pages connect without the option to resume. */
  static final int MAX_SESSIONS = 100_000;

  private final Map<String, PageSession> sessions = new ConcurrentHashMap<>();
  private final long graceNanos;
  private final int maxSessions;

  PageSessions(Duration grace, int maxSessions) {
    this.graceNanos = grace.toNanos();
    this.maxSessions = maxSessions;
  }

  /**
   * Returns the session of this client's page, a new one when the page names none, names it
   * badly, or was away longer than the grace period.
   */
  PageSession attach(ClientId id, String sessionId) {
    long now = System.nanoTime();
    sessions.values().removeIf(s -> s.isExpired(now, graceNanos));
    String name = sessionId != null && SESSION_ID.matcher(sessionId).matches()
        ? sessionId
        : "fresh-" + UUID.randomUUID();
    String key = id.value() + "/" + name;
    PageSession known = sessions.get(key);
    if (known != null) {
      return known;
    }
    if (sessions.size() >= maxSessions) {
      // Bounded memory under a flood of page loads: this page works, it just cannot resume.
      return new PageSession();
    }
    // The client id is part of the key: another client cannot reach this session by its name.
    return sessions.computeIfAbsent(key, k -> new PageSession());
  }

  int size() {
    return sessions.size();
  }
}
