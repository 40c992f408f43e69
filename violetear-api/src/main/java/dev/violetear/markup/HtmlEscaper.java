// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

/**
 * Escapes text and attribute values.
 *
 * <p>One escaping for both contexts: quotes are escaped in text too, so a value can be moved
 * between text and a double- or single-quoted attribute without becoming unsafe.
 */
final class HtmlEscaper {
  private HtmlEscaper() {}

  static void escape(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    escape(value, out);
    return out.toString();
  }
}
