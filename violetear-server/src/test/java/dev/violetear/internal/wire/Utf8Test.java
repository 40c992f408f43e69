// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-place UTF-8 check must agree with Java's strict decoder, which the server used before. */
class Utf8Test {
  /** Bytes at the edges of every range the well-formedness table draws. */
  private static final int[] EDGES = {
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
    0xF0, 0xF4, 0xF5, 0xFF
  };

  /** Every byte that starts a longer sequence, or looks as if it might. */
  private static final int[] LEADS = {
    0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4,
    0xF5, 0xF7, 0xF8, 0xFF
  };

  /** Third bytes of four-byte sequences: continuation bytes at their edges and just outside. */
  private static final int[] FOLLOWERS = {0x7F, 0x80, 0xBF, 0xC0};

  private final CharsetDecoder strict =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  @Test
  void agreesOnEveryOneAndTwoByteSequence() {
    for (int a = 0; a < 256; a++) {
      assertAgrees(new byte[] {(byte) a});
      for (int b = 0; b < 256; b++) {
        assertAgrees(new byte[] {(byte) a, (byte) b});
      }
    }
  }

  @Test
  void agreesOnLongerSequencesAroundEveryEdge() {
    for (int a : LEADS) {
      for (int b = 0; b < 256; b++) {
        for (int c : EDGES) {
          assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c});
        }
        if (a >= 0xF0) {
          for (int c : FOLLOWERS) {
            for (int d : EDGES) {
              assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
            }
          }
        }
      }
    }
  }

  @Test
  void agreesOnMixedText() {
    Random random = new Random(42);
    byte[] text = "a é € 😀 \u0000 \uFFFF".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.isValid(text)).isTrue();
    assertThat(Utf8.isValid(new byte[0])).isTrue();
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[1 + random.nextInt(12)];
      for (int j = 0; j < bytes.length; j++) {
        // Mostly valid pieces of text, now and then a byte that may break them.
        bytes[j] =
            random.nextInt(4) == 0 ? (byte) random.nextInt(256) : text[random.nextInt(text.length)];
      }
      assertAgrees(bytes);
    }
  }

  @Test
  void decodesAsciiAndOtherTextAlikeAndRefusesWhatIsMalformed() {
    byte[] frame = "{\"t\":\"call\",\"seq\":1}  ".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.decode(frame, frame.length - 2)).isEqualTo("{\"t\":\"call\",\"seq\":1}");
    // U+FFFD sent as such is text; a lone continuation byte decodes to U+FFFD but is not UTF-8.
    byte[] replacement = "a\uFFFDb".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.decode(replacement, replacement.length)).isEqualTo("a\uFFFDb");
    assertThat(Utf8.decode(new byte[] {'a', (byte) 0x80, 'b'}, 3)).isNull();
    assertThat(Utf8.decode(new byte[0], 0)).isEmpty();
  }

  /** {@link Utf8#isValid} and {@link Utf8#decode} both agree with the strict decoder. */
  private void assertAgrees(byte[] bytes) {
    String expected = decodes(bytes);
    if (Utf8.isValid(bytes) != (expected != null)) {
      fail((expected != null ? "refused " : "accepted ") + hex(bytes));
    }
    String decoded = Utf8.decode(bytes, bytes.length);
    if (!Objects.equals(decoded, expected)) {
      fail("decoded " + hex(bytes) + " to " + decoded + " instead of " + expected);
    }
  }

  /** The strict decoder's text, or null when it refuses the bytes. */
  private String decodes(byte[] bytes) {
    // Results rather than exceptions: most of the sequences tried are malformed.
    strict.reset();
    CharBuffer out = CharBuffer.allocate(2 * bytes.length + 2);
    boolean ok =
        !strict.decode(ByteBuffer.wrap(bytes), out, true).isError() && !strict.flush(out).isError();
    return ok ? out.flip().toString() : null;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02X ", b & 0xFF));
    }
    return out.toString().trim();
  }
}
