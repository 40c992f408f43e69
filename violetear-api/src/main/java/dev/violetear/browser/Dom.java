// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import java.util.Objects;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Entry point of the browser API: finds and creates elements of the current page.
 *
 * <pre>{@code
 * @Client.Callback
 * public static void plus(Event e) {
 *   Dom.find("display").text("Count: " + add(1));
 * }
 * }</pre>
 *
 * <p>Works only in client code compiled to the browser bundle; on the JVM each method throws {@link
 * IllegalStateException}. Call it from the thread that runs a client handler.
 */
public final class Dom {
  private Dom() {}

  /**
   * Returns the element with the given {@code id}.
   *
   * @param id the element's {@code id} attribute
   * @return the element
   * @throws IllegalArgumentException when the page has no element with that id
   */
  public static DomElement find(String id) {
    Objects.requireNonNull(id, "id == null");
    JSObject node = Browser.run(() -> byId(id));
    if (node == null) {
      throw new IllegalArgumentException(
          "Dom.find: the page has no element with id '"
              + id
              + "'. Give it one in markup: .id(\""
              + id
              + "\")");
    }
    return new DomElement(node);
  }

  /**
   * Returns the element with the given {@code id}, or {@code null} when there is none.
   *
   * @param id the element's {@code id} attribute
   * @return the element, or {@code null}
   */
  public static DomElement findOrNull(String id) {
    Objects.requireNonNull(id, "id == null");
    JSObject node = Browser.run(() -> byId(id));
    return node == null ? null : new DomElement(node);
  }

  /**
   * Creates a detached element with the given tag name, for example {@code "li"}.
   *
   * @param tag the tag name, for example {@code "li"}
   * @return the new element, not yet in the page
   */
  public static DomElement create(String tag) {
    Objects.requireNonNull(tag, "tag == null");
    return new DomElement(Browser.run(() -> createElement(tag)));
  }

  /**
   * Returns the value of the checked radio button of the group named {@code name}, or {@code null}
   * when none is checked.
   *
   * <pre>{@code
   * // Html.input().attr("type", "radio").attr("name", "size").attr("value", "L")
   * String size = Dom.checkedValue("size");   // "L", or null
   * }</pre>
   *
   * <p>Looks through every element of the page with that {@code name} attribute, so it also reads a
   * single checkbox (its value when checked).
   *
   * @param name the {@code name} attribute the radio buttons share
   * @return the checked one's {@code value}, or {@code null}
   * @throws IllegalArgumentException when no element of the page has that name
   */
  public static String checkedValue(String name) {
    Objects.requireNonNull(name, "name == null");
    String result = Browser.run(() -> checkedIn(name));
    // The native tags its answer: 'v' and the value, 'n' for none checked, 'x' for no such group.
    if (result.charAt(0) == 'x') {
      throw new IllegalArgumentException(
          "Dom.checkedValue: the page has no element named '"
              + name
              + "'. Give the radio buttons of the group .attr(\"name\", \""
              + name
              + "\") in markup.");
    }
    return result.charAt(0) == 'v' ? result.substring(1) : null;
  }

  @JSBody(params = "id", script = "return document.getElementById(id);")
  private static native JSObject byId(String id);

  @JSBody(params = "tag", script = "return document.createElement(tag);")
  private static native JSObject createElement(String tag);

  // getElementsByName, not a CSS selector: the name needs no escaping.
  @JSBody(
      params = "name",
      script =
          "var l = document.getElementsByName(name);"
              + "if (l.length === 0) { return 'x'; }"
              + "for (var i = 0; i < l.length; i++) {"
              + "  if (l[i].checked === true) { return 'v' + l[i].value; } }"
              + "return 'n';")
  private static native String checkedIn(String name);
}
