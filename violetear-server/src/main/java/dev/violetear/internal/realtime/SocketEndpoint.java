// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.internal.hooks.ServerHooks;
import dev.violetear.internal.security.Handshake;
import dev.violetear.internal.wire.Frames;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket at {@code /_violetear/ws}: Javalin's callbacks, on Jetty's threads, identify the
 * connection and pass work to {@link Realtime}, which runs a frame here when its connection has
 * nothing queued and a handler permit is free (see {@code SerialQueue.offerInline}), and queues it
 * otherwise; nothing here waits for a handler of another frame.
 *
 * <p>The client id comes from the signed cookie of the upgrade request, never from a frame, and the
 * principal from the app's guard; {@link Handshake} works out both before the upgrade. A socket
 * without a valid cookie gets a fresh id for as long as it is open (a socket cannot set a cookie;
 * the page or an RPC call issues one).
 */
public final class SocketEndpoint {
  public static final String PATH = "/_violetear/ws";
  private static final Logger log = LoggerFactory.getLogger(SocketEndpoint.class);

  /** Frames a client may have waiting for its handlers before it counts as flooding. */
  private static final int MAX_PENDING_FRAMES = 4096;

  private static final int UNSUPPORTED_DATA = 1003;

  /** Below Jetty's 30 s idle timeout, so a quiet but healthy connection stays open. */
  private static final long PING_INTERVAL_SECONDS = 15;

  private final Realtime realtime;
  private final MessageRateLimit rateLimit;
  private final ConcurrentMap<String, Connection> byKey = new ConcurrentHashMap<>();
  private final ServerHooks hooks;

  public SocketEndpoint(Realtime realtime, MessageRateLimit rateLimit) {
    this.realtime = realtime;
    this.rateLimit = rateLimit;
    this.hooks = realtime.hooks();
  }

  public void configure(WsConfig ws) {
    ws.onConnect(this::onConnect);
    ws.onMessage(this::onMessage);
    ws.onBinaryMessage(this::onBinaryMessage);
    ws.onClose(this::onClose);
    ws.onError(this::onError);
  }

  private void onConnect(WsConnectContext ctx) {
    // Identified, and admitted by the app's guard, when the upgrade was checked.
    ClientId id = Handshake.clientId(ctx);
    Object principal = Handshake.principal(ctx);
    ctx.enableAutomaticPings(PING_INTERVAL_SECONDS, TimeUnit.SECONDS);
    Connection c =
        realtime.open(
            id,
            principal,
            ctx.sessionId(),
            ctx.session,
            ctx.queryParam("session"),
            received(ctx.queryParam("received")));
    if (hooks != null) {
      hooks.registering(ctx.session, ctx.sessionId());
    }
    byKey.put(ctx.sessionId(), c);
    // A socket that failed while onConnect ran may have reported its close before it was in
    // byKey; without this its page session would wait for it forever.
    if (!ctx.session.isOpen()) {
      log.debug("Socket {} closed while it was being registered", ctx.sessionId());
      closed(ctx);
    }
  }

  /** The last seq the page had from the server; 0 when absent or not a number. */
  private static long received(String value) {
    return value == null ? 0 : Math.max(0, Frames.seq(value, 0, value.length()));
  }

  private void onMessage(WsMessageContext ctx) {
    Connection c = byKey.get(ctx.sessionId());
    if (c == null || !rateLimit.admit(c)) {
      return;
    }
    if (!realtime.receive(c, ctx.message(), MAX_PENDING_FRAMES)) {
      log.warn(
          "{} sent {} frames faster than its handlers run them. Closing its connection; it may"
              + " reconnect",
          Connection.describe(c.id()),
          MAX_PENDING_FRAMES);
      // What was handled so far need not be sent again after the reconnect.
      c.acks().flush();
      ctx.closeSession(Outbound.TRY_AGAIN_LATER, "too many frames wait for the server's handlers");
    }
  }

  private void onBinaryMessage(WsBinaryMessageContext ctx) {
    ctx.closeSession(UNSUPPORTED_DATA, "frames are JSON text");
  }

  private void onClose(WsCloseContext ctx) {
    log.debug("Socket {} closed: {} {}", ctx.sessionId(), ctx.status(), ctx.reason());
    closed(ctx);
  }

  private void onError(WsErrorContext ctx) {
    log.debug("Socket {} failed", ctx.sessionId(), ctx.error());
    // Jetty normally reports the close next; a session that is already closed will not.
    if (!ctx.session.isOpen()) {
      closed(ctx);
    }
  }

  /** Ends the connection once, however many of close and error Jetty reports. */
  private void closed(WsContext ctx) {
    if (hooks != null) {
      hooks.closeReported(ctx.sessionId());
    }
    Connection c = byKey.remove(ctx.sessionId());
    if (c != null) {
      realtime.closed(c);
    }
  }
}
