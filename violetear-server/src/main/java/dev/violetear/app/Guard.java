// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

/**
 * Decides who may call the app: sees every RPC request, fragment request and socket handshake
 * before it reaches a handler, and returns the caller's principal, returns null for an anonymous
 * caller, or rejects the request. Registered with {@link App#guard(Class, Guard)}.
 *
 * <pre>{@code
 * app.guard(User.class, request -> {
 *   String token = request.cookie("session");
 *   if (token == null) {
 *     return null;                                  // anonymous: @Server.SignedIn methods refuse it
 *   }
 *   User user = sessions.find(token);
 *   if (user == null) {
 *     throw GuardRejection.unauthorized("Your session has expired: sign in again.");
 *   }
 *   if (user.isSuspended()) {
 *     throw GuardRejection.forbidden("This account is suspended.");
 *   }
 *   return user;
 * });
 * }</pre>
 *
 * <p>Handlers read what it returned with {@link Principal#current(Class)}. A rejected RPC call or
 * fragment request gets the rejection's status (401 or 403) and {@code
 * {"error":{"type","message"}}}; a rejected handshake gets the same answer and no socket. The
 * principal of a socket is the one returned for its handshake, kept for as long as the socket stays
 * open. Any other exception is a failure of the guard: logged with a request id, answered with 500
 * {@code ServerError}, and the request goes no further. Runs on the server's request threads,
 * possibly on many at once; it may block (for a database lookup, say), which holds that request
 * only.
 *
 * @param <P> the app's type of principal, for example its {@code User} record
 */
@FunctionalInterface
public interface Guard<P> {
  /**
   * Returns the principal of the caller that sent {@code request}, or null for an anonymous one.
   *
   * <pre>{@code
   * Guard<User> guard = request -> sessions.find(request.clientId());   // null when signed out
   * }</pre>
   *
   * @param request the RPC call, fragment request or socket handshake to check
   * @return the caller's principal, or null for an anonymous caller
   * @throws GuardRejection to refuse the request with 401 or 403
   */
  P check(GuardRequest request);
}
