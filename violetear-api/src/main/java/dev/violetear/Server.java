// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Namespace of the annotations for methods that run on the server (the JVM).
 *
 * <pre>{@code
 * @Server.Rpc
 * public static Total add(int delta) { return new Total(count.addAndGet(delta)); }
 * }</pre>
 *
 * <p>Client code calls these methods with their declared signature; in the browser bundle their
 * bodies are replaced by stubs that reach the server, so whatever server-only code they use
 * (JDBC, files, the {@code App}) never reaches the browser.
 */
public final class Server {
  private Server() {}

  /**
   * Marks a {@code static} method as a remote procedure: browsers call it over HTTP ({@code POST
   * /_violetear/rpc/Class.method}) and wait for its result.
   *
   * <pre>{@code
   * @Server.Rpc
   * public static List<Item> add(String text) {
   *   if (text.isBlank()) throw new RpcException("EmptyItem", "Write something first");
   *   ...
   * }
   * }</pre>
   *
   * <p>Rules, checked when the app starts: the method is {@code static} and not {@code private};
   * every parameter and the return type are JSON types (primitives and boxes, {@code String},
   * enums, records, arrays, {@code List}, {@code Set}, {@code Map<String, T>}, {@code Optional},
   * nested freely). Throw {@link RpcException} to send a typed error the caller can show; any other
   * exception becomes a generic server error whose details stay in the server log.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface Rpc {}
}
