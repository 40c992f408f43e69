// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.Server;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The rules of the server methods the browser calls: {@code @Server.Rpc}, which answers, and
 * {@code @Server.Realtime}, which does not (a result it declares is lost, which is only a warning).
 */
final class ServerMethodRules {
  private ServerMethodRules() {}

  /** Checks a method with {@code @Server.Rpc} or {@code @Server.Realtime} and collects it. */
  static void check(Method m, String name, Map<String, Method> wireNames, Findings f) {
    if (m.isAnnotationPresent(Server.Rpc.class)) {
      if (SignatureRules.unique(m, wireNames, "@Server.Rpc", f.problems)) {
        SignatureRules.check(m, true, true, f.problems);
        f.rpcs.add(new RpcMethod(name, m));
      }
    } else if (SignatureRules.unique(m, wireNames, "@Server.Realtime", f.problems)) {
      SignatureRules.check(m, false, true, f.problems);
      if (m.getReturnType() != void.class) {
        f.warnings.add(
            "@Server.Realtime method "
                + name
                + " returns "
                + m.getGenericReturnType().getTypeName()
                + ", but realtime calls have no result:"
                + " the value is lost. Make it void, or use @Server.Rpc to answer the caller.");
      }
      f.realtimes.add(new RealtimeMethod(name, m));
    }
  }
}
