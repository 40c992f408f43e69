// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.ClientId;
import dev.violetear.app.GuardRequest;
import io.javalin.http.Context;

/**
 * The guard's read-only view of a Javalin request: an RPC call, or the upgrade request of a socket.
 *
 * @param ctx the request, read only while the guard runs
 * @param clientId the calling client, already resolved from its cookie
 * @param isHandshake whether {@code ctx} is a socket's upgrade request
 */
public record HttpGuardRequest(Context ctx, ClientId clientId, boolean isHandshake)
    implements GuardRequest {
  @Override
  public String path() {
    return ctx.path();
  }

  @Override
  public String header(String name) {
    return ctx.header(name);
  }

  @Override
  public String cookie(String name) {
    return ctx.cookie(name);
  }

  @Override
  public String toString() {
    return "GuardRequest[" + path() + ", " + clientId + "]";
  }
}
