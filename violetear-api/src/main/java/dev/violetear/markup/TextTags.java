// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

/**
 * The factories of inline text elements; {@link Html} inherits them, so they are called as {@code
 * Html.strong()} and the like. A file of their own keeps {@code Html} readable.
 */
abstract class TextTags extends FormTags {
  TextTags() {}

  /**
   * Creates a {@code <span>}.
   *
   * <pre>{@code
   * Html.span().cls("badge").text("new")
   * }</pre>
   *
   * @return a new element
   */
  public static Element span() {
    return Html.element("span");
  }

  /**
   * Creates a {@code <br>}, a line break inside text; a void element.
   *
   * <pre>{@code
   * Html.p().child(Html.text("12 Main St"), Html.br(), Html.text("Springfield"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element br() {
    return Html.element("br");
  }

  /**
   * Creates a {@code <code>}.
   *
   * <pre>{@code
   * Html.p().child(Html.text("Run "), Html.code().text("mvn verify"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element code() {
    return Html.element("code");
  }

  /**
   * Creates a link {@code <a href="...">text</a>}.
   *
   * <pre>{@code
   * Html.a("/docs", "Documentation")
   * }</pre>
   *
   * <p>{@code javascript:}, {@code vbscript:} and {@code data:text/html} URLs are rejected with
   * {@link IllegalArgumentException}.
   *
   * @param href the link's URL
   * @param text the link's text, unescaped
   * @return a new element
   */
  public static Element a(String href, String text) {
    return Html.element("a").attr("href", href).text(text);
  }

  /**
   * Creates a {@code <small>}.
   *
   * <pre>{@code
   * Html.small().text("fine print")
   * }</pre>
   *
   * @return a new element
   */
  public static Element small() {
    return Html.element("small");
  }

  /**
   * Creates a {@code <strong>}.
   *
   * <pre>{@code
   * Html.strong().text("important")
   * }</pre>
   *
   * @return a new element
   */
  public static Element strong() {
    return Html.element("strong");
  }

  /**
   * Creates an {@code <em>}.
   *
   * <pre>{@code
   * Html.em().text("emphasis")
   * }</pre>
   *
   * @return a new element
   */
  public static Element em() {
    return Html.element("em");
  }
}
