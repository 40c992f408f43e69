// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import java.nio.charset.StandardCharsets;

/**
 * Checks that bytes are well-formed UTF-8 as the Unicode standard defines it (its table of
 * well-formed byte sequences): no overlong forms, no surrogates, nothing beyond U+10FFFF, no stray
 * continuation bytes and no cut-off sequence. This is exactly what Java's strict UTF-8 decoder
 * accepts, checked in place: decoding a body only to check it would copy it once more.
 *
 * <pre>{@code
 * if (!Utf8.isValid(body)) {
 *   throw new RpcException(400, "BadRequest", "The body is not UTF-8");
 * }
 * }</pre>
 */
public final class Utf8 {
  private static final char REPLACEMENT = '\uFFFD';

  private Utf8() {}

  /** Whether {@code bytes} is well-formed UTF-8. */
  public static boolean isValid(byte[] bytes) {
    return isValid(bytes, bytes.length);
  }

  /** Whether the first {@code n} bytes of {@code bytes} are well-formed UTF-8. */
  public static boolean isValid(byte[] bytes, int n) {
    int i = 0;
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      if (b < 0xC2) {
        // A continuation byte without a lead, or C0/C1, which only start overlong forms.
        return false;
      }
      if (b < 0xE0) {
        if (i + 1 >= n || !isContinuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
      } else if (b < 0xF0) {
        if (i + 2 >= n || !isContinuation(bytes[i + 2])) {
          return false;
        }
        int second = bytes[i + 1] & 0xFF;
        // E0 needs A0..BF (else overlong), ED needs 80..9F (else a surrogate).
        int low = b == 0xE0 ? 0xA0 : 0x80;
        int high = b == 0xED ? 0x9F : 0xBF;
        if (second < low || second > high) {
          return false;
        }
        i += 3;
      } else if (b < 0xF5) {
        if (i + 3 >= n || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) {
          return false;
        }
        int second = bytes[i + 1] & 0xFF;
        // F0 needs 90..BF (else overlong), F4 needs 80..8F (else beyond U+10FFFF).
        int low = b == 0xF0 ? 0x90 : 0x80;
        int high = b == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
          return false;
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * The text of the first {@code n} bytes of {@code bytes}, or null when they are not well-formed
   * UTF-8. ASCII text, what frames mostly are, is decoded without the byte-by-byte check.
   */
  public static String decode(byte[] bytes, int n) {
    String text = new String(bytes, 0, n, StandardCharsets.UTF_8);
    // Every other byte sequence decodes to fewer chars than bytes, and the lenient decoder turns
    // what is malformed into U+FFFD: as many chars as bytes and no U+FFFD means every byte was
    // ASCII. indexOf answers at once for such text, whose chars all fit in a byte.
    if (text.length() == n && text.indexOf(REPLACEMENT) < 0) {
      return text;
    }
    return isValid(bytes, n) ? text : null;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
