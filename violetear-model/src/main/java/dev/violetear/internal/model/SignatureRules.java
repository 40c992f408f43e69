// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * The rules of a remote method's signature, on either side: its name is unique in its class, and
 * its parameters (and result, if the caller gets one) cross the wire.
 */
final class SignatureRules {
  private SignatureRules() {}

  /**
   * Whether {@code m} is the first remote method of its class with its name; records it if so.
   *
   * @param wireNames the remote methods of {@code m}'s class so far, by name
   */
  static boolean unique(
      Method m, Map<String, Method> wireNames, String annotation, List<String> problems) {
    Method previous = wireNames.put(m.getName(), m);
    if (previous != null) {
      problems.add(
          annotation
              + " method "
              + Names.of(m)
              + " is overloaded or shares its name"
              + " with another remote method; remote functions are called by name, so give each"
              + " its own name.");
      return false;
    }
    return true;
  }

  /**
   * Checks that every parameter and, when {@code withResult}, the return type are wire types; when
   * {@code isFromPages} (a server method), also that no parameter holds a server-only component.
   */
  static void check(Method m, boolean withResult, boolean isFromPages, List<String> problems) {
    String name = Names.of(m);
    Parameter[] params = m.getParameters();
    for (int i = 0; i < params.length; i++) {
      String label =
          params[i].isNamePresent()
              ? "'" + params[i].getName() + "'"
              : (i + 1) + " (compile with -parameters to see its name)";
      Type type = params[i].getParameterizedType();
      WireTypes.check(type, name + " parameter " + label, problems);
      if (isFromPages) {
        ServerOnlyComponents.checkFromPages(type, name + " parameter " + label, problems);
      }
    }
    if (withResult && m.getReturnType() != void.class) {
      WireTypes.check(m.getGenericReturnType(), name + " return type", problems);
    }
  }
}
