// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.Objects;

/**
 * Static factories for {@link Element}s and text nodes.
 *
 * <pre>{@code
 * import static dev.violetear.markup.Html.*;
 *
 * Element card = section().cls("card").child(
 *     h2().text(title),
 *     p().text(body),
 *     a("/more", "Read more"));
 * }</pre>
 *
 * <p>Every string argument is escaped when rendered. {@code input}, {@code img} and the other HTML
 * void elements take no children or text. Tag names are checked by {@link #element(String)}.
 */
public final class Html {
  private Html() {}

  /**
   * Creates an element with any valid tag name, for tags without their own factory.
   *
   * <pre>{@code
   * Html.element("table").child(Html.element("tr").child(Html.element("td").text("1")))
   * }</pre>
   *
   * <p>The name must match {@code [a-zA-Z][a-zA-Z0-9-]*}, otherwise {@link
   * IllegalArgumentException}. {@code script} is rejected: the framework adds the page's scripts,
   * and browser code belongs in {@code @Client} methods.
   *
   * @param tag the tag name, for example {@code "table"}
   * @return a new element
   */
  public static Element element(String tag) {
    return new Element(Objects.requireNonNull(tag, "tag == null"));
  }

  /**
   * Creates a text node; the text is escaped when rendered.
   *
   * <pre>{@code
   * Html.p().child(Html.text("Hello, "), Html.strong().text(name))
   * }</pre>
   *
   * @param text the text, unescaped
   * @return the text node
   */
  public static Node text(String text) {
    return new Text(text);
  }

  /**
   * Creates a {@code <div>}.
   *
   * <pre>{@code
   * Html.div().id("display").text("Count: 0")
   * }</pre>
   *
   * @return a new element
   */
  public static Element div() {
    return element("div");
  }

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
    return element("span");
  }

  /**
   * Creates a {@code <p>}.
   *
   * <pre>{@code
   * Html.p().text("Welcome")
   * }</pre>
   *
   * @return a new element
   */
  public static Element p() {
    return element("p");
  }

  /**
   * Creates an {@code <h1>}.
   *
   * <pre>{@code
   * Html.h1().text("Counter")
   * }</pre>
   *
   * @return a new element
   */
  public static Element h1() {
    return element("h1");
  }

  /**
   * Creates an {@code <h2>}.
   *
   * <pre>{@code
   * Html.h2().text("Settings")
   * }</pre>
   *
   * @return a new element
   */
  public static Element h2() {
    return element("h2");
  }

  /**
   * Creates an {@code <h3>}.
   *
   * <pre>{@code
   * Html.h3().text("Details")
   * }</pre>
   *
   * @return a new element
   */
  public static Element h3() {
    return element("h3");
  }

  /**
   * Creates a {@code <button>} with the given label.
   *
   * <pre>{@code
   * Html.button("+").on("click", Counter::plus)
   * }</pre>
   *
   * <p>The label is escaped.
   *
   * @param text the label, unescaped
   * @return a new element
   */
  public static Element button(String text) {
    return button().text(text);
  }

  /**
   * Creates an empty {@code <button>}.
   *
   * <pre>{@code
   * Html.button().attr("type", "submit").child(Html.strong().text("Save"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element button() {
    return element("button");
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
    return element("a").attr("href", href).text(text);
  }

  /**
   * Creates a {@code <ul>}.
   *
   * <pre>{@code
   * Html.ul().child(Html.li("one"), Html.li("two"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element ul() {
    return element("ul");
  }

  /**
   * Creates an {@code <ol>}.
   *
   * <pre>{@code
   * Html.ol().child(Html.li("first"), Html.li("second"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element ol() {
    return element("ol");
  }

  /**
   * Creates an empty {@code <li>}.
   *
   * <pre>{@code
   * Html.li().child(Html.a("/a", "A"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element li() {
    return element("li");
  }

  /**
   * Creates an {@code <li>} holding the given text.
   *
   * <pre>{@code
   * Html.li("Buy milk")
   * }</pre>
   *
   * <p>The text is escaped.
   *
   * @param text the item's text, unescaped
   * @return a new element
   */
  public static Element li(String text) {
    return li().text(text);
  }

  /**
   * Creates a {@code <form>}.
   *
   * <pre>{@code
   * Html.form().on("submit", Todo::add).child(Html.input().id("new-item"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element form() {
    return element("form");
  }

  /**
   * Creates an {@code <input>}, a void element.
   *
   * <pre>{@code
   * Html.input().attr("type", "text").attr("name", "q")
   * }</pre>
   *
   * <p>Adding text or children throws {@link IllegalStateException}; set {@code value} instead.
   *
   * @return a new element
   */
  public static Element input() {
    return element("input");
  }

  /**
   * Creates a {@code <label>} with the given text.
   *
   * <pre>{@code
   * Html.label("Name").attr("for", "name")
   * }</pre>
   *
   * <p>The text is escaped.
   *
   * @param text the label's text, unescaped
   * @return a new element
   */
  public static Element label(String text) {
    return element("label").text(text);
  }

  /**
   * Creates a {@code <section>}.
   *
   * <pre>{@code
   * Html.section().child(Html.h2().text("News"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element section() {
    return element("section");
  }

  /**
   * Creates a {@code <header>}.
   *
   * <pre>{@code
   * Html.header().child(Html.h1().text("Shop"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element header() {
    return element("header");
  }

  /**
   * Creates a {@code <footer>}.
   *
   * <pre>{@code
   * Html.footer().child(Html.small().text("(c) 2025"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element footer() {
    return element("footer");
  }

  /**
   * Creates a {@code <main>}.
   *
   * <pre>{@code
   * Html.main().child(Html.p().text("Content"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element main() {
    return element("main");
  }

  /**
   * Creates a {@code <nav>}.
   *
   * <pre>{@code
   * Html.nav().child(Html.a("/", "Home"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element nav() {
    return element("nav");
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
    return element("small");
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
    return element("strong");
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
    return element("em");
  }

  /**
   * Creates an {@code <img>}, a void element.
   *
   * <pre>{@code
   * Html.img("/logo.png", "Violetear logo")
   * }</pre>
   *
   * <p>Script URLs in {@code src} are rejected with {@link IllegalArgumentException}; adding text
   * or children throws {@link IllegalStateException}.
   *
   * @param src the image's URL
   * @param alt the text shown in place of the image
   * @return a new element
   */
  public static Element img(String src, String alt) {
    return element("img").attr("src", src).attr("alt", alt);
  }
}
