// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * recently connected, and reported once to {@code onGone}. A dropped session leaves the index at
 * once, so that a broadcast no longer visits it. When the frames held for pages pass the server's
 * budget, the pages that hold the most are dropped ({@link #relieve}). Thread-safe.
 *
 * <pre>{@code
 * PageSessions sessions =
 *     new PageSessions(grace, PageSessions.MAX_SESSIONS, MAX_PENDING, budget, onGone);
 * PageSession page = sessions.attach(id, "page-0001");
 * sessions.forEach(p -> p.send(tail));  // a broadcast
 * }</pre>
 */
final class PageSessions {
  private static final Logger log = LoggerFactory.getLogger(PageSessions.class);
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  /** Beyond this many remembered sessions, new pages connect without the option to resume. */
  static final int MAX_SESSIONS = 100_000;

  /** Frames a page may leave unacknowledged before its session is dropped. */
  static final int MAX_PENDING = 4096;

  /** How long after a relief that left the server over its budget the next one may start. */
  private static final long RELIEF_RETRY_NANOS = 10_000_000;

  private final Map<String, PageSession> sessions = new ConcurrentHashMap<>();
  // Immutable sets replaced under compute().
  private final ConcurrentMap<ClientId, Set<PageSession>> byId = new ConcurrentHashMap<>();
  private final long graceNanos;
  private final int maxSessions;
  private final int maxPending;
  private final BufferBudget budget;
  private final AtomicLong dropped = new AtomicLong();
  private final long sweepIntervalNanos;
  private final Consumer<Ended> onGone;
  private volatile long lastSweepNanos;
  private final AtomicBoolean isRelieving = new AtomicBoolean();
  private volatile long retryAfterNanos;

  PageSessions(
      Duration grace,
      int maxSessions,
      int maxPending,
      BufferBudget budget,
      Consumer<Ended> onGone) {
    this.graceNanos = grace.toNanos();
    this.maxSessions = maxSessions;
    this.maxPending = maxPending;
    this.budget = budget;
    this.onGone = onGone;
    // At most a second late, and no busier than every 50 ms when the grace is shorter.
    this.sweepIntervalNanos = Math.max(50_000_000L, Math.min(1_000_000_000L, graceNanos));
    this.lastSweepNanos = System.nanoTime() - sweepIntervalNanos;
    this.retryAfterNanos = System.nanoTime();
  }

  /** Sessions whose end runs no handlers: it completes once their last connection has. */
  PageSessions(Duration grace, int maxSessions, int maxPending, BufferBudget budget) {
    this(
        grace,
        maxSessions,
        maxPending,
        budget,
        e -> e.after().whenComplete((v, x) -> e.done().complete(null)));
  }

  /**
   * A page that is gone: its page_close handlers run once {@code after} (its last connection's end)
   * completes, and must then complete {@code done}, which a successor session waits for.
   */
  record Ended(PageSession page, CompletableFuture<Void> after, CompletableFuture<Void> done) {}

  /** How often {@link #sweep} should run for pages to be reported gone soon after their grace. */
  long sweepIntervalNanos() {
    return sweepIntervalNanos;
  }

  BufferBudget budget() {
    return budget;
  }

  /**
   * Returns the session of this client's page, a new one when the page names none, names it badly,
   * was away longer than the grace period or was dropped (then the new one still starts after the
   * old one's last connection has finished).
   */
  PageSession attach(ClientId id, String sessionId) {
    sweep();
    String name = isValidName(sessionId) ? sessionId : "fresh-" + UUID.randomUUID();
    // The client id is part of the key: another client cannot reach this session by its name.
    String key = key(id, name);
    PageSession known = sessions.get(key);
    if (known != null && known.claim(System.nanoTime())) {
      return known;
    }
    if (known != null) {
      end(known, PageSession.ANY_TIME, null, false);
      // Gone already (the sweep got there first) but maybe not yet out of the map: not ours.
      sessions.remove(key, known);
    }
    // Past the cap (a flood of page loads), a page still works; it just cannot resume.
    boolean resumable = sessions.size() < maxSessions;
    PageSession fresh = newSession(id, key, resumable);
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
   * A connection of {@code session}'s page ended ({@code finished} completes after its disconnect
   * handlers): the page is gone when it said it left ({@code left}), when it was dropped, or when
   * its session cannot be resumed (past the cap), unless a newer connection of the page has
   * attached meanwhile.
   */
  void detached(PageSession session, CompletableFuture<Void> finished, boolean left) {
    if (session.isMovingIn()) {
      // Its state is on its way from another node: it stays until that move settles.
      return;
    }
    if (left || session.isLost() || !session.isResumable()) {
      end(session, PageSession.ANY_TIME, finished, left && !session.isLost());
    }
  }

  /**
   * A session for a page that reconnects here naming a session this node does not hold, to be
   * claimed from the node that does (see {@link PageMoves}): kept under its name but not sent to
   * until {@link #activate}. Null when the name is not a valid one, or this node holds it.
   */
  PageSession adopting(ClientId id, String sessionId) {
    if (!isValidName(sessionId)) {
      return null;
    }
    String key = key(id, sessionId);
    if (sessions.containsKey(key) || sessions.size() >= maxSessions) {
      return null;
    }
    PageSession s = newSession(id, key, true);
    s.movingIn(true);
    return sessions.putIfAbsent(key, s) == null ? s : null;
  }

  /** The session of this page name while it is on its way from another node, else null. */
  PageSession movingIn(ClientId id, String sessionId) {
    PageSession s = sessionId == null ? null : sessions.get(key(id, sessionId));
    return s != null && s.isMovingIn() ? s : null;
  }

  /** Starts sending to a session {@link #adopting} made. */
  void activate(PageSession s) {
    s.movingIn(false);
    index(s.id(), s, true);
  }

  /**
   * Gives up the session kept under {@code key} to another node (see {@link PageSession#moveOut}):
   * from now on nothing is sent to it here.
   *
   * @return its state once final, or null when this node holds no such session
   */
  CompletableFuture<PageSession.Moved> moveOut(String key) {
    PageSession s = sessions.get(key);
    if (s == null) {
      return null;
    }
    CompletableFuture<PageSession.Moved> moving = s.moveOut();
    if (moving != null) {
      sessions.remove(key, s);
      index(s.id(), s, false);
    }
    return moving;
  }

  /** Whether a socket of {@code id} naming session {@code name} would resume it now. */
  boolean resumes(ClientId id, String name) {
    if (name == null) {
      return false;
    }
    PageSession known = sessions.get(key(id, name));
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

  /** {@code session} was dropped for falling behind: counted, and no longer sent to. */
  void dropped(PageSession session) {
    dropped.incrementAndGet();
    index(session.id(), session, false);
  }

  /** {@code session} was forgotten: no longer sent to (its key goes at the next sweep). */
  void unindex(PageSession session) {
    index(session.id(), session, false);
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

  /**
   * Drops every session, closing the connected ones with 1013, because frames meant for them may
   * have been lost: each page's next connection starts afresh and the page learns that its resume
   * failed.
   *
   * @return how many sessions were dropped
   */
  int resetAll() {
    int[] count = new int[1];
    forEach(
        page -> {
          if (page.reset()) {
            count[0]++;
          }
        });
    return count[0];
  }

  /** Ends the sessions whose page was away longer than the grace period, or was dropped. */
  void sweep() {
    long now = System.nanoTime();
    // At most once a second: the walk is linear in the number of sessions.
    if (now - lastSweepNanos < sweepIntervalNanos) {
      return;
    }
    sweep(now);
  }

  private void sweep(long now) {
    lastSweepNanos = now;
    sessions.forEach(
        (key, s) -> {
          // One on its way from another node is not away: it ends by its claim's timeout.
          if (!s.isMovingIn() && s.isExpired(now)) {
            end(s, now, null, false);
          }
        });
  }

  /**
   * Forgets {@code s} for good and reports its page gone, once: see {@link PageSession#end} for
   * {@code nowNanos} and {@code last}; {@code left} when the page said it left.
   */
  private void end(PageSession s, long nowNanos, CompletableFuture<Void> last, boolean left) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<Void> after = s.end(done, nowNanos, last);
    if (after == null) {
      return;
    }
    sessions.remove(s.key(), s);
    index(s.id(), s, false);
    onGone.accept(new Ended(s, after, done));
    int waiting = s.pending();
    s.forget();
    if (waiting > 0 && left) {
      // Pages acknowledge in batches (every 64 frames or 3 s): nearly every page that leaves
      // has some, and they most likely arrived. Only operators chasing one page want these.
      log.debug(
          "A page of {} left with {} frames it had not acknowledged yet",
          Connection.describe(s.id()),
          waiting);
    } else if (waiting > 0) {
      log.info(
          "A page of {} is gone (it was dropped or stayed away past the grace period): {}"
              + " frames for it were not delivered",
          Connection.describe(s.id()),
          waiting);
    }
  }

  private void index(ClientId id, PageSession s, boolean add) {
    byId.compute(
        id,
        (k, current) -> {
          // Dropping a session may unindex it more than once: no copy for nothing.
          if ((current != null && current.contains(s)) == add) {
            return current;
          }
          Set<PageSession> next = current == null ? new HashSet<>() : new HashSet<>(current);
          if (add) {
            next.add(s);
          } else {
            next.remove(s);
          }
          return next.isEmpty() ? null : Set.copyOf(next);
        });
  }

  /** Where a session is kept: the client id is part of it, so no other client can name it. */
  private static String key(ClientId id, String name) {
    return id.value() + "/" + name;
  }

  /** Whether a page named its session in the form violetear.js gives it. */
  private static boolean isValidName(String sessionId) {
    return sessionId != null && SESSION_ID.matcher(sessionId).matches();
  }

  /** A session under {@code key} with a new page id. */
  private PageSession newSession(ClientId id, String key, boolean resumable) {
    return new PageSession(
        PageId.of(id, newPageName()), key, graceNanos, maxPending, resumable, this);
  }

  /** A page's id among its client's pages: 96 random bits, so unique across restarts and nodes. */
  private static String newPageName() {
    byte[] bits = new byte[12];
    ThreadLocalRandom.current().nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  /**
   * Brings the frames held for pages back under the server's budget after a send took them over it:
   * forgets the expired sessions, then drops the pages that hold the most, biggest first, until
   * three quarters of the budget are held (so the next relief is a quarter of the budget away) or
   * no page holds more than its fair share, the budget divided among the pages. A page that reads
   * holds only what it has not acknowledged yet, far less than one that stopped reading, so it
   * keeps its frames; sends are never refused. One thread ranks at a time while the others' sends
   * go on. Ranking costs a walk and a sort of the pages, paid at most once per quarter of the
   * budget sent; only when a relief could not get under the budget (the pages that read hold it)
   * does the next one wait 10 ms, so that each send does not rank again.
   */
  void relieve() {
    long now = System.nanoTime();
    if (now - retryAfterNanos < 0 || !isRelieving.compareAndSet(false, true)) {
      return;
    }
    try {
      sweep(now);
      long total = budget.totalBytes();
      if (budget.buffered() <= total) {
        return;
      }
      List<Holding> holdings = new ArrayList<>();
      forEach(page -> holdings.add(new Holding(page, page.heldBytes())));
      holdings.sort(Comparator.comparingLong(Holding::bytes).reversed());
      long fairShare = total / Math.max(1, holdings.size());
      for (Holding h : holdings) {
        long held = budget.buffered();
        if (held <= total / 4 * 3 || h.bytes() <= fairShare) {
          break;
        }
        h.page()
            .drop(
                "holds "
                    + h.bytes()
                    + " bytes of frames, among the most of any page, while the server holds "
                    + held
                    + " bytes for its pages, over its budget of "
                    + total
                    + " bytes (Limits.bufferedBytes; raise it if pages that read are dropped)");
      }
      if (budget.buffered() > total) {
        retryAfterNanos = System.nanoTime() + RELIEF_RETRY_NANOS;
      }
    } finally {
      isRelieving.set(false);
    }
  }

  /** What a page held when a relief ranked it. */
  private record Holding(PageSession page, long bytes) {}

  /** How many sessions were dropped for falling too far behind. */
  long dropped() {
    return dropped.get();
  }

  int size() {
    return sessions.size();
  }
}
