// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.Objects;

/** A text node; its value is escaped when rendered, so it can never become markup. */
final class Text implements Node {
  final String value;

  Text(String value) {
    this.value = Objects.requireNonNull(value, "text == null");
  }

  boolean startsWithLineBreak() {
    return value.startsWith("\n") || value.startsWith("\r");
  }

  @Override
  public void render(StringBuilder out) {
    HtmlEscaper.escape(value, out);
  }
}
