// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte budgets of the frames the server holds for pages ({@code Limits.pageBufferBytes} and
 * {@code Limits.bufferedBytes}) and the count of the bytes it holds now, over every page session's
 * unacknowledged frames and every connection's unwritten ones. Counting frames was not enough:
 * 2,000 sockets that stopped reading during a broadcast storm held their 4,096 frames each and grew
 * the heap from 74 to 702 MB. Thread-safe; every holder adds what it takes and releases exactly
 * that when it lets go, so the count returns to 0 once nothing is held.
 *
 * <p>A frame costs its length in characters (the bytes of a Latin-1 string, as JSON mostly is; text
 * outside Latin-1 takes up to twice that) plus {@link #FRAME_OVERHEAD}. A broadcast's frame is
 * shared by its page sessions but counted in each, which overestimates it: the safe side.
 *
 * <pre>{@code
 * BufferBudget budget = new BufferBudget(4L << 20, Runtime.getRuntime().maxMemory() / 4);
 * long cost = BufferBudget.cost(frame);
 * if (budget.fitsPage(held, cost)) {
 *   held += cost;
 *   boolean overTotal = budget.add(cost);  // then drop the pages that hold the most
 * }
 * budget.release(cost);                     // once the frame is acknowledged or written
 * }</pre>
 */
public final class BufferBudget {
  /**
   * What holding a frame costs beyond its characters: the headers of a String and its array (40
   * bytes with compressed pointers) and its queue slot, rounded up.
   */
  static final int FRAME_OVERHEAD = 48;

  private final long pageBytes;
  private final long totalBytes;
  private final AtomicLong buffered = new AtomicLong();

  /**
   * @param pageBytes the most bytes one page session may leave unacknowledged, and one connection
   *     unwritten
   * @param totalBytes the most bytes the server holds for all pages before it drops those that hold
   *     the most
   */
  public BufferBudget(long pageBytes, long totalBytes) {
    this.pageBytes = pageBytes;
    this.totalBytes = totalBytes;
  }

  /** What holding {@code frame} counts for. */
  static long cost(String frame) {
    return frame.length() + FRAME_OVERHEAD;
  }

  /**
   * Whether a holder (a page session, a connection) holding {@code held} bytes may take a frame of
   * {@code cost}: one frame always fits an empty holder, so a frame larger than the budget still
   * reaches a page that reads.
   */
  boolean fitsPage(long held, long cost) {
    return held == 0 || held + cost <= pageBytes;
  }

  /**
   * Whether a connection with {@code held} bytes unwritten may queue a frame of {@code cost}: it
   * has room for twice the page budget, its page session's whole buffer resent at once after a
   * reconnect (each frame a little longer, numbered) and the frames sent meanwhile, so that the
   * session's own budget drops a page first, as {@code Outbound.MAX_FRAMES} is twice {@code
   * PageSessions.MAX_PENDING}.
   */
  boolean fitsConnection(long held, long cost) {
    return held == 0 || held + cost <= 2 * pageBytes;
  }

  /** Counts {@code bytes} more held; returns whether the server now holds more than its budget. */
  boolean add(long bytes) {
    return buffered.addAndGet(bytes) > totalBytes;
  }

  /** Counts {@code bytes} no longer held. */
  void release(long bytes) {
    if (bytes != 0) {
      buffered.addAndGet(-bytes);
    }
  }

  /** The bytes held now. */
  long buffered() {
    return buffered.get();
  }

  long pageBytes() {
    return pageBytes;
  }

  long totalBytes() {
    return totalBytes;
  }
}
