// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import java.util.Objects;

/**
 * A failed remote call, as client code sees it; also the way a server method reports an error that
 * the caller should see.
 *
 * <pre>{@code
 * // on the server
 * @Server.Rpc
 * public static List<Item> add(String text) {
 *   if (text.isBlank()) throw new RpcException("EmptyItem", "Write something first");
 *   ...
 * }
 *
 * // in the browser
 * try { items = add(input.value()); }
 * catch (RpcException e) { Dom.find("error").text(e.getMessage()); }   // "Write something first"
 * }</pre>
 *
 * <p>{@link #type()} names the kind of error: the type given by the server method, {@code
 * "BadArguments"}, {@code "UnknownFunction"}, {@code "PayloadTooLarge"}, {@code "ServerError"}
 * (details only in the server log) or {@code "NetworkError"}. {@link #status()} is the HTTP status,
 * 0 when the server was not reached.
 */
public class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of error, as {@link #type()} returns it. */
  private final String type;

  /** The HTTP status, as {@link #status()} returns it. */
  private final int status;

  /**
   * An error that a server method throws for its caller to see; sent with HTTP status 422.
   *
   * @param type a short name of the error kind, for example {@code "EmptyItem"}
   * @param message the text the caller may show to the user
   */
  public RpcException(String type, String message) {
    this(type, message, 422);
  }

  /**
   * An error with an explicit HTTP status, such as 409 for a conflict or 503 while a dependency is
   * down. A server method may throw it; a status outside 400 to 599 is answered as 422, with a
   * warning in the server log, since it would not tell the browser that the call failed.
   *
   * @param type a short name of the error kind
   * @param message the text the caller may show to the user
   * @param status the HTTP status, 0 when the server was not reached
   */
  public RpcException(String type, String message, int status) {
    super(Objects.requireNonNull(message, "message == null"));
    this.type = Objects.requireNonNull(type, "type == null");
    this.status = status;
  }

  /** {@return the kind of error, for example {@code "EmptyItem"} or {@code "BadArguments"}} */
  public String type() {
    return type;
  }

  /** {@return the HTTP status of the failed call, or 0 when the server was not reached} */
  public int status() {
    return status;
  }
}
