// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Holds what the current server thread handles: the app it runs in, the client whose call it is
 * (none for views, guards and the app's own events), the page it came from (none for RPC calls) and
 * the principal the app's guard accepted. Internal: the module exports this package only to the
 * server, so that user code cannot act as another client.
 */
public final class Caller {
  private record Scope(Object app, ClientId id, PageId page, Object principal) {}

  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private Caller() {}

  /** Returns the current caller, or {@code null} outside a handler that runs for a client. */
  public static ClientId current() {
    Scope scope = CURRENT.get();
    return scope == null ? null : scope.id();
  }

  /** Returns the page the current call came from, or {@code null} outside a page's socket call. */
  public static PageId page() {
    Scope scope = CURRENT.get();
    return scope == null ? null : scope.page();
  }

  /** Returns the current caller's principal, or {@code null} for an anonymous caller or none. */
  public static Object principal() {
    Scope scope = CURRENT.get();
    return scope == null ? null : scope.principal();
  }

  /** Returns the app whose handler the current thread runs, or {@code null} outside one. */
  public static Object app() {
    Scope scope = CURRENT.get();
    return scope == null ? null : scope.app();
  }

  /** Runs {@code body} in {@code app} without a client, as views and guards run. */
  public static <T> T in(Object app, Supplier<T> body) {
    Scope previous = CURRENT.get();
    CURRENT.set(new Scope(app, null, null, null));
    try {
      return body.get();
    } finally {
      restore(previous);
    }
  }

  /**
   * Runs {@code body} in {@code app} for {@code id} (null: no client) with {@code principal} (null:
   * anonymous), restoring what the thread held before afterwards, so that a handler that runs
   * another app's code inline gets its own app back.
   */
  public static <T> T with(Object app, ClientId id, Object principal, Callable<T> body)
      throws Exception {
    return with(app, id, null, principal, body);
  }

  /** Runs {@code body} as {@link #with(Object, ClientId, Object, Callable)}, for {@code page}. */
  public static <T> T with(Object app, ClientId id, PageId page, Object principal, Callable<T> body)
      throws Exception {
    Scope previous = CURRENT.get();
    CURRENT.set(new Scope(app, id, page, principal));
    try {
      return body.call();
    } finally {
      restore(previous);
    }
  }

  private static void restore(Scope previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
