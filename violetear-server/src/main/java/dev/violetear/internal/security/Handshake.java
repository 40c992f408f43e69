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
 * cookie, a client or address that already holds its most sockets is refused with 429 {@code
 * TooManySockets} (see {@link SocketLimits}) and the app's guard runs; a rejection is answered with
 * its status and the same error body an RPC call gets, and no socket opens. The socket then belongs
 * to the client the guard saw.
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
  private static final int TOO_MANY_REQUESTS = 429;

  private final OriginPolicy origins;
  private final ClientIdCookie clientIds;
  private final AppGuard guard;
  private final ObjectMapper mapper;
  private final ClientAddress addresses;
  private final SocketLimits limits;

  /**
   * Who may open a socket.
   *
   * @param id the client, from its signed cookie or fresh
   * @param principal what the app's guard accepted, or null for an anonymous client
   * @param address where the socket comes from, as {@link ClientAddress} reads it
   */
  public record Admitted(ClientId id, Object principal, String address) {}

  public Handshake(
      OriginPolicy origins,
      ClientIdCookie clientIds,
      AppGuard guard,
      ObjectMapper mapper,
      ClientAddress addresses,
      SocketLimits limits) {
    this.origins = origins;
    this.clientIds = clientIds;
    this.guard = guard;
    this.mapper = mapper;
    this.addresses = addresses;
    this.limits = limits;
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
    ClientId id =
        clientIds.verified(
            ClientIdCookie.valueIn(req.getHeaders().getValuesList(HttpHeader.COOKIE)));
    if (id == null) {
      // A socket cannot set a cookie; the page or an RPC call issues one.
      id = ClientIdCookie.fresh();
      log.debug("A socket upgrade has no valid client cookie; it gets the fresh id {}", id);
    }
    String address = addresses.of(req);
    // Before the guard, which may be costly: one more socket of this client would not be counted.
    String full = limits.full(id, address);
    if (full != null) {
      refuse(res, callback, TOO_MANY_REQUESTS, "TooManySockets", full);
      return null;
    }
    try {
      Object principal = guard.admit(new UpgradeGuardRequest(req, id), "a socket handshake");
      return new Admitted(id, principal, address);
    } catch (RpcException e) {
      refuse(res, callback, e.status(), e.type(), e.getMessage());
      return null;
    }
  }

  /**
   * Answers a refused upgrade with {@code status} and the error body of an RPC call, completing
   * {@code callback}; for refusals decided after {@link #check}.
   */
  public void refuse(Response res, Callback callback, int status, String type, String message) {
    res.setStatus(status);
    res.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    res.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    res.write(true, ByteBuffer.wrap(ErrorReports.json(mapper, type, message)), callback);
  }
}
