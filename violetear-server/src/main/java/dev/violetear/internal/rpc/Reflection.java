// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import dev.violetear.VioletearException;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;

/** Prepares user methods for reflective calls once, at startup. */
public final class Reflection {
  private Reflection() {}

  /**
   * Makes {@code method} callable although users often declare it package-private.
   *
   * @throws VioletearException when a module does not open the method's package
   */
  public static void makeCallable(String name, Method method) {
    try {
      method.setAccessible(true);
    } catch (InaccessibleObjectException | SecurityException e) {
      throw new VioletearException(
          name
              + " cannot be called by the server: "
              + e.getMessage()
              + ". Open its package to the violetear-server module (opens ... to"
              + " dev.violetear.server) or make the method and its class public.",
          e);
    }
  }
}
