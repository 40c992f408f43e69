// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import java.io.Writer;

/**
 * An unsynchronized {@link Writer} into a {@link StringBuilder}, kept per thread so that writing a
 * frame allocates no writer and no growing buffer: only the frame's own string. Frames are written
 * on handler threads and on whatever thread an app sends from, one at a time per thread.
 *
 * <pre>{@code
 * TextWriter out = TextWriter.borrow();
 * try {
 *   out.write("{}");
 *   return out.text(0);
 * } finally {
 *   out.release();
 * }
 * }</pre>
 */
final class TextWriter extends Writer {
  /** A buffer grown past this by a large frame is not kept, so idle threads hold little. */
  private static final int KEEP_CHARS = 16 * 1024;

  private static final ThreadLocal<TextWriter> LOCAL = ThreadLocal.withInitial(TextWriter::new);

  private final StringBuilder text = new StringBuilder(256);
  // Set while borrowed: a serializer that writes a frame of its own gets a fresh writer.
  private boolean isBorrowed;

  private TextWriter() {}

  /** This thread's empty writer; {@link #release()} it when the text has been taken. */
  static TextWriter borrow() {
    TextWriter local = LOCAL.get();
    if (local.isBorrowed) {
      TextWriter fresh = new TextWriter();
      fresh.isBorrowed = true;
      return fresh;
    }
    local.isBorrowed = true;
    return local;
  }

  /** Empties the writer for the thread's next frame. */
  void release() {
    isBorrowed = false;
    text.setLength(0);
    if (text.capacity() > KEEP_CHARS && LOCAL.get() == this) {
      LOCAL.remove();
    }
  }

  /** What was written, from {@code start}. */
  String text(int start) {
    return text.substring(start);
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    text.append(chars, offset, length);
  }

  @Override
  public void write(String s, int offset, int length) {
    text.append(s, offset, offset + length);
  }

  @Override
  public void write(int c) {
    text.append((char) c);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
