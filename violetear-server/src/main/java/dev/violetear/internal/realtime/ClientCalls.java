// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.violetear.Client;
import dev.violetear.internal.model.ClientMethod;
import dev.violetear.internal.model.Names;
import dev.violetear.internal.wire.Frames;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code @Client.Realtime} methods of the registered classes, and the {@code invoke} frames
 * that call them: a method reference ({@code Chat::toast}) is resolved to its method once per call
 * site, and the arguments are written with the writers of the declared generic parameter types.
 */
final class ClientCalls {
  private static final String EXAMPLE = "for example Chat::toast";

  /** A client method the server may call. */
  private record Target(
      String name, Method method, String[] parameters, Class<?>[] types, ObjectWriter[] writers) {}

  /**
   * An invoke frame, ready to send to any number of clients: {@code tail} is its text without the
   * opening brace, which each page session numbers (see {@link Frames#invoke}).
   */
  record Call(String name, String tail) {}

  private final Map<Method, Target> targets = new HashMap<>();
  // Each method reference expression has its own class, so resolving once per class is enough.
  private final ConcurrentMap<Class<?>, Target> byReference = new ConcurrentHashMap<>();
  private final Frames frames;

  ClientCalls(List<ClientMethod> clients, ObjectMapper mapper, Frames frames) {
    this.frames = frames;
    for (ClientMethod cm : clients) {
      if (cm.kind() != ClientMethod.Kind.REALTIME) {
        continue;
      }
      Parameter[] params = cm.method().getParameters();
      String[] names = new String[params.length];
      ObjectWriter[] writers = new ObjectWriter[params.length];
      for (int i = 0; i < params.length; i++) {
        names[i] = params[i].getName();
        writers[i] = mapper.writerFor(mapper.constructType(params[i].getParameterizedType()));
      }
      targets.put(
          cm.method(),
          new Target(cm.name(), cm.method(), names, cm.method().getParameterTypes(), writers));
    }
  }

  /**
   * Builds the frame that calls {@code reference} with {@code args} in a browser.
   *
   * @throws IllegalArgumentException when {@code reference} is not a method reference to a
   *     {@code @Client.Realtime} method of a registered class, or an argument does not fit
   */
  Call prepare(Serializable reference, Object... args) {
    Target target = byReference.computeIfAbsent(reference.getClass(), c -> resolve(reference));
    if (args.length != target.parameters().length) {
      throw new IllegalArgumentException(
          target.name()
              + " takes "
              + target.parameters().length
              + " arguments, got "
              + args.length);
    }
    for (int i = 0; i < args.length; i++) {
      Class<?> type = target.types()[i];
      if (args[i] == null && type.isPrimitive()) {
        throw new IllegalArgumentException(
            target.name()
                + " parameter '"
                + target.parameters()[i]
                + "' is "
                + (type == int.class ? "an " : "a ")
                + type.getName()
                + " and cannot be null");
      }
    }
    try {
      return new Call(target.name(), frames.invoke(target.name(), target.writers(), args));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "The arguments of "
              + target.name()
              + " do not serialize to JSON: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
  }

  private Target resolve(Serializable reference) {
    MethodReference ref;
    try {
      ref = MethodReference.read(reference);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Cannot read which method "
              + reference.getClass().getName()
              + " refers to ("
              + e
              + "). If the app is a named module, open its package to the framework.",
          e);
    }
    if (ref == null) {
      throw new IllegalArgumentException(
          "Cannot call an instance of "
              + reference.getClass().getName()
              + " in browsers: pass a method reference to a @Client.Realtime method, "
              + EXAMPLE
              + ".");
    }
    if (ref.isLambda()) {
      throw new IllegalArgumentException(
          "Cannot call a lambda (declared in "
              + ref.owner().getSimpleName()
              + ") in browsers: pass a method reference to a @Client.Realtime method, "
              + EXAMPLE
              + ".");
    }
    Method m = ref.method();
    Target target = m == null ? null : targets.get(m);
    if (target != null) {
      return target;
    }
    if (m != null && m.isAnnotationPresent(Client.Realtime.class)) {
      throw new IllegalArgumentException(
          Names.of(m)
              + " is a @Client.Realtime method, but its class is not registered: add"
              + " app.register("
              + m.getDeclaringClass().getSimpleName()
              + ".class) before start().");
    }
    String name = m == null ? ref.owner().getSimpleName() + "::new" : Names.of(m);
    throw new IllegalArgumentException(
        name
            + " is not a @Client.Realtime method, so the server cannot call it in browsers:"
            + " annotate it with @Client.Realtime (static, void, JSON parameters).");
  }
}
