// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.ClientId;
import dev.violetear.app.GuardRequest;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

/**
 * The guard's read-only view of a socket's upgrade request, as Jetty holds it.
 *
 * @param req the upgrade request, read only while the guard runs
 * @param clientId the client, already resolved from its cookie
 */
record UpgradeGuardRequest(Request req, ClientId clientId) implements GuardRequest {
  @Override
  public boolean isHandshake() {
    return true;
  }

  @Override
  public String path() {
    return req.getHttpURI().getPath();
  }

  @Override
  public String header(String name) {
    return req.getHeaders().get(name);
  }

  @Override
  public String cookie(String name) {
    for (HttpCookie cookie : Request.getCookies(req)) {
      if (cookie.getName().equals(name)) {
        return cookie.getValue();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "GuardRequest[" + path() + ", " + clientId + "]";
  }
}
