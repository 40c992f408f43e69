// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.State;
import dev.violetear.internal.model.StateFields;
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

  private final List<String> entries = new ArrayList<>();
  private final List<Class<?>> classes = new ArrayList<>();

  /**
   * Binds {@code kind} (text, value, attr-NAME...) to {@code state}; {@code what} names the call.
   */
  void add(String kind, State<?> state, String what) {
    if (state == null) {
      throw new NullPointerException(what + ": state == null");
    }
    String name = StateFields.nameOf(state);
    if (name == null) {
      throw new IllegalArgumentException(
          what
              + " was given a State that no registered class holds. Declare it as a field"
              + " 'static final State<T> name = State.of(...);' of a class passed to"
              + " app.register(...), and bind that field; a State made elsewhere (or by map in"
              + " the view) has no name the browser knows.");
    }
    entries.add(kind + ":" + name);
    classes.add(StateFields.declaringClassOf(state));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The attribute's value. */
  String value() {
    return String.join(";", entries);
  }

  void collectClasses(Set<Class<?>> into) {
    into.addAll(classes);
  }
}
