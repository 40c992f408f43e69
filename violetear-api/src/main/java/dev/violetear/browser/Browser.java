// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import java.util.function.Supplier;

/** Runs browser-only code and turns its failure on the JVM into a clear error. */
final class Browser {
  private Browser() {}

  /*
   * The browser API is made of JSBody natives that exist only in the TeaVM output. On the JVM they
   * fail with UnsatisfiedLinkError, which says nothing useful to a user, so it is translated here.
   */
  static <T> T run(Supplier<T> action) {
    try {
      return action.get();
    } catch (UnsatisfiedLinkError e) {
      throw new IllegalStateException(
          "The browser API (Dom, DomElement, Event, Storage, Timers, Violetear) works only in client"
              + " code running in the browser; it was called on the JVM. Call it from @Client methods;"
              + " to run a"
              + " @Client.Realtime method in browsers from the server, use"
              + " app.clients().to(clientId).invoke(X::method, ...) or"
              + " app.clients().all().invoke(X::method, ...).",
          e);
    }
  }

  /** Fails on the JVM, before any browser-independent work (such as a codec lookup) runs. */
  static void require() {
    exec(Browser::probe);
  }

  @org.teavm.jso.JSBody(script = "")
  private static native void probe();

  static void exec(Runnable action) {
    run(
        () -> {
          action.run();
          return null;
        });
  }
}
