// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.Client;
import dev.violetear.Server;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules every annotated method meets whatever its role: one role (server or browser, one kind),
 * static, not private; {@code @Server.SignedIn} only on remote server methods, {@code
 * Server.NonBlocking} only on realtime ones. A method that passes goes on to the rules of its role.
 */
final class RoleRules {
  private RoleRules() {}

  /** The method annotations the model knows, in the order they are reported. */
  @SuppressWarnings("deprecation")
  static final List<Class<? extends Annotation>> KINDS =
      List.of(
          Server.Rpc.class,
          Server.Realtime.class,
          Server.On.class,
          Server.On.List.class,
          Server.Connect.class,
          Client.class,
          Client.Callback.class,
          Client.Realtime.class,
          Client.On.class,
          Client.On.List.class,
          Client.Startup.class);

  /**
   * Checks {@code m} and, if it has a role, hands it to that role's rules.
   *
   * @param wireNames the remote methods of {@code m}'s class so far, by name
   */
  static void check(Method m, Map<String, Method> wireNames, Findings f) {
    List<String> present = new ArrayList<>();
    for (Class<? extends Annotation> kind : KINDS) {
      if (m.isAnnotationPresent(kind)) {
        present.add(label(kind));
      }
    }
    String name = Names.of(m);
    if (m.isAnnotationPresent(Server.SignedIn.class)
        && !m.isAnnotationPresent(Server.Rpc.class)
        && !m.isAnnotationPresent(Server.Realtime.class)) {
      f.problems.add(
          "@Server.SignedIn on "
              + name
              + ": only @Server.Rpc and @Server.Realtime"
              + " methods can require a signed-in caller"
              + (present.isEmpty()
                  ? ", and it has" + " neither"
                  : ", not " + String.join(" and ", present))
              + ". Remove it (a @Server.On"
              + " handler can check Principal.current(...) itself).");
    }
    if (m.isAnnotationPresent(Server.NonBlocking.class)
        && !m.isAnnotationPresent(Server.Realtime.class)) {
      f.problems.add(
          "@Server.NonBlocking on "
              + name
              + ": only @Server.Realtime methods run on the thread that read their call"
              + (present.isEmpty() ? "" : ", not " + String.join(" and ", present))
              + ". Remove it, or make the method @Server.Realtime.");
    }
    if (present.isEmpty()) {
      return;
    }
    boolean onServer = present.stream().anyMatch(p -> p.startsWith("@Server"));
    boolean onClient = present.stream().anyMatch(p -> p.startsWith("@Client"));
    if (onServer && onClient || present.size() > 1 && !onlyEvents(present)) {
      f.problems.add(
          name
              + " has "
              + String.join(" and ", present)
              + "; a method runs either on"
              + " the server or in the browser, in one role: keep one.");
      return;
    }
    String annotation = present.get(0);
    if (!Modifier.isStatic(m.getModifiers())) {
      f.problems.add(annotation + " method " + name + " must be static.");
      return;
    }
    if (Modifier.isPrivate(m.getModifiers())) {
      f.problems.add(
          annotation
              + " method "
              + name
              + " must not be private: the generated"
              + " browser code calls it. Make it package-private or public.");
      return;
    }
    if (m.isAnnotationPresent(Server.Rpc.class) || m.isAnnotationPresent(Server.Realtime.class)) {
      ServerMethodRules.check(m, name, wireNames, f);
    } else if (m.isAnnotationPresent(Client.Callback.class)
        || m.isAnnotationPresent(Client.Realtime.class)
        || m.isAnnotationPresent(Client.class)) {
      ClientMethodRules.check(m, name, wireNames, f);
    } else {
      EventRules.check(m, name, f);
    }
  }

  /** Several event annotations on one method are fine: it handles each of those events. */
  private static boolean onlyEvents(List<String> present) {
    return present.stream()
        .allMatch(p -> p.contains(".On") || p.endsWith("Connect") || p.endsWith("Startup"));
  }

  private static String label(Class<? extends Annotation> kind) {
    String outer = kind.getEnclosingClass() == null ? "" : kind.getEnclosingClass().getSimpleName();
    if (outer.equals("On")) {
      return "@" + kind.getEnclosingClass().getEnclosingClass().getSimpleName() + ".On";
    }
    return "@" + (outer.isEmpty() ? "" : outer + ".") + kind.getSimpleName();
  }
}
