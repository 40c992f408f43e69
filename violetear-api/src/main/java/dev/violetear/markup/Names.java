// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.ArrayList;
import java.util.List;

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

  /** Whether {@code s} holds HTML whitespace. */
  static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The whitespace-separated words of {@code s}; split("\\s+") would bring in regex. */
  static List<String> words(String s) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean space = i == s.length() || isSpace(s.charAt(i));
      if (space && start >= 0) {
        words.add(s.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /**
   * Lowercases ASCII letters only: names are ASCII once checked, and String.toLowerCase would bring
   * TeaVM's Unicode case tables into the bundle.
   */
  static String lower(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  // HTML's ASCII whitespace, which separates class names; Character.isWhitespace would bring
  // TeaVM's Unicode tables into the bundle.
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
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
