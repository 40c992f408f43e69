// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.VioletearException;
import dev.violetear.browser.Event;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every annotated method of the registered classes, checked once at startup. All the rules about
 * annotations are checked here, so that the server and the compiler agree on them; each family of
 * rules has its own package-private class ({@code RoleRules}, {@code ServerMethodRules}, {@code
 * ClientMethodRules}, {@code SignatureRules}, {@code EventRules}), and all of them report into one
 * {@code Findings}, so that one exception lists every problem.
 *
 * @param stateFields the {@link dev.violetear.State} fields of the registered classes, found and
 *     checked once: the bundle makes each bindable by its name
 * @param warnings problems that do not stop the app (a realtime method with a result, deprecated
 *     aliases), for the app to log once
 */
public record AppModel(
    List<Class<?>> classes,
    List<RpcMethod> rpcs,
    List<RealtimeMethod> realtimes,
    List<ClientMethod> clients,
    List<EventHandler> serverEvents,
    List<EventHandler> clientEvents,
    List<java.lang.reflect.Field> stateFields,
    List<String> warnings) {

  /**
   * Scans the classes and checks every rule.
   *
   * @throws VioletearException listing every problem found
   */
  public static AppModel of(List<Class<?>> classes) {
    Findings f = new Findings();
    List<java.lang.reflect.Field> states = new java.util.ArrayList<>();
    Map<String, Class<?>> bySimpleName = new LinkedHashMap<>();
    for (Class<?> c : classes) {
      Class<?> other = bySimpleName.putIfAbsent(c.getSimpleName(), c);
      if (other != null && other != c) {
        f.problems.add(
            "Classes '"
                + other.getName()
                + "' and '"
                + c.getName()
                + "' have the same"
                + " simple name '"
                + c.getSimpleName()
                + "', which names their functions on the wire;"
                + " rename one of them.");
      }
      states.addAll(StateFields.of(c, f));
      Method[] methods = c.getDeclaredMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
      Map<String, Method> wireNames = new LinkedHashMap<>();
      for (Method m : methods) {
        if (!m.isSynthetic()) {
          RoleRules.check(m, wireNames, f);
        }
      }
    }
    EventRules.checkDataTypes(f);
    if (!f.problems.isEmpty()) {
      throw new VioletearException(
          "The app's classes break "
              + f.problems.size()
              + (f.problems.size() == 1 ? " rule" : " rules")
              + ":\n  - "
              + String.join("\n  - ", f.problems));
    }
    return new AppModel(
        List.copyOf(classes),
        List.copyOf(f.rpcs),
        List.copyOf(f.realtimes),
        List.copyOf(f.clients),
        List.copyOf(f.serverEvents),
        List.copyOf(f.clientEvents),
        List.copyOf(states),
        List.copyOf(f.warnings));
  }

  /**
   * Whether {@code c} declares a method with a Violetear annotation, i.e. whether registering it
   * means anything; the build plugin selects the classes of a prebuilt bundle with it.
   *
   * @throws LinkageError when a method's signature names a class that is not on the classpath
   */
  public static boolean isAnnotated(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      for (Class<? extends Annotation> kind : RoleRules.KINDS) {
        if (m.isAnnotationPresent(kind)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code m} has the shape a DOM event binding needs. */
  public static boolean isCallbackShape(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return m.getReturnType() == void.class
        && (p.length == 0 || (p.length == 1 && p[0] == Event.class));
  }

  /** The custom events of the app with the data type their handlers declare (null: none). */
  public Map<String, Type> eventTypes() {
    Map<String, Type> types = new LinkedHashMap<>();
    for (List<EventHandler> side : List.of(serverEvents, clientEvents)) {
      for (EventHandler h : side) {
        if (!EventHandler.isLifecycle(h.event())
            && (h.dataType() != null || !types.containsKey(h.event()))) {
          types.put(h.event(), h.dataType());
        }
      }
    }
    return types;
  }

  /**
   * The classes the server may reach in a page at any time: those with a {@code @Client.Realtime}
   * method or a {@code @Client.On} handler of any event but {@code ready}. A page opens its socket
   * at load only when one of them is active; other pages open it on their first realtime send.
   */
  public Set<Class<?>> listeningClasses() {
    Set<Class<?>> listening = new LinkedHashSet<>();
    for (ClientMethod m : clients) {
      if (m.kind() == ClientMethod.Kind.REALTIME) {
        listening.add(m.method().getDeclaringClass());
      }
    }
    for (EventHandler h : clientEvents) {
      if (!h.event().equals("ready")) {
        listening.add(h.method().getDeclaringClass());
      }
    }
    // The server pushes a shared state's changes to every page that shows it.
    for (java.lang.reflect.Field f : stateFields()) {
      if (StateFields.isShared(f)) {
        listening.add(f.getDeclaringClass());
      }
    }
    return Set.copyOf(listening);
  }
}
