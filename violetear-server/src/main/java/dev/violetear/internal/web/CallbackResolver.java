// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.Client;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.realtime.MethodReference;
import dev.violetear.markup.Action;
import dev.violetear.markup.Binding;
import dev.violetear.markup.EventCallback;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns a method reference passed to {@code .on(...)} into a {@link Binding}, checking that it
 * names a valid {@link Client.Callback} method. The element has checked the event name.
 *
 * <pre>{@code
 * CallbackResolver.resolve("click", (EventCallback) Counter::plus);   // Counter.plus
 * }</pre>
 *
 * <p>A method reference carries no name at run time; {@link MethodReference} reads its target from
 * the serialized form, which is why {@link EventCallback} and {@link Action} extend {@link
 * Serializable}.
 */
final class CallbackResolver {
  private static final String RULES =
      " A @Client.Callback method is static, not private, void, and takes no parameter or one"
          + " Event.";

  private CallbackResolver() {}

  static Binding resolve(String event, Serializable callback) {
    MethodReference reference = read(event, callback);
    Class<?> implClass = reference.owner();
    String methodName = reference.methodName();
    if (reference.isLambda()) {
      throw new IllegalArgumentException(
          "Cannot bind '"
              + event
              + "' to a lambda in "
              + implClass.getSimpleName()
              + ": bind a method reference to a @Client.Callback method, for example .on(\""
              + event
              + "\", Counter::plus).");
    }
    String where = "Cannot bind '" + event + "' to " + implClass.getSimpleName() + "." + methodName;
    Method method = reference.method();
    if (method == null || !method.isAnnotationPresent(Client.Callback.class)) {
      throw new IllegalArgumentException(
          where
              + ": it is not a @Client.Callback method. Annotate it with @Client.Callback"
              + " (static, void, no parameter or one Event).");
    }
    if (!Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(where + ": it is not static." + RULES);
    }
    if (Modifier.isPrivate(method.getModifiers())) {
      throw new IllegalArgumentException(where + ": it is private." + RULES);
    }
    if (method.getReturnType() != void.class) {
      throw new IllegalArgumentException(
          where + ": it returns " + method.getReturnType().getSimpleName() + "." + RULES);
    }
    // The return type passed above, so only the parameters can break the model's shape rule.
    if (!AppModel.isCallbackShape(method)) {
      Class<?>[] params = method.getParameterTypes();
      throw new IllegalArgumentException(
          where
              + ": it takes ("
              + Arrays.stream(params).map(Class::getSimpleName).collect(Collectors.joining(", "))
              + ")."
              + RULES);
    }
    return new Binding(event, method.getDeclaringClass(), method.getName());
  }

  private static MethodReference read(String event, Serializable callback) {
    MethodReference reference;
    try {
      reference = MethodReference.read(callback);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A module that does not open its package hides writeReplace from us.
      throw new IllegalArgumentException(
          "Cannot bind '"
              + event
              + "' to "
              + callback.getClass().getName()
              + ": its method reference cannot be read ("
              + e
              + "). If the app is a named module, open its package to the framework.",
          e);
    }
    if (reference == null) {
      throw new IllegalArgumentException(
          "Cannot bind '"
              + event
              + "' to an instance of "
              + callback.getClass().getName()
              + ": bind a method reference to a @Client.Callback method, for example .on(\""
              + event
              + "\", Counter::plus).");
    }
    return reference;
  }
}
