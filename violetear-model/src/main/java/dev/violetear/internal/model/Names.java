// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import java.lang.reflect.Method;

/** The user-facing names of classes and methods in messages and on the wire. */
public final class Names {
  private Names() {}

  /** {@code Counter.add}: the simple name of the declaring class, a dot, the method name. */
  public static String of(Method m) {
    return m.getDeclaringClass().getSimpleName() + "." + m.getName();
  }
}
