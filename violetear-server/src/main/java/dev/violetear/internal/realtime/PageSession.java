// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.internal.wire.Frames;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server remembers of one page load across its reconnects, in both directions.
 *
 * <p>Browser to server: the last seq it processed, so that frames the browser resends after a drop
 * run at most once, and the connection that came before, so that a reconnect's handlers start only
 * after the old connection's have finished.
 *
 * <p>Server to browser: every {@code invoke} and {@code emit} gets the session's next seq and stays
 * in a bounded buffer until the browser acknowledges it. While the page is away (within the grace
 * period) frames only go to the buffer; a reconnect sends the unacknowledged ones again, first and
 * in order, and the browser ignores seqs it already had. A page that lets more than {@code
 * maxPending} frames, or more than its byte budget, wait is dropped: its connection closes with
 * 1013 and its next connection starts a fresh session, which the browser reports as a failed
 * resume. {@link PageSessions} drops the pages that hold the most when the server's total is over
 * its budget (see {@link BufferBudget}).
 *
 * <pre>{@code
 * PageSession page = sessions.attach(id, "page-0001");
 * page.attach(connection, received);  // resends what the page has not acknowledged
 * page.send(tail);                    // numbered, kept until acknowledged, written if connected
 * page.acked(seq);                    // frees the frames up to seq
 * }</pre>
 */
final class PageSession {
  private static final Logger log = LoggerFactory.getLogger(PageSession.class);
  private static final String FRESH_START =
      ". Its next connection starts afresh and its page learns that the resume failed";

  private final ClientId id;
  // Replaced once when the session is taken over from another node (see adopt).
  private volatile PageId page;
  // Where PageSessions keeps it: the client id and the name the page gave.
  private final String key;
  private final long graceNanos;
  private final int maxPending;
  // False for a page that connected past PageSessions' cap: it is forgotten when it disconnects.
  private final boolean isResumable;
  // True while the session waits to be taken over from another node (see PageMoves): its page
  // cannot leave it yet, since its page_open ran elsewhere.
  private volatile boolean isMovingIn;
  private final PageSessions owner;
  private final BufferBudget budget;

  // Written only from the serial queue of the session's current connection, which starts after
  // the previous connection's queue has finished (see handOver), so reads there see every write.
  private volatile long lastSeq;
  private volatile long idleSinceNanos = System.nanoTime();

  // Guarded by this.
  private CompletableFuture<Void> lastConnection = CompletableFuture.completedFuture(null);
  // Their cost is counted in the budget's total too.
  private final PendingFrames pending = new PendingFrames();
  // Volatile for heldBytes, which reads it without the lock.
  private volatile Connection current;
  private int connections;
  private boolean isLost;
  // The page is gone for good: it left, was dropped or stayed away; no connection attaches again.
  private boolean isGone;
  // The principal of the latest connection, for the page_close handlers.
  private Object principal;

  PageSession(
      PageId page,
      String key,
      long graceNanos,
      int maxPending,
      boolean isResumable,
      PageSessions owner) {
    this.id = page.clientId();
    this.page = page;
    this.key = key;
    this.owner = owner;
    this.budget = owner.budget();
    this.graceNanos = graceNanos;
    this.maxPending = maxPending;
    this.isResumable = isResumable;
  }

  /**
   * Makes a fresh session for the page of a lost one: its reconnect still starts after the lost
   * session's last connection has finished.
   */
  PageSession succeed(PageSession lost) {
    CompletableFuture<Void> before;
    synchronized (lost) {
      before = lost.lastConnection;
    }
    synchronized (this) {
      lastConnection = before;
    }
    return this;
  }

  long lastSeq() {
    return lastSeq;
  }

  /** Records that the frame with {@code seq} was processed. */
  void processed(long seq) {
    if (seq > lastSeq) {
      lastSeq = seq;
    }
  }

  /**
   * Makes {@code next} the session's current connection and returns the future of the one before
   * it, which completes when that connection's disconnect handlers have run.
   */
  synchronized CompletableFuture<Void> handOver(CompletableFuture<Void> next) {
    CompletableFuture<Void> previous = lastConnection;
    lastConnection = next;
    next.whenComplete((v, e) -> idleSinceNanos = System.nanoTime());
    return previous;
  }

  /**
   * Makes {@code c} the session's connection and routes its frames there from now on, starting with
   * the unacknowledged ones after {@code received} (the last seq the page says it has), all in one
   * step under the session's lock, so that the session cannot end (dropped, left, expired) between
   * the check and the attach. A connection of this page that is still open (the page gave up on it
   * first) is closed.
   *
   * @return whether the page resumes, the last frame resent to it and the previous connection's
   *     end; null, changing nothing, when the session has ended or was dropped (the caller then
   *     asks {@link PageSessions#attach} again, which starts a fresh one)
   */
  Opened open(Connection c, long received) {
    Connection replaced;
    Opened opened;
    synchronized (this) {
      if (isGone || isLost) {
        return null;
      }
      CompletableFuture<Void> previous = handOver(c.finished());
      // A page back after a restart names a seq of the session the server forgot: not this one's.
      acked(received);
      replaced = current;
      current = c;
      principal = c.principal();
      opened = new Opened(new Resume(connections > 0, pending.newest()), previous);
      connections++;
      pending.forEachText(c.outbound()::queue);
    }
    c.outbound().flush();
    if (replaced != null) {
      replaced.outbound().closeNow(4000, "a newer connection of this page took over");
    }
    return opened;
  }

  /**
   * What {@link #open} tells the page in its welcome: whether an earlier connection used the
   * session, and the seq of the last frame resent after the welcome (0 when none), so that the page
   * runs its {@code connect} handlers only after the frames it missed.
   */
  record Resume(boolean resumed, long replayTo) {}

  /**
   * A connection {@link #open} attached: what to tell the page, and the future that completes once
   * the session's previous connection has finished (its handlers start after it).
   */
  record Opened(Resume resume, CompletableFuture<Void> previous) {}

  /** Stops routing frames to {@code c}; they wait in the buffer for the page to come back. */
  synchronized void detach(Connection c) {
    if (current == c) {
      current = null;
    }
  }

  /**
   * Forgets the frames up to {@code seq}: the page has them.
   *
   * @return false, forgetting nothing, when {@code seq} names a frame the session never sent
   */
  synchronized boolean acked(long seq) {
    if (seq > pending.lastSent()) {
      return false;
    }
    budget.release(pending.ackUpTo(seq));
    return true;
  }

  /** The seq of the last frame sent to the page, 0 before the first. */
  synchronized long lastSent() {
    return pending.lastSent();
  }

  /**
   * Numbers the frame whose text without its opening brace is {@code tail} (an {@code invoke} or
   * {@code emit} from {@link Frames}), keeps it until acknowledged and writes it to the current
   * connection, if any. A page over its budget is dropped instead; a send that takes the server
   * over its total has the pages that hold the most dropped (see {@link PageSessions#relieve}).
   */
  void send(String tail) {
    long cost = BufferBudget.cost(tail);
    boolean isForgotten = false;
    boolean isOverTotal = false;
    String why = null;
    Connection dropped = null;
    Outbound to = null;
    synchronized (this) {
      if (isLost) {
        return;
      }
      if (current == null && isExpired(System.nanoTime())) {
        // Before its first connection a session only looks expired (attach hands it one next).
        if (connections == 0) {
          return;
        }
        // Nothing can resume it: its buffer goes now, not at the next sweep.
        forgetLocked();
        isForgotten = true;
      } else if ((why = overBudget(cost)) != null) {
        dropped = current;
        forgetLocked();
      } else {
        long seq = pending.add(tail);
        isOverTotal = budget.add(cost);
        if (current != null) {
          // Queued under the lock, so that frames reach the socket in the order of their seqs;
          // the write itself happens after, so other senders to this page do not wait for it.
          to = current.outbound();
          current.acks().queueNumbered(seq, tail);
        }
      }
    }
    if (isForgotten) {
      owner.unindex(this);
    } else if (why != null) {
      dropped(why, dropped);
    } else {
      if (to != null) {
        to.flush();
      }
      if (isOverTotal) {
        owner.relieve();
      }
    }
  }

  // Under the lock: why a frame of this cost would take the page over its budget, or null.
  private String overBudget(long cost) {
    if (pending.size() >= maxPending) {
      return "has not acknowledged "
          + pending.size()
          + " frames, the most a page may leave waiting";
    }
    if (!budget.fitsPage(pending.bytes(), cost)) {
      return "has left "
          + pending.size()
          + " frames ("
          + pending.bytes()
          + " bytes) unacknowledged, the most a page may leave waiting are "
          + budget.pageBytes()
          + " bytes (Limits.pageBufferBytes)";
    }
    return null;
  }

  /**
   * Drops the session, closing its connection with 1013, because {@code why} (what the page did,
   * following its client's name in the log); the page's next connection starts afresh.
   *
   * @return false when the session was dropped or forgotten already
   */
  boolean drop(String why) {
    Connection dropped;
    synchronized (this) {
      if (isLost) {
        return false;
      }
      dropped = current;
      forgetLocked();
    }
    dropped(why, dropped);
    return true;
  }

  /**
   * Drops the session as {@link #drop} does, without a log line of its own: frames meant for it may
   * have been lost on the way here (the caller logs once for every page).
   *
   * @return false when the session was dropped or forgotten already
   */
  boolean reset() {
    Connection dropped;
    synchronized (this) {
      if (isLost) {
        return false;
      }
      dropped = current;
      forgetLocked();
    }
    owner.dropped(this);
    if (dropped != null) {
      dropped
          .outbound()
          .closeNow(Outbound.TRY_AGAIN_LATER, "frames to the page may have been lost");
    }
    return true;
  }

  /**
   * Forgets the session's frames for good: it expired or was replaced, and nothing may resume it.
   */
  synchronized void forget() {
    forgetLocked();
  }

  // Under the lock: marks the session lost and releases exactly the bytes its frames counted for.
  private void forgetLocked() {
    isLost = true;
    current = null;
    budget.release(pending.clear());
  }

  // Outside the lock: the close and the log of a drop.
  private void dropped(String why, Connection dropped) {
    owner.dropped(this);
    log.warn(
        "{} {}; dropping its page session{}" + FRESH_START,
        Connection.describe(id),
        why,
        dropped == null ? " (it is away)" : " and closing its connection with 1013");
    if (dropped != null) {
      // The reason names no count: the page may have been dropped for frames, bytes or the total.
      dropped.outbound().closeNow(Outbound.TRY_AGAIN_LATER, "the page fell too far behind");
    }
  }

  /**
   * The bytes the server holds for this page: its unacknowledged frames and its connection's
   * unwritten ones. Without the lock, so a snapshot: for ranking pages.
   */
  long heldBytes() {
    Connection c = current;
    return pending.bytes() + (c == null ? 0 : c.outbound().queuedBytes());
  }

  /**
   * What another node needs to resume the page: its identity, the last seq of the page's frames it
   * processed, and the frames it sent and has not seen acknowledged.
   *
   * @param page the page's id value
   * @param lastSeq the last seq of the page's own frames processed
   * @param lastSent the seq of the last frame sent to the page
   * @param frames the frames sent and not acknowledged, oldest first
   */
  record Moved(String page, long lastSeq, long lastSent, List<PendingFrames.Frame> frames) {}

  /**
   * Gives the session up to another node that the page reconnected to: it ends here without its
   * page being gone (no page_close), any connection of it still open closes, and no connection
   * attaches again. The state is final once the returned future completes (its last connection's
   * handlers have run by then).
   *
   * @return the state once final, or null when the session ended or was dropped already
   */
  CompletableFuture<Moved> moveOut() {
    Connection open;
    CompletableFuture<Void> last;
    synchronized (this) {
      if (isGone || isLost) {
        return null;
      }
      isGone = true;
      open = current;
      current = null;
      last = lastConnection;
    }
    if (open != null) {
      open.outbound().closeNow(4000, "the page reconnected to another node");
    }
    return last.thenApply(
        done -> {
          synchronized (this) {
            Moved moved = new Moved(page.value(), lastSeq, pending.lastSent(), pending.snapshot());
            forgetLocked();
            return moved;
          }
        });
  }

  /**
   * Takes over the session of {@code moved} from another node, before any connection attached here:
   * the page resumes with its id, its processed seq and the frames it had not acknowledged,
   * followed by {@code since} (frame tails sent to it after the other node let go), numbered on.
   */
  void adopt(Moved moved, List<String> since) {
    long added;
    synchronized (this) {
      page = PageId.of(id, moved.page());
      lastSeq = moved.lastSeq();
      added = pending.restore(moved.lastSent(), moved.frames());
      for (String tail : since) {
        added += BufferBudget.cost(tail);
        pending.add(tail);
      }
      // The page had a connection elsewhere: it resumes, and its page_open ran there.
      connections = 1;
    }
    if (budget.add(added)) {
      owner.relieve();
    }
  }

  /** How many frames wait for the page's acknowledgement. */
  synchronized int pending() {
    return pending.size();
  }

  /** Whether the session dropped its buffer and must not be resumed. */
  synchronized boolean isLost() {
    return isLost;
  }

  /** The open connection of this page, or null while it is away. */
  synchronized Connection current() {
    return current;
  }

  /**
   * Takes the session for a connection of its page that is about to attach: false, changing
   * nothing, when the session is gone, lost or past its grace period. Taking it restarts its grace
   * period, so that the sweep cannot end it before the connection is handed over.
   */
  synchronized boolean claim(long nowNanos) {
    if (!isResumableNow(nowNanos)) {
      return false;
    }
    idleSinceNanos = nowNanos;
    return true;
  }

  /** Whether {@link #claim} would take the session now; changes nothing. */
  synchronized boolean isResumableNow(long nowNanos) {
    return !isGone && !isLost && !isExpired(nowNanos);
  }

  /** Passed to {@link #end} to end the session whether or not it has expired. */
  static final long ANY_TIME = Long.MIN_VALUE;

  /**
   * Marks the page gone for good, once, in one step with the checks that decide it: only when it
   * has expired at {@code nowNanos} (unless {@link #ANY_TIME}) and only when {@code last} (unless
   * null) is still the end of its latest connection, so that a connection attaching meanwhile keeps
   * it. The session's end is then {@code ended}, which completes once its page_close handlers have
   * run: a successor session of the same page starts after it.
   *
   * @return the end of the session's latest connection, after which page_close runs; null when it
   *     was not ended now
   */
  synchronized CompletableFuture<Void> end(
      CompletableFuture<Void> ended, long nowNanos, CompletableFuture<Void> last) {
    if (isGone
        || nowNanos != ANY_TIME && !isExpired(nowNanos)
        || last != null && lastConnection != last) {
      return null;
    }
    isGone = true;
    CompletableFuture<Void> before = lastConnection;
    lastConnection = ended;
    return before;
  }

  /** Whether no connection has used the session for longer than the grace period. */
  synchronized boolean isExpired(long nowNanos) {
    return lastConnection.isDone()
        && (isLost || !isResumable || nowNanos - idleSinceNanos >= graceNanos);
  }

  ClientId id() {
    return id;
  }

  /** The page's identity, as handlers see it. */
  PageId page() {
    return page;
  }

  String key() {
    return key;
  }

  /** The principal of the page's latest connection, or null. */
  synchronized Object principal() {
    return principal;
  }

  /** Marks the session as waiting for its state from another node, or done waiting. */
  void movingIn(boolean waiting) {
    isMovingIn = waiting;
  }

  boolean isMovingIn() {
    return isMovingIn;
  }

  boolean isResumable() {
    return isResumable;
  }
}
