// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.Map;

/**
 * Writes an element as HTML: its attributes, its event bindings as {@code data-on-*}, its state
 * bindings as one {@code data-bind}, then its children, escaping every value.
 *
 * <pre>{@code
 * HtmlWriter.write(Html.p().text("a < b"), out);   // <p>a &lt; b</p>
 * }</pre>
 */
final class HtmlWriter {
  private HtmlWriter() {}

  static void write(Element e, StringBuilder out) {
    out.append('<').append(e.tag);
    for (Map.Entry<String, String> a : e.attributes.entrySet()) {
      attribute(out, a.getKey(), a.getValue());
    }
    for (Binding b : e.events.named()) {
      attribute(out, AttributeRules.BINDING_PREFIX + b.event(), b.callbackName());
    }
    if (!e.states.isEmpty()) {
      attribute(out, StateBindings.ATTRIBUTE, e.states.value());
    }
    out.append('>');
    if (e.isVoid) {
      return;
    }
    // The HTML parser drops a line break right after <pre> and <textarea>; an extra one keeps the
    // text's own.
    if ((e.tag.equalsIgnoreCase("pre") || e.tag.equalsIgnoreCase("textarea"))
        && !e.children.isEmpty()
        && e.children.get(0) instanceof Text t
        && t.startsWithLineBreak()) {
      out.append('\n');
    }
    for (Node child : e.children) {
      child.render(out);
    }
    out.append("</").append(e.tag).append('>');
  }

  private static void attribute(StringBuilder out, String name, String value) {
    out.append(' ').append(name).append("=\"");
    HtmlEscaper.escape(value, out);
    out.append('"');
  }
}
