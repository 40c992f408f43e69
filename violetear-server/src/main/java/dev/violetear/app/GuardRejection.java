// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.RpcException;

/**
 * Refuses a request: thrown by a {@link Guard} for an RPC call, fragment or socket handshake that
 * must not go further, or by a server method for a caller that may not do what it asked.
 *
 * <pre>{@code
 * app.guard(User.class, request -> {
 *   User user = sessions.find(request.cookie("session"));
 *   if (user != null && user.isSuspended()) {
 *     throw GuardRejection.forbidden("This account is suspended.");
 *   }
 *   return user;
 * });
 *
 * @Server.Rpc
 * public static void delete(long noticeId) {
 *   if (!isAuthor(Principal.current(User.class), noticeId)) {
 *     throw GuardRejection.forbidden("Only the author may delete this notice.");
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>The caller gets {@code {"error":{"type","message"}}} with the status and type below: an RPC
 * call as its HTTP answer, a handshake as the refused upgrade's answer, a realtime call as an error
 * frame. The message reaches the browser, so it is for the user: keep secrets out of it.
 */
public final class GuardRejection extends RpcException {
  private static final long serialVersionUID = 1L;

  private GuardRejection(String type, String message, int status) {
    super(type, message, status);
  }

  /**
   * Refuses a caller who is not signed in, or whose credentials are not valid: HTTP 401, type
   * {@code Unauthenticated}.
   *
   * <pre>{@code
   * throw GuardRejection.unauthorized("Your session has expired: sign in again.");
   * }</pre>
   *
   * @param message the text the caller may show to the user
   * @return the rejection, to throw
   */
  public static GuardRejection unauthorized(String message) {
    return new GuardRejection("Unauthenticated", message, 401);
  }

  /**
   * Refuses a caller who is known but may not do this: HTTP 403, type {@code Forbidden}.
   *
   * <pre>{@code
   * throw GuardRejection.forbidden("This account is suspended.");
   * }</pre>
   *
   * @param message the text the caller may show to the user
   * @return the rejection, to throw
   */
  public static GuardRejection forbidden(String message) {
    return new GuardRejection("Forbidden", message, 403);
  }
}
