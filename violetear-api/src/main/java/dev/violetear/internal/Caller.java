// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import dev.violetear.ClientId;
import java.util.concurrent.Callable;

/** Holds the client whose call the current server thread handles. Internal: no compatibility. */
public final class Caller {
  private static final ThreadLocal<ClientId> CURRENT = new ThreadLocal<>();

  private Caller() {}

  /** Returns the current caller, or {@code null} outside a handler. */
  public static ClientId current() {
    return CURRENT.get();
  }

  /** Runs {@code body} with {@code id} as the caller, restoring the previous one afterwards. */
  public static <T> T with(ClientId id, Callable<T> body) throws Exception {
    ClientId previous = CURRENT.get();
    CURRENT.set(id);
    try {
      return body.call();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
