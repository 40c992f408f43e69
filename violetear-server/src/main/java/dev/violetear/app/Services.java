// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The services provided to one app, by the type its handlers ask for. */
final class Services {
  private final Object owner;
  // Written before start only; read by handlers on any thread.
  private final Map<Class<?>, Object> byType = new ConcurrentHashMap<>();

  Services(Object owner) {
    this.owner = owner;
  }

  <T> void provide(Class<T> type, T service) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(service, "service == null");
    if (!type.isInstance(service)) {
      throw new IllegalArgumentException(
          "provide("
              + type.getSimpleName()
              + ".class, ...) got a "
              + service.getClass().getName()
              + ", which is not a "
              + type.getName());
    }
    if (byType.putIfAbsent(type, service) != null) {
      throw new IllegalStateException(
          type.getName() + " is already provided to " + owner + "; provide each type once");
    }
  }

  <T> T get(Class<T> type) {
    Object service = byType.get(Objects.requireNonNull(type, "type == null"));
    if (service == null) {
      throw new IllegalStateException(
          owner
              + " has no service "
              + type.getName()
              + ": provide it with app.provide("
              + type.getSimpleName()
              + ".class, ...) before start()");
    }
    return type.cast(service);
  }
}
