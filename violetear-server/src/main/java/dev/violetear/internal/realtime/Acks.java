// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.internal.wire.Frames;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The acknowledgements of one connection's frames. Acks are cumulative, so one per batch of frames
 * the serial queue handled says as much as one per frame: {@link #afterBatch} sends it. While the
 * page keeps sending (the previous ack left less than the hold time ago) the ack is held instead,
 * and the app's {@link AckTimer} sends it within the hold time, so a page's consecutive frames
 * share one ack.
 *
 * <p>A numbered frame written to the page ({@link #queueNumbered}) carries the ack of every frame
 * that has started to run, so a call answered at once costs one write, the answer, instead of the
 * answer and an ack: at 1,000 sockets the separate ack was a second {@code writev} per call. A
 * frame that started runs to its end (or to an error frame), so the page may forget it then: it
 * would only resend it after a reconnect, and the server would skip it as already processed.
 *
 * <p>Holding is safe for the page: violetear.js never resends on a timer, only after a reconnect,
 * whose welcome names the last seq the server processed; an ack only frees its queue of {@code
 * maxQueue} frames, which a 10 ms delay cannot fill at any rate the server admits. {@link #flush}
 * sends a held ack before the server closes the connection, so the page resends nothing that ran.
 *
 * <pre>{@code
 * Acks acks = new Acks(outbound, Acks.HOLD_NANOS, System::nanoTime, timer::hold);
 * acks.started(7);             // on the serial queue, before the frame runs
 * acks.queueNumbered(3, tail); // a frame to the page: {"seq":3,"ack":7,...}
 * acks.processed(7);           // on the serial queue, per frame
 * acks.afterBatch();           // per batch: {"t":"ack","seq":7} now or held, unless already sent
 * }</pre>
 */
final class Acks {
  /** How long an ack may wait for the frames after it. */
  static final long HOLD_NANOS = 10_000_000;

  private final Outbound outbound;
  private final long holdNanos;
  private final LongSupplier clock;
  private final Consumer<Acks> hold;

  // The last seq handled; written by the connection's serial queue, read by the timer too.
  private volatile long processed;
  // The last seq that started to run; written by the serial queue, read by senders to the page.
  private volatile long started;

  // Guarded by this.
  private long acked;
  private long ackedAtNanos;
  private boolean hasAcked;
  // Set while the timer has this connection to flush, so that it is registered once.
  private boolean isHeld;

  /**
   * Acknowledges on {@code outbound}; {@code hold} registers a held ack with the timer that calls
   * {@link #flush} within {@code holdNanos} of {@code clock}.
   */
  Acks(Outbound outbound, long holdNanos, LongSupplier clock, Consumer<Acks> hold) {
    this.outbound = outbound;
    this.holdNanos = holdNanos;
    this.clock = clock;
    this.hold = hold;
  }

  /** Records that the frame with {@code seq} starts to run: it will be handled. */
  void started(long seq) {
    if (seq > started) {
      started = seq;
    }
  }

  /**
   * Queues the page session's frame {@code seq} (see {@link Frames#numbered(long, String)}),
   * acknowledging in it the frames that started and were not acknowledged yet. Under this lock, so
   * that the acks the page reads only increase.
   */
  void queueNumbered(long seq, String tail) {
    synchronized (this) {
      long ack = started;
      if (ack <= acked) {
        outbound.queue(Frames.numbered(seq, tail));
        return;
      }
      sent(ack, clock.getAsLong());
      outbound.queue(Frames.numbered(seq, ack, tail));
    }
  }

  /**
   * Records that the frame with {@code seq} was handled (it ran, or failed with an error frame).
   */
  void processed(long seq) {
    if (seq > processed) {
      processed = seq;
    }
  }

  /** Acknowledges the frames of the batch just handled, at once or held (see the class). */
  void afterBatch() {
    long seq = processed;
    synchronized (this) {
      if (seq <= acked) {
        return;
      }
      long now = clock.getAsLong();
      if (!hasAcked || now - ackedAtNanos >= holdNanos) {
        queue(seq, now);
      } else if (isHeld) {
        return;
      } else {
        isHeld = true;
        seq = -1;
      }
    }
    if (seq < 0) {
      hold.accept(this);
    } else {
      outbound.flush();
    }
  }

  /** Sends a held ack now: from the timer, and before the server closes the connection. */
  void flush() {
    synchronized (this) {
      isHeld = false;
      long seq = processed;
      if (seq <= acked) {
        return;
      }
      queue(seq, clock.getAsLong());
    }
    outbound.flush();
  }

  // Queued under the lock so that acks reach the page in increasing order; written after it.
  private void queue(long seq, long now) {
    sent(seq, now);
    outbound.queue(Frames.ack(seq));
  }

  private void sent(long seq, long now) {
    acked = seq;
    ackedAtNanos = now;
    hasAcked = true;
  }
}
