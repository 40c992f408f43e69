// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.internal.wire.Frames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbering rules of a page's frames, both ways. The page numbers its frames one after another
 * from its session's last processed seq; the server runs the next one, acknowledges a resend again
 * without running it, and treats anything else as a protocol error. An ack may name only a frame
 * the server sent.
 *
 * <p>A protocol error closes that socket with 1002 and changes nothing else: the frame does not
 * run, the session keeps its seqs and its buffer, so a correct page resumes where it was. Without
 * these rules a frame with seq {@code Long.MAX_VALUE} made every later frame of its page count as a
 * resend, acknowledged but never run, and an ack beyond the last frame sent threw away the frames
 * the page had not received.
 *
 * <pre>{@code
 * if (Sequence.admit(c, seq)) { ... run the frame ... }
 * Sequence.acked(c, seq);  // an ack from the page, in a frame of its own or in a call or emit
 * }</pre>
 */
final class Sequence {
  static final int PROTOCOL_ERROR = 1002;
  private static final Logger log = LoggerFactory.getLogger(Sequence.class);

  private Sequence() {}

  /**
   * Whether the frame with {@code seq} runs: it is the next one of its page session. A resend of a
   * processed frame is acknowledged again (the page then forgets it) and a frame that skips ahead
   * closes the socket; neither runs. On the connection's serial queue.
   */
  static boolean admit(Connection c, long seq) {
    long last = c.session().lastSeq();
    if (seq == last + 1) {
      return true;
    }
    if (seq <= last) {
      c.outbound().send(Frames.ack(seq));
      return false;
    }
    refuse(
        c,
        "sent frame seq " + seq + " where seq " + (last + 1) + " was next",
        "seq " + seq + " skips ahead: expected seq " + (last + 1));
    return false;
  }

  /**
   * Applies the page's ack of the frames up to {@code seq}, or closes the socket if it is bogus.
   *
   * @return false when the socket closes: a frame that carried the ack must not run
   */
  static boolean acked(Connection c, long seq) {
    if (c.session().acked(seq)) {
      return true;
    }
    long sent = c.session().lastSent();
    refuse(
        c,
        "acknowledged seq " + seq + " but the server has sent only up to seq " + sent,
        "ack of seq " + seq + ", never sent (last sent: " + sent + ")");
    return false;
  }

  private static void refuse(Connection c, String what, String reason) {
    // Only the first refusal of a socket is logged: the frames behind it are refused as well.
    if (c.closeAfterFlush(PROTOCOL_ERROR, reason)) {
      log.warn(
          "{} {}; closing its connection with {}. Its page session and buffered frames are kept,"
              + " so a correct page resumes where it was",
          Connection.describe(c.id()),
          what,
          PROTOCOL_ERROR);
    }
  }
}
