// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the server remembers of one page load across its reconnects, in both directions.
 *
 * <p>Browser to server: the last seq it processed, so that frames the browser resends after a drop
 * run at most once, and the connection that came before, so that a reconnect's handlers start only
 * after the old connection's have finished.
 *
 * <p>Server to browser: every {@code invoke} and {@code emit} gets the session's next seq and stays
 * in a bounded buffer until the browser acknowledges it (see {@link PageOutbox}). While the page is
 * away (within the grace period) frames only go to the buffer; a reconnect sends the unacknowledged
 * ones again, first and in order, and the browser ignores seqs it already had.
 *
 * <pre>{@code
 * PageSession page = sessions.attach(id, "page-0001");
 * page.open(connection, received);    // resends what the page has not acknowledged
 * page.send(tail);                    // numbered, kept until acknowledged, written if connected
 * page.acked(seq);                    // frees the frames up to seq
 * }</pre>
 */
final class PageSession {
  private final ClientId id;
  // Replaced once when the session is taken over from another node (see adopt).
  private volatile PageId page;
  // Where PageSessions keeps it: the client id and the name the page gave.
  private final String key;
  private final long graceNanos;
  // False for a page that connected past PageSessions' cap: it is forgotten when it disconnects.
  private final boolean isResumable;
  // True while the session waits to be taken over from another node (see PageMoves): its page
  // cannot leave it yet, since its page_open ran elsewhere.
  private volatile boolean isMovingIn;
  private final PageSessions owner;
  private final PageOutbox outbox;

  // Written only from the serial queue of the session's current connection, which starts after
  // the previous connection's queue has finished (see handOver), so reads there see every write.
  private volatile long lastSeq;
  private volatile long idleSinceNanos = System.nanoTime();

  // Guarded by this.
  private CompletableFuture<Void> lastConnection = CompletableFuture.completedFuture(null);
  private int connections;
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
    this.graceNanos = graceNanos;
    this.isResumable = isResumable;
    this.outbox = new PageOutbox(this, owner, maxPending);
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
      if (isGone || outbox.isLostLocked()) {
        return null;
      }
      CompletableFuture<Void> previous = handOver(c.finished());
      replaced = outbox.attachLocked(c, received);
      principal = c.principal();
      opened = new Opened(new Resume(connections > 0, outbox.newestLocked()), previous);
      connections++;
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
  void detach(Connection c) {
    outbox.detach(c);
  }

  /** See {@link PageOutbox#acked}. */
  boolean acked(long seq) {
    return outbox.acked(seq);
  }

  /** The seq of the last frame sent to the page, 0 before the first. */
  synchronized long lastSent() {
    return outbox.lastSentLocked();
  }

  /** See {@link PageOutbox#send}. */
  void send(String tail) {
    outbox.send(tail);
  }

  /**
   * Drops the session, closing its connection with 1013, because {@code why} (what the page did,
   * following its client's name in the log); the page's next connection starts afresh.
   *
   * @return false when the session was dropped or forgotten already
   */
  boolean drop(String why) {
    return outbox.drop(why);
  }

  /**
   * Drops the session as {@link #drop} does, without a log line of its own: frames meant for it may
   * have been lost on the way here (the caller logs once for every page).
   *
   * @return false when the session was dropped or forgotten already
   */
  boolean reset() {
    return outbox.drop(null);
  }

  /**
   * Forgets the session's frames for good: it expired or was replaced, and nothing may resume it.
   */
  synchronized void forget() {
    outbox.forgetLocked();
  }

  /** See {@link PageOutbox#heldBytes}. */
  long heldBytes() {
    return outbox.heldBytes();
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
      if (isGone || outbox.isLostLocked()) {
        return null;
      }
      isGone = true;
      open = outbox.releaseLocked();
      last = lastConnection;
    }
    if (open != null) {
      open.outbound().closeNow(4000, "the page reconnected to another node");
    }
    return last.thenApply(
        done -> {
          synchronized (this) {
            long sent = outbox.lastSentLocked();
            return new Moved(page.value(), lastSeq, sent, outbox.takeLocked());
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
      added = outbox.restoreLocked(moved.lastSent(), moved.frames(), since);
      // The page had a connection elsewhere: it resumes, and its page_open ran there.
      connections = 1;
    }
    if (owner.budget().add(added)) {
      owner.relieve();
    }
  }

  /** How many frames wait for the page's acknowledgement. */
  synchronized int pending() {
    return outbox.sizeLocked();
  }

  /** Whether the session dropped its buffer and must not be resumed. */
  synchronized boolean isLost() {
    return outbox.isLostLocked();
  }

  /** The open connection of this page, or null while it is away. */
  synchronized Connection current() {
    return outbox.currentLocked();
  }

  /** With the lock held: whether a connection ever attached (or the session moved here). */
  boolean hasConnectedLocked() {
    return connections > 0;
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
    return !isGone && !outbox.isLostLocked() && !isExpired(nowNanos);
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
        && (outbox.isLostLocked() || !isResumable || nowNanos - idleSinceNanos >= graceNanos);
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
