// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page sessions of an app, keyed by client and the session id the page sends, and indexed by
 * client for sends. A session ends (its page is gone) when its page says it left, when it was
 * dropped or could not be kept, or when its page has not used it within the grace period; it is
 * then forgotten with the frames still waiting for it, so memory stays bounded by the pages
 * recently connected, and reported once to {@code onGone}. Thread-safe.
 */
final class PageSessions {
  private static final Logger log = LoggerFactory.getLogger(PageSessions.class);
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  /** Beyond this many remembered sessions, new pages connect without the option to resume. */
  static final int MAX_SESSIONS = 100_000;

  /** Frames a page may leave unacknowledged before its session is dropped. */
  static final int MAX_PENDING = 4096;

  private final Map<String, PageSession> sessions = new ConcurrentHashMap<>();
  // Immutable sets replaced under compute().
  private final ConcurrentMap<ClientId, Set<PageSession>> byId = new ConcurrentHashMap<>();
  private final long graceNanos;
  private final int maxSessions;
  private final int maxPending;
  private final AtomicLong dropped = new AtomicLong();
  private final long sweepIntervalNanos;
  private final Consumer<PageSession> onGone;
  private volatile long lastSweepNanos;

  PageSessions(Duration grace, int maxSessions, int maxPending, Consumer<PageSession> onGone) {
    this.graceNanos = grace.toNanos();
    this.maxSessions = maxSessions;
    this.maxPending = maxPending;
    this.onGone = onGone;
    this.sweepIntervalNanos = Math.min(1_000_000_000L, graceNanos);
    this.lastSweepNanos = System.nanoTime() - sweepIntervalNanos;
  }

  PageSessions(Duration grace, int maxSessions) {
    this(grace, maxSessions, MAX_PENDING, page -> {});
  }

  /**
   * How often {@link #sweep} should run for pages to be reported gone soon after their grace: at
   * most a second late, and no busier than every 50 ms when the grace is shorter.
   */
  long sweepIntervalNanos() {
    return Math.max(50_000_000L, sweepIntervalNanos);
  }

  /**
   * Returns the session of this client's page, a new one when the page names none, names it badly,
   * was away longer than the grace period or was dropped (then the new one still starts after the
   * old one's last connection has finished).
   */
  PageSession attach(ClientId id, String sessionId) {
    sweep();
    String name =
        sessionId != null && SESSION_ID.matcher(sessionId).matches()
            ? sessionId
            : "fresh-" + UUID.randomUUID();
    // The client id is part of the key: another client cannot reach this session by its name.
    String key = id.value() + "/" + name;
    PageSession known = sessions.get(key);
    if (known != null && known.claim(System.nanoTime())) {
      return known;
    }
    if (known != null) {
      end(known);
    }
    // Past the cap (a flood of page loads), a page still works; it just cannot resume.
    boolean resumable = sessions.size() < maxSessions;
    PageSession fresh =
        new PageSession(
            PageId.of(id, newPageName()),
            key,
            graceNanos,
            maxPending,
            resumable,
            dropped::incrementAndGet);
    if (known != null) {
      fresh.succeed(known);
    }
    if (resumable) {
      PageSession raced = sessions.putIfAbsent(key, fresh);
      if (raced != null) {
        return raced;
      }
    }
    index(id, fresh, true);
    return fresh;
  }

  /**
   * A connection of {@code session}'s page ended: the page is gone when it said it left ({@code
   * left}), when it was dropped, or when its session cannot be resumed (past the cap).
   */
  void detached(PageSession session, boolean left) {
    if (left || session.isLost() || !session.isResumable()) {
      end(session);
    }
  }

  /** Whether a socket of {@code id} naming session {@code name} would resume it now. */
  boolean resumes(ClientId id, String name) {
    if (name == null) {
      return false;
    }
    PageSession known = sessions.get(id.value() + "/" + name);
    return known != null && known.isResumableNow(System.nanoTime());
  }

  /** The page of {@code page}'s id while its session lasts, else null. */
  PageSession find(PageId page) {
    for (PageSession s : of(page.clientId())) {
      if (s.page().equals(page)) {
        return s;
      }
    }
    return null;
  }

  /** The sessions of {@code id}'s pages: open, or away within the grace period. */
  Set<PageSession> of(ClientId id) {
    return byId.getOrDefault(id, Set.of());
  }

  /**
   * Runs {@code action} for every session, open or away, in place: a broadcast to every page must
   * not first copy thousands of them. Sessions added or removed meanwhile may be missed or seen.
   */
  void forEach(Consumer<PageSession> action) {
    for (Set<PageSession> ofClient : byId.values()) {
      for (PageSession s : ofClient) {
        action.accept(s);
      }
    }
  }

  /** Ends the sessions whose page was away longer than the grace period, or was dropped. */
  void sweep() {
    long now = System.nanoTime();
    // At most once a second: the walk is linear in the number of sessions.
    if (now - lastSweepNanos < sweepIntervalNanos) {
      return;
    }
    lastSweepNanos = now;
    sessions.forEach(
        (key, s) -> {
          if (s.isExpired(now)) {
            end(s);
          }
        });
  }

  /** Forgets {@code s} for good and reports its page gone, once. */
  private void end(PageSession s) {
    if (!s.markGone()) {
      return;
    }
    sessions.remove(s.key(), s);
    index(s.id(), s, false);
    onGone.accept(s);
    int waiting = s.pending();
    if (waiting > 0) {
      log.info(
          "A page of {} is gone (it left, was dropped or stayed away past the grace period): {}"
              + " frames for it were not delivered",
          Connection.describe(s.id()),
          waiting);
    }
  }

  private void index(ClientId id, PageSession s, boolean add) {
    byId.compute(
        id,
        (k, current) -> {
          Set<PageSession> next = current == null ? new HashSet<>() : new HashSet<>(current);
          if (add) {
            next.add(s);
          } else {
            next.remove(s);
          }
          return next.isEmpty() ? null : Set.copyOf(next);
        });
  }

  /** A page's id among its client's pages: 96 random bits, so unique across restarts and nodes. */
  private static String newPageName() {
    byte[] bits = new byte[12];
    ThreadLocalRandom.current().nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  /** How many sessions were dropped for falling too far behind. */
  long dropped() {
    return dropped.get();
  }

  int size() {
    return sessions.size();
  }
}
