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
 * share one ack and the socket carries one write per call, not two.
 *
 * <p>Holding is safe for the page: violetear.js never resends on a timer, only after a reconnect,
 * whose welcome names the last seq the server processed; an ack only frees its queue of {@code
 * maxQueue} frames, which a 10 ms delay cannot fill at any rate the server admits. An ack goes out
 * only for frames already handled, and {@link #flush} sends a held one before the server closes the
 * connection, so the page resends nothing that ran.
 *
 * <pre>{@code
 * Acks acks = new Acks(outbound, Acks.HOLD_NANOS, System::nanoTime, timer::hold);
 * acks.processed(7);   // on the serial queue, per frame
 * acks.afterBatch();   // on the serial queue, per batch: {"t":"ack","seq":7} now or held
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
    acked = seq;
    ackedAtNanos = now;
    hasAcked = true;
    outbound.queue(Frames.ack(seq));
  }
}
