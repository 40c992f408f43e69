// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

/**
 * Something that renders into HTML: an {@link Element} or a text node from {@link
 * Html#text(String)}.
 *
 * <pre>{@code
 * Node greeting = Html.p().text("Hello, ").child(Html.strong().text(name));
 * String html = greeting.render(); // <p>Hello, <strong>Ada</strong></p>
 * }</pre>
 *
 * <p>Nodes are mutable while being built and not thread-safe; build a fresh tree for each page
 * render.
 */
public sealed interface Node permits Element, Text {

  /**
   * Appends this node's HTML to {@code out}.
   *
   * <pre>{@code
   * StringBuilder out = new StringBuilder();
   * Html.text("a < b").render(out); // out: a &lt; b
   * }</pre>
   *
   * <p>Text and attribute values are escaped; the output never contains markup that came from a
   * string value.
   *
   * @param out the builder the HTML is appended to
   */
  void render(StringBuilder out);

  /**
   * Returns this node's HTML.
   *
   * <pre>{@code
   * Html.span().text("hi").render(); // <span>hi</span>
   * }</pre>
   *
   * <p>Equivalent to {@link #render(StringBuilder)} into a new builder.
   *
   * @return the HTML, escaped
   */
  default String render() {
    StringBuilder out = new StringBuilder();
    render(out);
    return out.toString();
  }
}
