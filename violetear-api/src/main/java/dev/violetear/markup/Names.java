// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

/**
 * The shapes of tag, attribute and DOM event names. Written as loops rather than regular
 * expressions because markup also runs in the browser, where {@code java.util.regex} would add
 * about 100 KB to the bundle.
 *
 * <pre>{@code
 * Names.isTagName("my-card");      // true
 * Names.isEventName("Click");      // false: lowercase only
 * }</pre>
 */
final class Names {
  private Names() {}

  /** {@code [a-zA-Z][a-zA-Z0-9-]*} */
  static boolean isTagName(String s) {
    if (s.isEmpty() || !isLetter(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLetter(c) && !isDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code [a-zA-Z_:][-a-zA-Z0-9_:.]*} */
  static boolean isAttributeName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    if (!isLetter(first) && first != '_' && first != ':') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLetter(c) && !isDigit(c) && c != '-' && c != '_' && c != ':' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** {@code [a-z][a-z0-9_-]*} */
  static boolean isEventName(String s) {
    if (s.isEmpty() || !isLower(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLower(c) && !isDigit(c) && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code s} holds a whitespace character; a loop, as streams would weigh on the bundle.
   */
  static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLetter(char c) {
    return isLower(c) || (c >= 'A' && c <= 'Z');
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
