// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.internal.MarkupHooks;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The DOM events an element binds, one callback each. The callbacks are kept as given, which is
 * what the browser attaches; on the server each is also checked and named when it is bound, and
 * rendered as a {@code data-on-EVENT} attribute.
 *
 * <pre>{@code
 * events.add("button", "click", (Action) Counter::plus);
 * }</pre>
 */
final class EventBindings {
  private final Map<String, Serializable> handlers = new LinkedHashMap<>();
  private final Map<String, Binding> named = new LinkedHashMap<>();

  /** Binds {@code event} of a {@code tag} element to {@code callback}. */
  void add(String tag, String event, Serializable callback) {
    Objects.requireNonNull(event, "domEvent == null");
    Objects.requireNonNull(callback, "callback == null");
    if (!Names.isEventName(event)) {
      throw new IllegalArgumentException(
          "DOM event name '"
              + event
              + "' is not valid: use lowercase letters, digits, '_' and '-', starting with a"
              + " letter, for example 'click'.");
    }
    if (handlers.containsKey(event)) {
      Binding previous = named.get(event);
      throw new IllegalStateException(
          "<"
              + tag
              + "> already binds '"
              + event
              + "' to "
              + (previous == null ? "a callback" : previous.callbackName())
              + ": bind one @Client.Callback per event and call the others from it.");
    }
    // On the server the reference is checked and named now; the browser runs it as it is.
    MarkupHooks.Resolver resolver = MarkupHooks.resolver();
    if (resolver != null) {
      named.put(event, resolver.callback(event, callback));
    }
    handlers.put(event, callback);
  }

  /** The callbacks by event, in the order they were bound. */
  Map<String, Serializable> handlers() {
    return handlers;
  }

  /** The named bindings (server only), in the order they were bound. */
  Collection<Binding> named() {
    return named.values();
  }
}
