// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.ClientId;

/**
 * What a {@link Guard} sees of one RPC request, fragment request or socket handshake: read-only,
 * and valid only while the guard runs.
 *
 * <pre>{@code
 * app.guard(User.class, request -> {
 *   String header = request.header("Authorization");
 *   if (header != null && header.startsWith("Bearer ")) {
 *     return tokens.verify(header.substring(7));          // throws GuardRejection when invalid
 *   }
 *   return signedIn.get(request.clientId());              // null when signed out
 * });
 * }</pre>
 *
 * <p>Header and cookie names are matched as HTTP does: headers ignoring case, cookies exactly.
 */
public interface GuardRequest {
  /**
   * Returns the calling client, from its signed cookie. A request without a valid cookie has a
   * fresh id (an RPC answer sets its cookie), so an id alone proves no more than "the same browser
   * as before".
   *
   * <pre>{@code
   * User user = signedIn.get(request.clientId());
   * }</pre>
   *
   * @return the calling client's id
   */
  ClientId clientId();

  /**
   * Returns true for the upgrade request that opens the app's socket, false for an RPC call or a
   * fragment.
   *
   * <pre>{@code
   * if (request.isHandshake() && user == null) return null;   // let the page connect signed out
   * }</pre>
   *
   * @return whether this is the socket handshake
   */
  boolean isHandshake();

  /**
   * Returns the request's path: {@code /_violetear/rpc/Class.method} for an RPC call, the
   * fragment's path (such as {@code /messages/list}) for a fragment, {@code /_violetear/ws} for a
   * handshake.
   *
   * <pre>{@code
   * boolean isAdminCall = request.path().startsWith("/_violetear/rpc/Admin.");
   * }</pre>
   *
   * @return the path, without the query
   */
  String path();

  /**
   * Returns the value of the request header {@code name} (any case), or null when there is none.
   *
   * <pre>{@code
   * String auth = request.header("Authorization");
   * }</pre>
   *
   * @param name the header's name, in any case
   * @return the header's value, or null
   */
  String header(String name);

  /**
   * Returns the value of the cookie {@code name}, or null when the request has none.
   *
   * <pre>{@code
   * String token = request.cookie("session");
   * }</pre>
   *
   * @param name the cookie's name
   * @return the cookie's value, or null
   */
  String cookie(String name);
}
