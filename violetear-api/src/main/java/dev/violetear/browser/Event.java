// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The DOM event that triggered a {@link dev.violetear.Client.Callback}.
 *
 * <pre>{@code
 * @Client.Callback
 * public static void submit(Event e) {
 *   String text = Dom.find("new-item").value();
 *   ...
 * }
 * }</pre>
 *
 * <p>Works only in the browser. The handler runs on its own green thread, after the browser has
 * finished dispatching the event, too late to cancel its default action; the runtime therefore
 * prevents the default of {@code submit} events itself (a bound form never navigates away). {@link
 * #target()} is the element that carries the binding.
 */
public final class Event {
  private final JSObject event;

  /**
   * Wraps a browser event; called by the generated bundle entry point.
   *
   * @param event the browser's event object
   */
  public Event(JSObject event) {
    this.event = event;
  }

  /** {@return the event type, for example {@code "click"}} */
  public String type() {
    return Browser.run(() -> type(event));
  }

  /** {@return the element the listener was bound to (the one carrying the binding)} */
  public DomElement target() {
    return new DomElement(Browser.run(() -> currentTarget(event)));
  }

  /** {@return the key of a keyboard event, for example {@code "Enter"}, or {@code ""}} */
  public String key() {
    return Browser.run(() -> key(event));
  }

  /**
   * The key of the list item the bound element is in: the {@code data-key} of the nearest element
   * around it (itself included) that has one, as a {@link dev.violetear.markup.Repeat} renders.
   *
   * <pre>{@code
   * @Client.Callback
   * public static void remove(Event e) {
   *   tasks.update(list -> list.stream().filter(t -> !t.id().equals(e.itemKey())).toList());
   * }
   * }</pre>
   *
   * @return the item's key, or null outside a list item
   */
  public String itemKey() {
    return Browser.run(() -> itemKey(event));
  }

  /** {@return the pointer's horizontal position within the bound element, in CSS pixels} */
  public double offsetX() {
    return Browser.run(() -> offset(event, true));
  }

  /** {@return the pointer's vertical position within the bound element, in CSS pixels} */
  public double offsetY() {
    return Browser.run(() -> offset(event, false));
  }

  @JSBody(
      params = {"e", "horizontal"},
      script =
          "var t = e.violetearTarget || e.currentTarget || e.target;"
              + "var r = t && t.getBoundingClientRect ? t.getBoundingClientRect() : {left: 0, top: 0};"
              + "return horizontal ? (e.clientX || 0) - r.left : (e.clientY || 0) - r.top;")
  private static native double offset(JSObject e, boolean horizontal);

  @JSBody(
      params = "e",
      script =
          "var t = e.violetearTarget || e.currentTarget || e.target;"
              + "var item = t && t.closest ? t.closest('[data-key]') : null;"
              + "return item ? item.getAttribute('data-key') : null;")
  private static native String itemKey(JSObject e);

  @JSBody(params = "e", script = "return e.type;")
  private static native String type(JSObject e);

  @JSBody(params = "e", script = "return e.violetearTarget || e.currentTarget || e.target;")
  private static native JSObject currentTarget(JSObject e);

  @JSBody(params = "e", script = "return e.key || '';")
  private static native String key(JSObject e);
}
