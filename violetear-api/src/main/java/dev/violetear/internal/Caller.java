// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import dev.violetear.ClientId;
import java.util.concurrent.Callable;

/**
 * Holds the client whose call the current server thread handles, and the principal the app's guard
 * accepted for it. Internal: no compatibility.
 */
public final class Caller {
  private static final ThreadLocal<ClientId> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Object> PRINCIPAL = new ThreadLocal<>();

  private Caller() {}

  /** Returns the current caller, or {@code null} outside a handler. */
  public static ClientId current() {
    return CURRENT.get();
  }

  /** Returns the current caller's principal, or {@code null} for an anonymous caller or none. */
  public static Object principal() {
    return PRINCIPAL.get();
  }

  /** Runs {@code body} with {@code id} as an anonymous caller, restoring the previous one after. */
  public static <T> T with(ClientId id, Callable<T> body) throws Exception {
    return with(id, null, body);
  }

  /**
   * Runs {@code body} with {@code id} as the caller and {@code principal} (null: anonymous) as its
   * principal, restoring the previous ones afterwards.
   */
  public static <T> T with(ClientId id, Object principal, Callable<T> body) throws Exception {
    ClientId previous = CURRENT.get();
    Object previousPrincipal = PRINCIPAL.get();
    CURRENT.set(id);
    PRINCIPAL.set(principal);
    try {
      return body.call();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
      if (previousPrincipal == null) {
        PRINCIPAL.remove();
      } else {
        PRINCIPAL.set(previousPrincipal);
      }
    }
  }
}
