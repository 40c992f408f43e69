// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
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
 * browser-side green thread until the result arrives) and use the browser API ({@link Dom}). They
 * must not reach server-only code (the {@code App}, JDBC, files, Javalin, Jackson): the bundle
 * build fails naming the client method and the class it reached. Rules, checked when the app
 * starts: the method is {@code static} and not {@code private}.
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
   * either no parameter or one {@link Event}. Binding any other method with {@code .on(...)} throws
   * {@link IllegalArgumentException} when the page is rendered. Each call runs on its own
   * browser-side green thread, so the method may block on RPC calls.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Callback {}
}
