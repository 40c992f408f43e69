// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

/**
 * A handler subscribed with {@link Violetear#on}; cancel it to stop receiving the event.
 *
 * <pre>{@code
 * Subscription s = Violetear.runtime().on("tick", () -> Dom.find("t").text("tick"));
 * ...
 * s.cancel();
 * }</pre>
 *
 * <p>Cancelling twice does nothing.
 */
@FunctionalInterface
public interface Subscription {
  /** Stops the handler from receiving further events. */
  void cancel();
}
