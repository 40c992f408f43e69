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
 * <p>Every string argument is escaped when rendered. {@code input}, {@code img}, {@code hr}, {@code
 * br} and the other HTML void elements take no children or text and render without a closing tag.
 * The factories of inline text ({@code span}, {@code strong}, {@code a}, ...) and of forms ({@code
 * form}, {@code input}, {@code label}, {@code textarea}, {@code select}, {@code option}, ...) are
 * here too. Tag names are checked by {@link #element(String)}.
 */
public final class Html extends TextTags {
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
   * Creates an {@code <h4>}.
   *
   * <pre>{@code
   * Html.h4().text("Shipping")
   * }</pre>
   *
   * @return a new element
   */
  public static Element h4() {
    return element("h4");
  }

  /**
   * Creates an {@code <h5>}.
   *
   * <pre>{@code
   * Html.h5().text("Notes")
   * }</pre>
   *
   * @return a new element
   */
  public static Element h5() {
    return element("h5");
  }

  /**
   * Creates an {@code <h6>}.
   *
   * <pre>{@code
   * Html.h6().text("Fine print")
   * }</pre>
   *
   * @return a new element
   */
  public static Element h6() {
    return element("h6");
  }

  /**
   * Creates an {@code <hr>}, a thematic break; a void element.
   *
   * <pre>{@code
   * Html.section().child(Html.p().text("Part one"), Html.hr(), Html.p().text("Part two"))
   * }</pre>
   *
   * @return a new element
   */
  public static Element hr() {
    return element("hr");
  }

  /**
   * Creates a {@code <pre>}, preformatted text.
   *
   * <pre>{@code
   * Html.pre().text(logLines)
   * }</pre>
   *
   * <p>A leading line break in its text is kept.
   *
   * @return a new element
   */
  public static Element pre() {
    return element("pre");
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
