// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.internal.wire.ErrorReports;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the upgrade request of a socket before it opens: another site's page is refused with 403
 * {@code ForbiddenOrigin} (see {@link OriginPolicy}), then the client is identified from its signed
 * cookie and the app's guard runs; a rejection is answered with its status and no socket opens. An
 * admitted upgrade carries the client id and the principal to the socket's connect callback as
 * request attributes, so the socket is the client the guard saw.
 *
 * <pre>{@code
 * config.routes.wsBeforeUpgrade(SocketEndpoint.PATH, new Handshake(origins, clientIds, guard,
 *     mapper)::check);
 * }</pre>
 */
public final class Handshake {
  private static final Logger log = LoggerFactory.getLogger(Handshake.class);
  private static final String CLIENT_ID = "violetear.clientId";
  private static final String PRINCIPAL = "violetear.principal";

  private final OriginPolicy origins;
  private final ClientIdCookie clientIds;
  private final AppGuard guard;
  private final ObjectMapper mapper;

  public Handshake(
      OriginPolicy origins, ClientIdCookie clientIds, AppGuard guard, ObjectMapper mapper) {
    this.origins = origins;
    this.clientIds = clientIds;
    this.guard = guard;
    this.mapper = mapper;
  }

  /** Refuses the upgrade, or lets it go on with the client's id and principal attached. */
  public void check(Context ctx) throws IOException {
    String refusal = origins.refusal(ctx, "a socket");
    if (refusal != null) {
      refuse(ctx, 403, "ForbiddenOrigin", refusal);
      return;
    }
    ClientId id = clientIds.verified(ctx.cookie(ClientIdCookie.NAME));
    if (id == null) {
      // A socket cannot set a cookie; the page or an RPC call issues one.
      id = ClientIdCookie.fresh();
      log.debug("A socket upgrade has no valid client cookie; it gets the fresh id {}", id);
    }
    Object principal;
    try {
      principal = guard.admit(new HttpGuardRequest(ctx, id, true), "a socket handshake");
    } catch (RpcException e) {
      refuse(ctx, e.status(), e.type(), e.getMessage());
      return;
    }
    ctx.attribute(CLIENT_ID, id);
    ctx.attribute(PRINCIPAL, principal);
  }

  /** The client the handshake of {@code ctx}'s socket identified. */
  public static ClientId clientId(WsContext ctx) {
    return ctx.attribute(CLIENT_ID);
  }

  /** The principal the guard accepted on the handshake of {@code ctx}'s socket, or null. */
  public static Object principal(WsContext ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  /**
   * Answers with {@code status} and the same error body an RPC call gets. Javalin writes no result
   * for upgrade requests, so the body goes to the servlet response directly.
   */
  private void refuse(Context ctx, int status, String type, String message) throws IOException {
    ctx.skipRemainingHandlers();
    HttpServletResponse res = ctx.res();
    res.setStatus(status);
    res.setContentType("application/json; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.getOutputStream().write(ErrorReports.json(mapper, type, message));
  }
}
