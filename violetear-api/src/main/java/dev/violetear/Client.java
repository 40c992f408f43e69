// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static} method that runs in the browser: it is compiled to JavaScript with TeaVM
 * and may be called by other client code.
 *
 * <pre>{@code
 * @Client
 * static String label(int n) { return "Count: " + n; }
 * }</pre>
 *
 * <p>Client methods may call {@link Server.Rpc} methods as plain methods (the call blocks the
 * browser-side green thread until the result arrives) and use the browser API ({@link
 * dev.violetear.browser.Dom}). They must not reach server-only code (the {@code App}, JDBC, files,
 * Javalin, Jackson): the bundle build fails naming the client method and the class it reached.
 * Rules, checked when the app starts: the method is {@code static} and not {@code private}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Client {

  /**
   * Marks a client method that may be bound to DOM events in markup.
   *
   * <pre>{@code
   * @Client.Callback
   * public static void plus(Event e) { Dom.find("display").text(label(add(1).value())); }
   *
   * Html.button("+").on("click", Counter::plus)
   * }</pre>
   *
   * <p>Rules: the method is {@code static}, not {@code private}, returns {@code void} and takes
   * either no parameter or one {@link dev.violetear.browser.Event}. Binding any other method with
   * {@code .on(...)} throws {@link IllegalArgumentException} when the page is rendered. Each call
   * runs on its own browser-side green thread, so the method may block on RPC calls.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Callback {}

  /**
   * Marks a {@code static void} client method that the server may call: reverse RPC, to one client
   * or to all.
   *
   * <pre>{@code
   * @Client.Realtime
   * public static void toast(String message, String level) { ... }
   *
   * // on the server
   * app.clients().to(clientId).invoke(Chat::toast, "Welcome", "info");
   * app.clients().all().invoke(Chat::toast, "Restarting", "warn");
   * }</pre>
   *
   * <p>Each call runs on its own browser-side green thread. Rules, checked when the app starts:
   * {@code static}, not {@code private}, returns {@code void}, JSON parameter types, not
   * overloaded.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Realtime {}

  /**
   * Marks a {@code static void} client method that runs when an event happens in the browser.
   *
   * <pre>{@code
   * @Client.On("ready")
   * public static void ready() { Dom.find("status").text("loaded"); }
   *
   * @Client.On("user_joined")
   * public static void joined(String name) { ... }
   * }</pre>
   *
   * <p>Lifecycle events (no parameters): {@code ready} (once per page load, after every binding is
   * attached), {@code connect} (after each successful connection, never before the {@code ready}
   * handlers finished), {@code disconnect} (once per lost connection) and {@code resume_failed} (a
   * reconnect came too late to resume: the server had dropped this page's session, with the calls
   * and emits that waited for it, and the page's own unacknowledged messages were dropped rather
   * than risk running them twice; it fires just before that connection's {@code connect}, a good
   * place to reload state). Any other name is a custom event, from the server ({@code
   * app.clients().to(id).emit(...)}) or a local emit; its handlers take no parameter or one data
   * parameter of the event's JSON type. Each handler runs on its own green thread.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @Repeatable(On.List.class)
  @interface On {
    /** {@return the event name, for example {@code "ready"} or {@code "user_joined"}} */
    String value();

    /** Holds several {@link On} annotations on one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
      /** {@return the {@link On} annotations of the method} */
      On[] value();
    }
  }

  /**
   * Deprecated alias of {@code @Client.On("ready")}, kept for migration; using it logs a
   * deprecation warning once when the app starts.
   *
   * <pre>{@code
   * @Client.Startup   // write @Client.On("ready") instead
   * public static void init() { ... }
   * }</pre>
   *
   * @deprecated use {@code @Client.On("ready")}
   */
  @Deprecated
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Startup {}
}
