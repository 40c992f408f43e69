// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.internal.MarkupHooks;
import dev.violetear.internal.model.StateFields;
import dev.violetear.markup.Binding;
import java.io.Serializable;

/**
 * How markup checks and names its bindings on the server, found by {@link MarkupHooks} as a
 * service: a callback by its method (read from the method reference), a state or a repeat by the
 * field of the registered class that holds it.
 *
 * <pre>{@code
 * MarkupHooks.resolver().bindableName(Converter.celsius, "Element.text(State)");   // "Converter.celsius"
 * }</pre>
 */
public final class ServerMarkup implements MarkupHooks.Resolver {
  /** Made by {@link java.util.ServiceLoader}. */
  public ServerMarkup() {}

  @Override
  public Binding callback(String event, Serializable callback) {
    return CallbackResolver.resolve(event, callback);
  }

  @Override
  public String bindableName(Object state, String what) {
    String name = StateFields.nameOf(state);
    if (name == null) {
      String type = state.getClass().getSimpleName();
      throw new IllegalArgumentException(
          what
              + " was given a "
              + type
              + " that no registered class holds. Declare it as a field 'static final "
              + type
              + "<T> name = "
              + type
              + ".of(...);' of a class passed to app.register(...), and bind that field; a "
              + type
              + " made elsewhere (or in the view) has no name the browser knows.");
    }
    return name;
  }

  @Override
  public Class<?> bindableOwner(Object state) {
    return StateFields.declaringClassOf(state);
  }
}
