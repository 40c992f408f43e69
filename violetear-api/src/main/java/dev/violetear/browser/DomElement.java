// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import dev.violetear.internal.MarkupHooks;
import dev.violetear.markup.Element;
import java.util.List;
import java.util.Objects;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * An element of the live page, as client code sees it. Setters return {@code this} so that calls
 * chain.
 *
 * <pre>{@code
 * DomElement item = Dom.create("li").text(todo.text()).addClass("done");
 * Dom.find("items").append(item);
 * String typed = Dom.find("new-item").value();
 * boolean done = Dom.find("done").checked();
 * }</pre>
 *
 * <p>Text is always set as text, never parsed as HTML. Works only in the browser.
 */
public final class DomElement {
  private final JSObject node;

  DomElement(JSObject node) {
    this.node = node;
  }

  /** {@return the element's text content} */
  public String text() {
    return Browser.run(() -> getText(node));
  }

  /**
   * Replaces the element's content with the given text (never interpreted as HTML).
   *
   * @param text the new text content
   * @return this element
   */
  public DomElement text(String text) {
    Objects.requireNonNull(text, "text == null");
    Browser.exec(() -> setText(node, text));
    return this;
  }

  /**
   * Returns the value of an attribute, or {@code null} when it is absent.
   *
   * @param name the attribute name
   * @return the value, or {@code null} when absent
   */
  public String attr(String name) {
    Objects.requireNonNull(name, "name == null");
    return Browser.run(() -> getAttr(node, name));
  }

  /**
   * Sets an attribute.
   *
   * @param name the attribute name
   * @param value the new value
   * @return this element
   */
  public DomElement attr(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    Browser.exec(() -> setAttr(node, name, value));
    return this;
  }

  /**
   * Removes an attribute.
   *
   * @param name the attribute name
   * @return this element
   */
  public DomElement removeAttr(String name) {
    Objects.requireNonNull(name, "name == null");
    Browser.exec(() -> removeAttr(node, name));
    return this;
  }

  /**
   * Adds a CSS class.
   *
   * @param name the class name
   * @return this element
   */
  public DomElement addClass(String name) {
    Objects.requireNonNull(name, "name == null");
    Browser.exec(() -> classOp(node, "add", name));
    return this;
  }

  /**
   * Removes a CSS class.
   *
   * @param name the class name
   * @return this element
   */
  public DomElement removeClass(String name) {
    Objects.requireNonNull(name, "name == null");
    Browser.exec(() -> classOp(node, "remove", name));
    return this;
  }

  /**
   * Adds the CSS class when {@code on} is true, removes it otherwise.
   *
   * @param name the class name
   * @param on whether the element should have the class
   * @return this element
   */
  public DomElement toggleClass(String name, boolean on) {
    return on ? addClass(name) : removeClass(name);
  }

  /**
   * Returns whether the element has the CSS class.
   *
   * @param name the class name
   * @return whether the class is present
   */
  public boolean hasClass(String name) {
    Objects.requireNonNull(name, "name == null");
    return Browser.run(() -> hasClass(node, name));
  }

  /**
   * Sets one CSS property through the element's style object, for example {@code style("left",
   * "12px")}. Allowed by the page's Content-Security-Policy, unlike a {@code style} attribute.
   *
   * @param property the CSS property name, for example {@code "left"}
   * @param value the CSS value, for example {@code "12px"}
   * @return this element
   */
  public DomElement style(String property, String value) {
    Objects.requireNonNull(property, "property == null");
    Objects.requireNonNull(value, "value == null");
    Browser.exec(() -> setStyle(node, property, value));
    return this;
  }

  /**
   * Appends a child element.
   *
   * @param child the element to append; moved if it is already in the page
   * @return this element
   */
  public DomElement append(DomElement child) {
    Objects.requireNonNull(child, "child == null");
    Browser.exec(() -> appendChild(node, child.node));
    return this;
  }

  /**
   * Appends an element built with the markup DSL, with its callbacks and state bindings working.
   *
   * <pre>{@code
   * Dom.find("log").append(Html.li(text).on("click", Log::select));
   * }</pre>
   *
   * @param child the markup to build and append
   * @return this element
   */
  public DomElement append(Element child) {
    Objects.requireNonNull(child, "child == null");
    Browser.exec(() -> appendChild(node, MarkupHooks.dom().build(child)));
    return this;
  }

  /**
   * Removes every child of the element.
   *
   * @return this element
   */
  public DomElement clear() {
    Browser.exec(() -> setText(node, ""));
    return this;
  }

  /** Detaches the element from the page. */
  public void remove() {
    Browser.exec(() -> removeNode(node));
  }

  /**
   * Replaces the element's children with the HTML fragment the server renders at {@code path} (a
   * route of {@code app.fragment}), then attaches its bindings; blocks until it is in the page.
   *
   * <pre>{@code
   * @Client.Callback
   * public static void refresh() {
   *   Dom.find("messages").load("/messages/list");
   * }
   * }</pre>
   *
   * <p>The classes whose callbacks the fragment binds become active on the page, so their
   * {@code @Client.On} and {@code @Client.Realtime} handlers run as if the page had bound them.
   * Script elements in the fragment never run. When two loads of one element overlap, the later one
   * wins, whichever answer arrives first.
   *
   * @param path a path on this site with its query, for example {@code "/messages?page=2"}
   * @return this element
   * @throws dev.violetear.RpcException with the server's error type and message when the load fails
   *     ({@code NetworkError}, status 0, when the server was not reached; {@code NotFound} when
   *     nothing is served at {@code path}); the element is left as it was
   */
  public DomElement load(String path) {
    Fragments.load(node, path, "children", "load");
    return this;
  }

  /**
   * Appends the HTML fragment the server renders at {@code path} after the element's children, as
   * {@link #load(String)} does otherwise.
   *
   * <pre>{@code
   * Dom.find("messages").appendFragment("/messages/list?before=" + oldest);
   * }</pre>
   *
   * @param path a path on this site with its query
   * @return this element
   * @throws dev.violetear.RpcException when the load fails, as {@link #load(String)}
   */
  public DomElement appendFragment(String path) {
    Fragments.load(node, path, "append", "appendFragment");
    return this;
  }

  /**
   * Puts the HTML fragment the server renders at {@code path} in the element's place, as {@link
   * #load(String)} does otherwise; this element leaves the page (find the new one by its id).
   * Nothing changes when the element has left the page before the fragment arrives.
   *
   * <pre>{@code
   * Dom.find("message-7").replaceWithFragment("/messages/item?id=7");
   * }</pre>
   *
   * @param path a path on this site with its query
   * @throws dev.violetear.RpcException when the load fails, as {@link #load(String)}
   */
  public void replaceWithFragment(String path) {
    Fragments.load(node, path, "replace", "replaceWithFragment");
  }

  /** {@return the current value of an input, select or textarea} */
  public String value() {
    return Browser.run(() -> getValue(node));
  }

  /**
   * Sets the value of an input, select or textarea.
   *
   * @param value the new value
   * @return this element
   */
  public DomElement value(String value) {
    Objects.requireNonNull(value, "value == null");
    Browser.exec(() -> setValue(node, value));
    return this;
  }

  /**
   * Returns whether a checkbox or radio input is checked.
   *
   * @return whether it is checked
   * @throws IllegalArgumentException when the element is not a checkbox or radio input
   */
  public boolean checked() {
    int state = Browser.run(() -> getChecked(node));
    if (state < 0) {
      throw notCheckable("checked()");
    }
    return state == 1;
  }

  /**
   * Checks or unchecks a checkbox or radio input; checking a radio unchecks the others of its
   * group. Like a script's change, it fires no {@code change} event.
   *
   * @param checked whether it should be checked
   * @return this element
   * @throws IllegalArgumentException when the element is not a checkbox or radio input
   */
  public DomElement checked(boolean checked) {
    if (!Browser.run(() -> setChecked(node, checked))) {
      throw notCheckable("checked(boolean)");
    }
    return this;
  }

  /**
   * Returns the values of the selected options of a {@code <select>}, in document order: one for a
   * single select, any number for a {@code multiple} one. For a single select {@link #value()} is
   * the same as the first.
   *
   * @return the selected values, possibly empty
   * @throws IllegalArgumentException when the element is not a {@code <select>}
   */
  public List<String> selectedValues() {
    String[] values = Browser.run(() -> getSelected(node));
    if (values == null) {
      throw new IllegalArgumentException(
          "DomElement.selectedValues(): "
              + Browser.run(() -> describe(node))
              + " is not a <select>. Read other inputs with value() or checked().");
    }
    return List.of(values);
  }

  /**
   * Moves keyboard focus to the element.
   *
   * @return this element
   */
  public DomElement focus() {
    Browser.exec(() -> focus(node));
    return this;
  }

  @JSBody(params = "n", script = "return n.textContent;")
  private static native String getText(JSObject n);

  @JSBody(
      params = {"n", "t"},
      script = "n.textContent = t;")
  private static native void setText(JSObject n, String t);

  @JSBody(
      params = {"n", "k"},
      script = "return n.getAttribute(k);")
  private static native String getAttr(JSObject n, String k);

  @JSBody(
      params = {"n", "k", "v"},
      script = "n.setAttribute(k, v);")
  private static native void setAttr(JSObject n, String k, String v);

  @JSBody(
      params = {"n", "k"},
      script = "n.removeAttribute(k);")
  private static native void removeAttr(JSObject n, String k);

  @JSBody(
      params = {"n", "op", "c"},
      script = "n.classList[op](c);")
  private static native void classOp(JSObject n, String op, String c);

  @JSBody(
      params = {"n", "c"},
      script = "return n.classList.contains(c);")
  private static native boolean hasClass(JSObject n, String c);

  @JSBody(
      params = {"n", "k", "v"},
      script = "n.style.setProperty(k, v);")
  private static native void setStyle(JSObject n, String k, String v);

  @JSBody(
      params = {"n", "c"},
      script = "n.appendChild(c);")
  private static native void appendChild(JSObject n, JSObject c);

  @JSBody(params = "n", script = "n.remove();")
  private static native void removeNode(JSObject n);

  @JSBody(params = "n", script = "return n.value == null ? '' : String(n.value);")
  private static native String getValue(JSObject n);

  @JSBody(
      params = {"n", "v"},
      script = "n.value = v;")
  private static native void setValue(JSObject n, String v);

  private IllegalArgumentException notCheckable(String method) {
    return new IllegalArgumentException(
        "DomElement."
            + method
            + ": "
            + Browser.run(() -> describe(node))
            + " is not a checkbox or radio input. Read other inputs with value().");
  }

  // Every <input> has a boolean 'checked' property, so the type decides what is checkable.
  @JSBody(
      params = "n",
      script =
          "if (n.tagName !== 'INPUT' || (n.type !== 'checkbox' && n.type !== 'radio')) {"
              + " return -1; } return n.checked ? 1 : 0;")
  private static native int getChecked(JSObject n);

  @JSBody(
      params = {"n", "c"},
      script =
          "if (n.tagName !== 'INPUT' || (n.type !== 'checkbox' && n.type !== 'radio')) {"
              + " return false; } n.checked = c; return true;")
  private static native boolean setChecked(JSObject n, boolean c);

  @JSBody(
      params = "n",
      script =
          "if (!n.selectedOptions) { return null; }"
              + "return Array.prototype.map.call(n.selectedOptions, function (o) {"
              + " return o.value; });")
  private static native String[] getSelected(JSObject n);

  @JSBody(
      params = "n",
      script =
          "return '<' + String(n.tagName).toLowerCase()"
              + " + (n.tagName === 'INPUT' ? ' type=\\'' + n.type + '\\'' : '')"
              + " + (n.id ? ' id=\\'' + n.id + '\\'' : '') + '>';")
  private static native String describe(JSObject n);

  @JSBody(params = "n", script = "n.focus();")
  private static native void focus(JSObject n);
}
