// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import dev.violetear.browser.Event;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Registers the bundle's client methods with window.violetear; called by generated code. */
public final class ClientRuntime {
  private ClientRuntime() {}

  /** The JavaScript-facing shape of a DOM event handler. */
  @JSFunctor
  public interface Handler extends JSObject {
    void handle(JSObject event);
  }

  /** A callback body; it may throw, because user callbacks may declare checked exceptions. */
  public interface Body {
    void run(Event event) throws Throwable;
  }

  /**
   * Registers a {@code @Client.Callback} under {@code name}. Every invocation runs on its own green
   * thread, because the callback may block on RPC calls and a suspension outside a thread fails.
   */
  public static void callback(String name, Body body) {
    register(
        "callback",
        name,
        event ->
            new Thread(
                    () -> {
                      try {
                        body.run(new Event(event));
                      } catch (Throwable t) {
                        reportError(name, String.valueOf(t));
                      }
                    })
                .start());
  }

  /** Tells the runtime that every method is registered: it hydrates the page and fires ready. */
  public static void bundleLoaded() {
    loaded();
  }

  @JSBody(
      params = {"kind", "name", "fn"},
      script = "window.violetear.register(kind, name, fn);")
  private static native void register(String kind, String name, Handler fn);

  @JSBody(script = "window.violetear.bundleLoaded();")
  private static native void loaded();

  @JSBody(
      params = {"name", "error"},
      script = "console.error('Uncaught exception in @Client.Callback ' + name + ': ' + error);")
  private static native void reportError(String name, String error);
}
