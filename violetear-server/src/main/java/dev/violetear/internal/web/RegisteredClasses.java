// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.markup.Binding;
import dev.violetear.markup.Document;
import java.util.Set;

/**
 * The app's registered classes, and the check that a page or fragment binds and uses only those:
 * the browser bundle holds the client code of registered classes alone, so any other binding would
 * do nothing in the browser.
 */
final class RegisteredClasses {
  private final Set<Class<?>> registered;

  RegisteredClasses(Set<Class<?>> registered) {
    this.registered = Set.copyOf(registered);
  }

  /**
   * Checks the bindings and used classes of {@code markup}.
   *
   * @param route names the view or fragment in the message, as {@code "View '/'"}
   * @throws IllegalStateException naming the binding or use and the class to register
   */
  void check(String route, Document markup) {
    for (Binding b : markup.bindings()) {
      if (!registered.contains(b.declaringClass())) {
        String owner = b.declaringClass().getSimpleName();
        throw new IllegalStateException(
            route
                + " binds '"
                + b.event()
                + "' to "
                + b.callbackName()
                + ", but "
                + owner
                + " is not registered: call app.register("
                + owner
                + ".class)");
      }
    }
    for (Class<?> c : markup.activeClasses()) {
      if (!registered.contains(c)) {
        throw new IllegalStateException(
            route
                + " uses "
                + c.getSimpleName()
                + ", which is not registered: call app.register("
                + c.getSimpleName()
                + ".class)");
      }
    }
  }
}
