// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.Client;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The rules of the methods that run in the browser: {@code @Client.Callback} (bound to DOM events),
 * {@code @Client.Realtime} (called by the server) and plain {@code @Client}.
 */
final class ClientMethodRules {
  private ClientMethodRules() {}

  /** The most arguments a typed server-to-browser call takes (ClientCall.Of4). */
  private static final int MAX_CLIENT_CALL_ARGS = 4;

  /** Checks a method with one of the browser-side annotations and collects it. */
  static void check(Method m, String name, Map<String, Method> wireNames, Findings f) {
    if (m.isAnnotationPresent(Client.Callback.class)) {
      if (!AppModel.isCallbackShape(m)) {
        f.problems.add(
            "@Client.Callback method "
                + name
                + " must return void and take no"
                + " parameter or one dev.violetear.browser.Event; it is declared as '"
                + m.toGenericString()
                + "'.");
        return;
      }
      f.clients.add(new ClientMethod(name, m, ClientMethod.Kind.CALLBACK));
    } else if (m.isAnnotationPresent(Client.Realtime.class)) {
      if (m.getReturnType() != void.class) {
        f.problems.add(
            "@Client.Realtime method "
                + name
                + " must return void: the server calls"
                + " it without waiting for a result.");
        return;
      }
      if (m.getParameterCount() > MAX_CLIENT_CALL_ARGS) {
        f.problems.add(
            "@Client.Realtime method "
                + name
                + " takes "
                + m.getParameterCount()
                + " parameters, but the server calls it with a typed method reference, which"
                + " takes at most "
                + MAX_CLIENT_CALL_ARGS
                + " (ClientCall.Of0 to Of4): group the values in a record.");
        return;
      }
      if (SignatureRules.unique(m, wireNames, "@Client.Realtime", f.problems)) {
        SignatureRules.check(m, false, false, f.problems);
        f.clients.add(new ClientMethod(name, m, ClientMethod.Kind.REALTIME));
      }
    } else {
      f.clients.add(new ClientMethod(name, m, ClientMethod.Kind.PLAIN));
    }
  }
}
