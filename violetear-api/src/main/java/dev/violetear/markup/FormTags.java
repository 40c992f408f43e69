// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

/**
 * The factories of form elements; {@link Html} inherits them, so they are called as {@code
 * Html.input()} and the like. A file of their own keeps {@code Html} readable.
 */
abstract class FormTags {
  FormTags() {}

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
    return Html.element("button");
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
    return Html.element("form");
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
    return Html.element("input");
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
    return Html.element("label").text(text);
  }

  /**
   * Creates a {@code <textarea>}; its text is its initial value.
   *
   * <pre>{@code
   * Html.textarea().id("notes").attr("rows", "4").text(savedNotes)
   * }</pre>
   *
   * <p>The text is escaped, so {@code </textarea>} in it stays text. A leading line break is kept
   * (the HTML parser drops the first one, so the element renders an extra one before it).
   *
   * @return a new element
   */
  public static Element textarea() {
    return Html.element("textarea");
  }

  /**
   * Creates a {@code <select>}; give it {@link #option(String, String)} children.
   *
   * <pre>{@code
   * Html.select().id("size").child(Html.option("s", "Small"), Html.option("l", "Large"))
   * }</pre>
   *
   * <p>Add {@code .attr("multiple", "")} to let the user pick several options.
   *
   * @return a new element
   */
  public static Element select() {
    return Html.element("select");
  }

  /**
   * Creates an {@code <option value="...">text</option>} for a {@link #select()}.
   *
   * <pre>{@code
   * Html.option("l", "Large").attr("selected", "")
   * }</pre>
   *
   * <p>Value and text are escaped.
   *
   * @param value the value the select reports when this option is chosen
   * @param text what the user sees
   * @return a new element
   */
  public static Element option(String value, String text) {
    return Html.element("option").attr("value", value).text(text);
  }

  /**
   * Creates a {@code <fieldset>}, which groups related controls such as a set of radio buttons.
   *
   * <pre>{@code
   * Html.fieldset().child(Html.legend("Size"), smallRadio, largeRadio)
   * }</pre>
   *
   * @return a new element
   */
  public static Element fieldset() {
    return Html.element("fieldset");
  }

  /**
   * Creates a {@code <legend>}, the caption of a {@link #fieldset()}.
   *
   * <pre>{@code
   * Html.legend("Shipping address")
   * }</pre>
   *
   * <p>The text is escaped.
   *
   * @param text the caption, unescaped
   * @return a new element
   */
  public static Element legend(String text) {
    return Html.element("legend").text(text);
  }
}
