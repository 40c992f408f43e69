// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.internal.wire.ErrorReports;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the upgrade request of a socket before it opens: another site's page is refused with 403
 * {@code ForbiddenOrigin} (see {@link OriginPolicy}), then the client is identified from its signed
 * cookie and the app's guard runs; a rejection is answered with its status and the same error body
 * an RPC call gets, and no socket opens. The socket then belongs to the client the guard saw.
 *
 * <p>It reads Jetty's own request: sockets are upgraded before the request reaches Javalin, so that
 * an open socket keeps none of the servlet objects of its upgrade.
 *
 * <pre>{@code
 * Handshake.Admitted admitted = handshake.check(request, response, callback);
 * if (admitted == null) {
 *   return null;   // refused: the response is written and the callback completed
 * }
 * }</pre>
 */
public final class Handshake {
  private static final Logger log = LoggerFactory.getLogger(Handshake.class);

  private final OriginPolicy origins;
  private final ClientIdCookie clientIds;
  private final AppGuard guard;
  private final ObjectMapper mapper;

  /**
   * Who may open a socket.
   *
   * @param id the client, from its signed cookie or fresh
   * @param principal what the app's guard accepted, or null for an anonymous client
   */
  public record Admitted(ClientId id, Object principal) {}

  public Handshake(
      OriginPolicy origins, ClientIdCookie clientIds, AppGuard guard, ObjectMapper mapper) {
    this.origins = origins;
    this.clientIds = clientIds;
    this.guard = guard;
    this.mapper = mapper;
  }

  /**
   * Returns who opens the socket, or null after answering a refusal on {@code res} and completing
   * {@code callback}.
   */
  public Admitted check(Request req, Response res, Callback callback) {
    String refusal = origins.refusal(req, "a socket");
    if (refusal != null) {
      refuse(res, callback, 403, "ForbiddenOrigin", refusal);
      return null;
    }
    ClientId id = clientIds.verified(UpgradeGuardRequest.cookie(req, ClientIdCookie.NAME));
    if (id == null) {
      // A socket cannot set a cookie; the page or an RPC call issues one.
      id = ClientIdCookie.fresh();
      log.debug("A socket upgrade has no valid client cookie; it gets the fresh id {}", id);
    }
    try {
      return new Admitted(id, guard.admit(new UpgradeGuardRequest(req, id), "a socket handshake"));
    } catch (RpcException e) {
      refuse(res, callback, e.status(), e.type(), e.getMessage());
      return null;
    }
  }

  private void refuse(Response res, Callback callback, int status, String type, String message) {
    res.setStatus(status);
    res.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    res.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    res.write(true, ByteBuffer.wrap(ErrorReports.json(mapper, type, message)), callback);
  }
}
