// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.VioletearException;
import dev.violetear.browser.Event;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every annotated method of the registered classes, checked once at startup. All the rules about
 * annotations live here, so that the server and the compiler agree on them.
 */
public record AppModel(List<Class<?>> classes, List<RpcMethod> rpcs, List<ClientMethod> clients) {

  /**
   * Scans the classes and checks every rule.
   *
   * @throws VioletearException listing every problem found
   */
  public static AppModel of(List<Class<?>> classes) {
    List<String> problems = new ArrayList<>();
    List<RpcMethod> rpcs = new ArrayList<>();
    List<ClientMethod> clients = new ArrayList<>();
    Map<String, Class<?>> bySimpleName = new LinkedHashMap<>();
    for (Class<?> c : classes) {
      Class<?> other = bySimpleName.putIfAbsent(c.getSimpleName(), c);
      if (other != null && other != c) {
        problems.add("Classes '" + other.getName() + "' and '" + c.getName() + "' have the same"
            + " simple name '" + c.getSimpleName() + "', which names their functions on the wire;"
            + " rename one of them.");
      }
      Method[] methods = c.getDeclaredMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
      Map<String, Method> rpcNames = new LinkedHashMap<>();
      for (Method m : methods) {
        if (m.isSynthetic()) {
          continue;
        }
        boolean rpc = m.isAnnotationPresent(Server.Rpc.class);
        boolean callback = m.isAnnotationPresent(Client.Callback.class);
        boolean plain = m.isAnnotationPresent(Client.class);
        int count = (rpc ? 1 : 0) + (callback ? 1 : 0) + (plain ? 1 : 0);
        if (count == 0) {
          continue;
        }
        String name = Names.of(m);
        if (count > 1) {
          problems.add(name + " has more than one of @Server.Rpc, @Client and @Client.Callback;"
              + " a method runs either on the server or in the browser: keep one.");
          continue;
        }
        String annotation = rpc ? "@Server.Rpc" : callback ? "@Client.Callback" : "@Client";
        if (!Modifier.isStatic(m.getModifiers())) {
          problems.add(annotation + " method " + name + " must be static.");
          continue;
        }
        if (Modifier.isPrivate(m.getModifiers())) {
          problems.add(annotation + " method " + name + " must not be private: the generated"
              + " browser code calls it. Make it package-private or public.");
          continue;
        }
        if (rpc) {
          Method previous = rpcNames.put(m.getName(), m);
          if (previous != null) {
            problems.add("@Server.Rpc method " + name + " is overloaded; RPC functions are called"
                + " by name, so give each overload its own name.");
            continue;
          }
          checkSignature(m, problems);
          rpcs.add(new RpcMethod(name, m));
        } else if (callback) {
          if (!isCallbackShape(m)) {
            problems.add("@Client.Callback method " + name + " must return void and take no"
                + " parameter or one dev.violetear.browser.Event; it is declared as '"
                + m.toGenericString() + "'.");
            continue;
          }
          clients.add(new ClientMethod(name, m, ClientMethod.Kind.CALLBACK));
        } else {
          clients.add(new ClientMethod(name, m, ClientMethod.Kind.PLAIN));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new VioletearException("The app's classes break " + problems.size()
          + (problems.size() == 1 ? " rule" : " rules") + ":\n  - "
          + String.join("\n  - ", problems));
    }
    return new AppModel(List.copyOf(classes), List.copyOf(rpcs), List.copyOf(clients));
  }

  /** Whether {@code m} has the shape a DOM event binding needs. */
  public static boolean isCallbackShape(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return m.getReturnType() == void.class
        && (p.length == 0 || (p.length == 1 && p[0] == Event.class));
  }

  private static void checkSignature(Method m, List<String> problems) {
    String name = Names.of(m);
    Parameter[] params = m.getParameters();
    for (int i = 0; i < params.length; i++) {
      String label = params[i].isNamePresent()
          ? "'" + params[i].getName() + "'"
          : (i + 1) + " (compile with -parameters to see its name)";
      WireTypes.check(params[i].getParameterizedType(), name + " parameter " + label, problems);
    }
    if (m.getReturnType() != void.class) {
      WireTypes.check(m.getGenericReturnType(), name + " return type", problems);
    }
  }
}
