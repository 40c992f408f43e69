// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.util.ArrayDeque;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames waiting to go to one connection, written one at a time with Jetty's asynchronous
 * {@code sendText}: whoever sends (a handler thread, a broadcast from any thread) only appends to
 * the queue and never waits for the network, so a slow client delays nobody but itself. Jetty's
 * {@link IteratingCallback} runs the write loop without recursion when writes complete at once.
 *
 * <p>The queue starts closed: frames sent before {@link #open} wait, so the welcome frame is always
 * the first one a client receives. It is bounded in frames and in bytes (see {@link
 * BufferBudget#fitsConnection}; counted in the server's total too); a client that does not read its
 * frames fast enough is disconnected (1013), and reconnects with an empty queue.
 *
 * <pre>{@code
 * Outbound out = new Outbound(socket, "client 4f2a", budget);
 * out.send(frame);          // queued until open, then written in order
 * out.open(welcome);        // the welcome goes first
 * }</pre>
 */
final class Outbound extends IteratingCallback {
  /**
   * Room for a page session's whole buffer of unacknowledged frames, resent at once after a
   * reconnect, plus as many acks and errors: the session's own bound drops a page first.
   */
  static final int MAX_FRAMES = 2 * PageSessions.MAX_PENDING;

  static final int TRY_AGAIN_LATER = 1013;
  private static final Logger log = LoggerFactory.getLogger(Outbound.class);

  private final Wire session;
  private final String owner;
  private final BufferBudget budget;
  private final Object lock = new Object();

  // All guarded by lock.
  // Sized for an idle socket, which queues nothing (ArrayDeque's default is 17 slots, 88 bytes); it
  // grows with a burst. After 5,000 sockets opened, G1 sized the heap to about 3 times its live
  // data, so each byte a socket keeps may cost three of RSS.
  private final ArrayDeque<String> frames = new ArrayDeque<>(1);
  // The cost of the frames queued (see BufferBudget.cost); volatile so that the server's relief
  // can rank pages without taking this lock.
  private volatile long queuedBytes;
  private boolean isOpen;
  // Nothing more is written: the connection closed, failed or overflowed.
  private boolean isDone;
  // A close requested by closeAfterFlush; 0 when none.
  private int closeCode;
  private String closeReason = "";

  Outbound(Wire session, String owner, BufferBudget budget) {
    this.session = session;
    this.owner = owner;
    this.budget = budget;
  }

  /** Sends {@code first}, then every frame that waited for it and all later ones. */
  void open(String first) {
    synchronized (lock) {
      if (isDone) {
        return;
      }
      frames.addFirst(first);
      taken(BufferBudget.cost(first));
      isOpen = true;
    }
    iterate();
  }

  /** Queues {@code frame} and writes what is queued; drops it when the connection is gone. */
  void send(String frame) {
    queue(frame);
    flush();
  }

  /**
   * Queues {@code frame} without writing it, so that a caller may hold its own lock (the order of a
   * page session's seqs) for no longer than an append; it must {@link #flush} after releasing it.
   */
  void queue(String frame) {
    long cost = BufferBudget.cost(frame);
    int waiting;
    long waitingBytes;
    synchronized (lock) {
      if (isDone) {
        log.debug("Dropped a frame for {}: its connection is closed", owner);
        return;
      }
      if (frames.size() < MAX_FRAMES && budget.fitsConnection(queuedBytes, cost)) {
        frames.add(frame);
        taken(cost);
        return;
      }
      waiting = frames.size();
      waitingBytes = queuedBytes;
      isDone = true;
      dropQueued();
    }
    log.warn(
        "{} does not read its frames: {} frames ({} bytes) are waiting, the most are {} frames or"
            + " {} bytes (twice Limits.pageBufferBytes). Closing its connection with 1013; it may"
            + " reconnect",
        owner,
        waiting,
        waitingBytes,
        MAX_FRAMES,
        2 * budget.pageBytes());
    session.close(TRY_AGAIN_LATER, "too many frames wait for this client");
  }

  /** The bytes of the frames queued and not yet written. */
  long queuedBytes() {
    return queuedBytes;
  }

  // Under lock: counts a frame just queued, here and in the server's total.
  private void taken(long cost) {
    queuedBytes += cost;
    budget.add(cost);
  }

  // Under lock: forgets every queued frame, releasing exactly the bytes they were counted for.
  private void dropQueued() {
    frames.clear();
    budget.release(queuedBytes);
    queuedBytes = 0;
  }

  /** Writes the queued frames, unless a write is already under way (it then writes them). */
  void flush() {
    iterate();
  }

  /**
   * Closes the connection with {@code code} once the frames queued so far are written.
   *
   * @return whether this call asked for the close: false when one was asked for already
   */
  boolean closeAfterFlush(int code, String reason) {
    synchronized (lock) {
      if (isDone || closeCode != 0) {
        return false;
      }
      closeCode = code;
      closeReason = reason;
      // A connection still waiting for its welcome has nothing the client could use.
      if (!isOpen) {
        dropQueued();
        isOpen = true;
      }
    }
    iterate();
    return true;
  }

  /** Closes the connection at once, dropping what is queued. */
  void closeNow(int code, String reason) {
    discard();
    session.close(code, reason);
  }

  /** Drops everything still queued: the connection is gone. */
  void discard() {
    synchronized (lock) {
      isDone = true;
      dropQueued();
    }
  }

  @Override
  protected Action process() {
    String next;
    int code;
    String reason;
    synchronized (lock) {
      if (isDone || !isOpen) {
        return Action.IDLE;
      }
      next = frames.poll();
      if (next != null) {
        // Handed to Jetty, which holds at most this one frame of the connection in flight.
        long cost = BufferBudget.cost(next);
        queuedBytes -= cost;
        budget.release(cost);
      }
      if (next == null && closeCode == 0) {
        return Action.IDLE;
      }
      if (next == null) {
        isDone = true;
      }
      code = closeCode;
      reason = closeReason;
    }
    if (next == null) {
      session.close(code, reason);
      return Action.IDLE;
    }
    // This loop is the write's callback: at most one write is in flight, and none allocates.
    session.sendText(next, this);
    return Action.SCHEDULED;
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    synchronized (lock) {
      isDone = true;
      dropQueued();
    }
    log.debug("Writing to {} failed; dropping its frames", owner, cause);
  }

  /** The socket the frames go to. */
  interface Wire {
    /** Writes {@code text} as one text frame and completes {@code callback} when it is written. */
    void sendText(String text, Callback callback);

    /** Starts the close handshake with {@code code}. */
    void close(int code, String reason);
  }
}
