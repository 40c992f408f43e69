// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.io.Serializable;

/**
 * A reference to a {@link dev.violetear.Client.Callback} method without parameters, bound to an
 * element with {@link Element#on(String, Action)}.
 *
 * <pre>{@code
 * @Client.Callback
 * public static void reset() { ... }
 *
 * Html.button("Reset").on("click", Counter::reset)
 * }</pre>
 *
 * <p>Only method references are accepted: the framework reads which method is referenced (that is
 * why the type is {@link Serializable}) and renders it as a {@code data-on-*} attribute; the method
 * itself runs in the browser, never on the server.
 */
@FunctionalInterface
public interface Action extends Serializable {

  /**
   * Runs the callback; runs in the browser only.
   *
   * <pre>{@code
   * Action cb = Counter::reset;
   * }</pre>
   *
   * <p>Never called on the server.
   */
  void run();
}
