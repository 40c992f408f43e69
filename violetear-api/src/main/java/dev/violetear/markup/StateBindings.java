// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.internal.MarkupHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The states an element is bound to, rendered as one {@code data-bind} attribute that the runtime
 * reads when it hydrates the page: {@code
 * data-bind="text:Converter.fahrenheit;class-cold:Converter.freezing"}. Each state is named when it
 * is bound, so a state that no registered class holds fails there.
 *
 * <pre>{@code
 * bindings.add("text", Converter.fahrenheit, "Html.span().text(State)");
 * }</pre>
 */
final class StateBindings {
  static final String ATTRIBUTE = "data-bind";

  private final List<String> kinds = new ArrayList<>();
  private final List<Object> targets = new ArrayList<>();
  // Named on the server only: the browser binds the objects themselves.
  private final List<String> entries = new ArrayList<>();
  private final List<Class<?>> classes = new ArrayList<>();

  /**
   * Binds {@code kind} (text, value, attr-NAME, each...) to {@code state}, a {@code State} or a
   * {@code Repeat}; {@code what} names the call.
   */
  void add(String kind, Object state, String what) {
    if (state == null) {
      throw new NullPointerException(what + ": state == null");
    }
    MarkupHooks.Resolver resolver = MarkupHooks.resolver();
    if (resolver != null) {
      entries.add(kind + ":" + resolver.bindableName(state, what));
      classes.add(resolver.bindableOwner(state));
    }
    kinds.add(kind);
    targets.add(state);
  }

  boolean isEmpty() {
    return kinds.isEmpty();
  }

  int size() {
    return kinds.size();
  }

  String kind(int i) {
    return kinds.get(i);
  }

  Object target(int i) {
    return targets.get(i);
  }

  /** The attribute's value. */
  String value() {
    return String.join(";", entries);
  }

  void collectClasses(Set<Class<?>> into) {
    into.addAll(classes);
  }
}
