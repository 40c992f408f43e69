// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import dev.violetear.browser.Event;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.platform.Platform;

/**
 * Connects the bundle's client methods to window.violetear; called by generated code. Every handler
 * runs on its own green thread, because it may block on RPC calls and a suspension outside a thread
 * fails.
 */
public final class ClientRuntime {
  private ClientRuntime() {}

  /** The JavaScript-facing shape of a handler: DOM event, invoke arguments or event data. */
  @JSFunctor
  public interface Handler extends JSObject {
    /** Handles one call; returns a promise that settles when the Java handler has finished. */
    JSObject handle(JSObject value);
  }

  /** A handler body; it may throw, because user methods may declare checked exceptions. */
  public interface Body {
    void run(JSObject value) throws Throwable;
  }

  /** A callback body, which receives the DOM event. */
  public interface CallbackBody {
    void run(Event event) throws Throwable;
  }

  /** Registers a {@code @Client.Callback} under {@code name}. */
  public static void callback(String name, CallbackBody body) {
    register("callback", name, handler("@Client.Callback " + name, e -> body.run(new Event(e))));
  }

  /**
   * A DOM listener for an element built in the browser: {@code body} runs on its own green thread,
   * as a registered callback does, and a failure is reported under {@code label}.
   */
  public static Handler listener(String label, CallbackBody body) {
    return handler(label, e -> body.run(new Event(e)));
  }

  /**
   * Registers a {@code @Client.Realtime} method; the handler receives the arguments array. The
   * runtime runs it only while its class is active on the page.
   */
  public static void realtime(String name, Body body) {
    register("realtime", name, handler("@Client.Realtime " + name, body));
  }

  /**
   * Registers what a class does when it becomes active on the page: {@code subscribe} subscribes
   * its {@code @Client.On} handlers. The runtime runs it at once when the page lists the class, or
   * later, when a loaded fragment needs the class.
   */
  public static void whenActive(String simpleClassName, Runnable subscribe) {
    register(
        "class",
        simpleClassName,
        value -> {
          subscribe.run();
          return null;
        });
  }

  /** Subscribes a {@code @Client.On} method to an event; the handler receives the event data. */
  public static void on(String event, String method, Body body) {
    subscribe(event, handler("@Client.On(\"" + event + "\") " + method, body));
  }

  /** Subscribes a Java handler of {@code Violetear.on}; returns the unsubscribe function. */
  public static JSObject onLocal(String event, Body body) {
    return subscribe(event, handler("handler of '" + event + "'", body));
  }

  /** Declares the codec of an event's data, so that Java code can emit and receive it. */
  public static void eventCodec(String event, Codec<?> codec) {
    EventCodecs.put(event, codec);
  }

  /** Returns the codec of the event's data, or {@code null} when no handler declares one. */
  public static Codec<?> eventCodec(String event) {
    return EventCodecs.get(event);
  }

  /** Sends a {@code @Server.Realtime} call; throws when the outgoing queue is full. */
  public static void call(String fn, JSObject[] args) {
    JSObject list = Json.array();
    for (JSObject a : args) {
      Json.push(list, a);
    }
    sendCall(fn, list);
  }

  /** Warns that a realtime call's declared result is not available in the browser. */
  public static void warnNoResult(String fn) {
    warn(
        "violetear: "
            + fn
            + " is @Server.Realtime, so the call has no result: it returns"
            + " null/zero. Use @Server.Rpc to get the server's answer.");
  }

  /** Tells the runtime that every method is registered: it hydrates the page and fires ready. */
  public static void bundleLoaded() {
    loaded();
  }

  /**
   * Wraps a body so that it runs on its own green thread and reports its failure by name. The
   * thread is TeaVM's bare coroutine, not a java.lang.Thread: a Thread brings monitors, an uncaught
   * exception handler and a PrintStream into every bundle, about a third of a small app's bundle.
   */
  static Handler handler(String label, Body body) {
    return value ->
        promise(
            done ->
                Platform.startThread(
                    () -> {
                      try {
                        body.run(value);
                      } catch (Throwable t) {
                        reportError(label, String.valueOf(t));
                      }
                      done.run();
                    }));
  }

  /**
   * Runs {@code body} on its own green thread, so that it may block on RPC calls, and reports its
   * failure under {@code label} like a handler's; used by timers, which JavaScript starts outside
   * any thread.
   */
  public static void spawn(String label, Runnable body) {
    Platform.startThread(
        () -> {
          try {
            body.run();
          } catch (Throwable t) {
            reportError(label, String.valueOf(t));
          }
        });
  }

  /** Starts the work that settles a promise: it calls {@code done} once it has finished. */
  @JSFunctor
  interface Start extends JSObject {
    void start(Done done);
  }

  /** Settles the promise that {@link Start} received. */
  @JSFunctor
  interface Done extends JSObject {
    void run();
  }

  @JSBody(params = "start", script = "return new Promise(function(done) { start(done); });")
  private static native JSObject promise(Start start);

  @JSBody(
      params = {"kind", "name", "fn"},
      script = "window.violetear.register(kind, name, fn);")
  private static native void register(String kind, String name, Handler fn);

  @JSBody(
      params = {"event", "fn"},
      script = "return window.violetear.on(event, fn);")
  private static native JSObject subscribe(String event, Handler fn);

  @JSBody(
      params = {"fn", "args"},
      script = "window.violetear.call(fn, args);")
  private static native void sendCall(String fn, JSObject args);

  @JSBody(script = "window.violetear.bundleLoaded();")
  private static native void loaded();

  @JSBody(params = "message", script = "console.warn(message);")
  private static native void warn(String message);

  @JSBody(
      params = {"name", "error"},
      script = "console.error('Uncaught exception in ' + name + ': ' + error);")
  private static native void reportError(String name, String error);
}
