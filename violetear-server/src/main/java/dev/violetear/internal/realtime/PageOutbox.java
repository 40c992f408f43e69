// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.internal.wire.Frames;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-to-page half of a {@link PageSession}: the frames sent to the page and not yet
 * acknowledged, within the page's budget and the server's, and the connection they are written to
 * while the page is connected. A page that lets more than {@code maxPending} frames, or more than
 * its byte budget, wait is dropped: its connection closes with 1013 and its next connection starts
 * a fresh session. It shares its session's lock (the session object), so that attaching a
 * connection, ending the session and numbering a frame are each one step.
 *
 * <pre>{@code
 * outbox.send(tail);   // numbered, kept until acknowledged, written if connected
 * outbox.acked(seq);   // frees the frames up to seq
 * }</pre>
 */
final class PageOutbox {
  private static final Logger log = LoggerFactory.getLogger(PageOutbox.class);
  private static final String FRESH_START =
      ". Its next connection starts afresh and its page learns that the resume failed";

  private final PageSession session;
  private final PageSessions owner;
  private final BufferBudget budget;
  private final int maxPending;
  // Guarded by session. Their cost is counted in the budget's total too.
  private final PendingFrames pending = new PendingFrames();
  // Guarded by session; volatile for heldBytes, which reads it without the lock.
  private volatile Connection current;
  private boolean isLost;

  PageOutbox(PageSession session, PageSessions owner, int maxPending) {
    this.session = session;
    this.owner = owner;
    this.budget = owner.budget();
    this.maxPending = maxPending;
  }

  /**
   * With the session's lock held: routes frames to {@code c} from now on, after resending those the
   * page has not acknowledged past {@code received}.
   *
   * @return the connection it replaces, or null
   */
  Connection attachLocked(Connection c, long received) {
    // A page back after a restart names a seq of the session the server forgot: not this one's.
    acked(received);
    Connection replaced = current;
    current = c;
    pending.forEachText(c.outbound()::queue);
    return replaced;
  }

  /** Stops routing frames to {@code c}; they wait in the buffer for the page to come back. */
  void detach(Connection c) {
    synchronized (session) {
      if (current == c) {
        current = null;
      }
    }
  }

  /**
   * Forgets the frames up to {@code seq}: the page has them.
   *
   * @return false, forgetting nothing, when {@code seq} names a frame the session never sent
   */
  boolean acked(long seq) {
    synchronized (session) {
      if (seq > pending.lastSent()) {
        return false;
      }
      budget.release(pending.ackUpTo(seq));
      return true;
    }
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
    synchronized (session) {
      if (isLost) {
        return;
      }
      if (current == null && session.isExpired(System.nanoTime())) {
        // Before its first connection a session only looks expired (attach hands it one next).
        if (!session.hasConnectedLocked()) {
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
      owner.unindex(session);
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
   * following its client's name in the log); with {@code why} null, quietly: frames meant for it
   * may have been lost on the way here, and the caller logs once for every page.
   *
   * @return false when the session was dropped or forgotten already
   */
  boolean drop(String why) {
    Connection dropped;
    synchronized (session) {
      if (isLost) {
        return false;
      }
      dropped = current;
      forgetLocked();
    }
    dropped(why, dropped);
    return true;
  }

  /** With the session's lock held: marks it lost and releases what its frames counted for. */
  void forgetLocked() {
    isLost = true;
    current = null;
    budget.release(pending.clear());
  }

  // Outside the lock: the close and the log of a drop.
  private void dropped(String why, Connection dropped) {
    owner.dropped(session);
    if (why == null) {
      if (dropped != null) {
        dropped
            .outbound()
            .closeNow(Outbound.TRY_AGAIN_LATER, "frames to the page may have been lost");
      }
      return;
    }
    log.warn(
        "{} {}; dropping its page session{}" + FRESH_START,
        Connection.describe(session.id()),
        why,
        dropped == null ? " (it is away)" : " and closing its connection with 1013");
    if (dropped != null) {
      // The reason names no count: the page may have been dropped for frames, bytes or the total.
      dropped.outbound().closeNow(Outbound.TRY_AGAIN_LATER, "the page fell too far behind");
    }
  }

  /**
   * With the session's lock held: lets go of the connection, as the session moves to another node.
   *
   * @return the connection that was open, or null
   */
  Connection releaseLocked() {
    Connection open = current;
    current = null;
    return open;
  }

  /** With the session's lock held: the frames kept, for another node, then forgets them. */
  List<PendingFrames.Frame> takeLocked() {
    List<PendingFrames.Frame> frames = pending.snapshot();
    forgetLocked();
    return frames;
  }

  /**
   * With the session's lock held: takes over frames a session kept on another node ({@code sent}
   * the last seq sent there), then numbers on with {@code since}.
   *
   * @return the bytes they cost, to count in the budget's total
   */
  long restoreLocked(long sent, List<PendingFrames.Frame> frames, List<String> since) {
    long added = pending.restore(sent, frames);
    for (String tail : since) {
      added += BufferBudget.cost(tail);
      pending.add(tail);
    }
    return added;
  }

  /**
   * The bytes the server holds for this page: its unacknowledged frames and its connection's
   * unwritten ones. Without the lock, so a snapshot: for ranking pages.
   */
  long heldBytes() {
    Connection c = current;
    return pending.bytes() + (c == null ? 0 : c.outbound().queuedBytes());
  }

  /** With the session's lock held: the seq of the newest frame kept, 0 when none. */
  long newestLocked() {
    return pending.newest();
  }

  /** With the session's lock held: the seq of the last frame sent, 0 before the first. */
  long lastSentLocked() {
    return pending.lastSent();
  }

  /** With the session's lock held: whether the buffer was dropped and must not be resumed. */
  boolean isLostLocked() {
    return isLost;
  }

  /** With the session's lock held: how many frames wait for an acknowledgement. */
  int sizeLocked() {
    return pending.size();
  }

  /** With the session's lock held: the open connection, or null while the page is away. */
  Connection currentLocked() {
    return current;
  }
}
