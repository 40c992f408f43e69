// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.browser.Event;
import java.io.Serializable;

/**
 * A reference to a {@link dev.violetear.Client.Callback} method that takes the DOM {@link Event},
 * bound to an element with {@link Element#on(String, EventCallback)}.
 *
 * <pre>{@code
 * @Client.Callback
 * public static void plus(Event e) { ... }
 *
 * Html.button("+").on("click", Counter::plus)
 * }</pre>
 *
 * <p>Only method references are accepted: the framework reads which method is referenced (that is
 * why the type is {@link Serializable}) and renders it as a {@code data-on-*} attribute; the method
 * itself runs in the browser, never on the server.
 */
@FunctionalInterface
public interface EventCallback extends Serializable {

  /**
   * Handles a DOM event; runs in the browser only.
   *
   * <pre>{@code
   * EventCallback cb = Counter::plus;
   * }</pre>
   *
   * <p>Never called on the server.
   *
   * @param e the event, whose target is the bound element
   */
  void handle(Event e);
}
