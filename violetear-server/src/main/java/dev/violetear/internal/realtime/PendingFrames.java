// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.internal.wire.Frames;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The frames sent to one page and not yet acknowledged, numbered in the order they were sent, with
 * what they cost the byte budget. Not thread-safe: its {@link PageSession} guards it.
 *
 * <pre>{@code
 * long seq = frames.add(tail);   // 1, 2, 3, ...
 * long freed = frames.ackUpTo(2);
 * }</pre>
 */
final class PendingFrames {
  /**
   * A frame sent to the page and not yet acknowledged, kept as its seq and the text every recipient
   * shares (see {@link Frames#numbered}): a broadcast's frame is held once, not once per page.
   *
   * @param seq its number in the page's session
   * @param tail its text without the opening brace
   */
  record Frame(long seq, String tail) {
    String text() {
      return Frames.numbered(seq, tail);
    }

    long cost() {
      return BufferBudget.cost(tail);
    }
  }

  // Sized for an idle page, as Outbound's queue is.
  private final ArrayDeque<Frame> frames = new ArrayDeque<>(1);
  // Volatile for PageSession.heldBytes, which ranks pages without their locks.
  private volatile long bytes;
  private long lastSent;

  /** Numbers {@code tail} and keeps it; returns its seq. */
  long add(String tail) {
    long seq = ++lastSent;
    frames.addLast(new Frame(seq, tail));
    bytes += BufferBudget.cost(tail);
    return seq;
  }

  /** Forgets the frames up to {@code seq}; returns the bytes they cost. */
  long ackUpTo(long seq) {
    long freed = 0;
    while (!frames.isEmpty() && frames.peekFirst().seq() <= seq) {
      freed += frames.pollFirst().cost();
    }
    bytes -= freed;
    return freed;
  }

  /** Forgets every frame; returns the bytes they cost. The numbering goes on. */
  long clear() {
    long freed = bytes;
    frames.clear();
    bytes = 0;
    return freed;
  }

  /**
   * Takes over the frames of a page's session from another node: numbering goes on after {@code
   * sent}. Returns the bytes they cost.
   */
  long restore(long sent, List<Frame> kept) {
    clear();
    lastSent = sent;
    for (Frame f : kept) {
      frames.addLast(f);
      bytes += f.cost();
    }
    return bytes;
  }

  /** The kept frames, oldest first, as a copy. */
  List<Frame> snapshot() {
    return List.copyOf(frames);
  }

  /** Passes the text of each kept frame, oldest first. */
  void forEachText(Consumer<String> action) {
    for (Frame f : frames) {
      action.accept(f.text());
    }
  }

  /** The seq of the newest kept frame, 0 when none is kept. */
  long newest() {
    return frames.isEmpty() ? 0 : frames.peekLast().seq();
  }

  /** The seq of the last frame sent, kept or acknowledged; 0 before the first. */
  long lastSent() {
    return lastSent;
  }

  int size() {
    return frames.size();
  }

  long bytes() {
    return bytes;
  }
}
