// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.ClientId;
import dev.violetear.app.GuardRequest;
import io.javalin.http.Context;

/**
 * The guard's read-only view of an RPC call, as Javalin holds it. A socket's upgrade request never
 * reaches Javalin; the guard sees it as an {@link UpgradeGuardRequest}.
 *
 * @param ctx the request, read only while the guard runs
 * @param clientId the calling client, already resolved from its cookie
 */
public record HttpGuardRequest(Context ctx, ClientId clientId) implements GuardRequest {
  @Override
  public boolean isHandshake() {
    return false;
  }

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
