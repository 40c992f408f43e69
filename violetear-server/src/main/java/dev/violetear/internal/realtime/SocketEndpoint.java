// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.internal.hooks.ServerHooks;
import dev.violetear.internal.security.Handshake;
import dev.violetear.internal.security.NewPageLimit;
import dev.violetear.internal.security.SocketLimits;
import dev.violetear.internal.web.ServerLimits;
import dev.violetear.internal.wire.Frames;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket at {@code /_violetear/ws}: Jetty upgrades it in a handler placed in front of Javalin,
 * so an open socket holds Jetty's WebSocket session and a {@link PageSocket}, none of the servlet
 * objects of its upgrade. Each socket's frames, read on Jetty's selector thread ({@link
 * SelectorReads}), identify the connection and pass work to {@link Realtime}, which queues it for
 * the handler pool; nothing here waits for a handler.
 *
 * <p>The client id comes from the signed cookie of the upgrade request, never from a frame, and the
 * principal from the app's guard; {@link Handshake} works out both before the upgrade. A socket
 * without a valid cookie gets a fresh id for as long as it is open (a socket cannot set a cookie;
 * the page or an RPC call issues one).
 *
 * <pre>{@code
 * SocketEndpoint socket = new SocketEndpoint(
 *     realtime, rateLimit, handshake, serverLimits, 1_048_576, false);
 * config.jetty.modifyServer(server -> server.setHandler(socket.handler(server)));
 * }</pre>
 */
public final class SocketEndpoint {
  public static final String PATH = "/_violetear/ws";
  private static final Logger log = LoggerFactory.getLogger(SocketEndpoint.class);

  /** Frames a client may have waiting for its handlers before it counts as flooding. */
  private static final int MAX_PENDING_FRAMES = 4096;

  /**
   * The heartbeat tick without a frame at which a socket is pinged: at the second, its peer has
   * been silent for a whole interval. A socket that brought a frame since the last tick is known to
   * be there, and its traffic keeps it from being idle, so it is not pinged: at 1,000 sockets under
   * a broadcast, whose pages ack every few seconds, pinging them all wrote 1,000 frames and read
   * 1,000 pongs (each a wake of a pool thread) in one burst every interval.
   */
  static final int PING_AT_TICK = 2;

  /**
   * The heartbeat tick without a frame at which a socket is dropped as half-open: at the third, its
   * peer has been silent for over two whole intervals, though the second tick pinged it.
   */
  static final int GONE_AT_TICK = 3;

  private static final String DEFLATE = "permessage-deflate";

  /** Closes a socket past {@code Limits.socketsPerClient} or {@code socketsPerAddress}. */
  static final int TOO_MANY_SOCKETS = 4029;

  private static final int TOO_MANY_REQUESTS = 429;

  private final Realtime realtime;
  private final MessageRateLimit rateLimit;
  private final Handshake handshake;
  private final SocketLimits limits;
  private final NewPageLimit newPages;
  private final long maxMessageBytes;
  private final boolean compressFrames;
  private final Duration heartbeat;
  private final Duration idleTimeout;
  private final ServerHooks hooks;
  private final AtomicLong keys = new AtomicLong();
  private final Set<PageSocket> open = ConcurrentHashMap.newKeySet();

  /**
   * @param maxMessageBytes the largest message a page may send; a larger one closes its socket with
   *     1009
   * @param limits the sockets each client and address may hold, how fast each address may open
   *     pages, and how often every open socket is checked for silence (and pinged when silent)
   * @param compressFrames whether permessage-deflate is negotiated when a page offers it
   */
  public SocketEndpoint(
      Realtime realtime,
      MessageRateLimit rateLimit,
      Handshake handshake,
      ServerLimits limits,
      long maxMessageBytes,
      boolean compressFrames) {
    this.realtime = realtime;
    this.rateLimit = rateLimit;
    this.handshake = handshake;
    this.limits = limits.sockets();
    this.newPages = limits.newPages();
    this.maxMessageBytes = maxMessageBytes;
    this.compressFrames = compressFrames;
    this.heartbeat = limits.heartbeat();
    this.idleTimeout = heartbeat.multipliedBy(GONE_AT_TICK + 1);
    this.hooks = realtime.hooks();
  }

  /**
   * The handler that upgrades requests for {@link #PATH} on {@code server} and passes every other
   * request to the handler it wraps.
   */
  public Handler.Wrapper handler(Server server) {
    return new Upgrades(server);
  }

  long maxMessageBytes() {
    return maxMessageBytes;
  }

  private Object create(ServerUpgradeRequest req, ServerUpgradeResponse res, Callback callback) {
    Handshake.Admitted admitted = handshake.check(req, res, callback);
    if (admitted == null) {
      return null;
    }
    if (!compressFrames) {
      // See AppConfig.compressSocketFrames for the measured cost.
      res.setExtensions(
          res.getExtensions().stream().filter(e -> !DEFLATE.equals(e.getName())).toList());
    }
    // Always there: Upgrades.handle wraps every request it upgrades.
    Fields query = Request.as(req, SocketRequest.class).query;
    String session = query.getValue("session");
    // Only new pages count: a page that resumes is never refused, whatever the flood.
    if (!realtime.resumes(admitted.id(), session)) {
      String refusal = newPages.refusal(admitted.address());
      if (refusal != null) {
        handshake.refuse(res, callback, TOO_MANY_REQUESTS, "TooManyPages", refusal);
        return null;
      }
    }
    return new PageSocket(
        this,
        admitted.id(),
        admitted.principal(),
        admitted.address(),
        session,
        received(query.getValue("received")),
        "1".equals(query.getValue("resume")),
        Long.toString(keys.incrementAndGet()));
  }

  /** The last seq the page had from the server; 0 when absent or not a number. */
  private static long received(String value) {
    return value == null ? 0 : Math.max(0, Frames.seq(value, 0, value.length()));
  }

  private void customize(Configuration configuration) {
    // Only a backstop, past the heartbeat's own drop: each ping written restarts Jetty's idle
    // timer, so it fires only when writes are stuck too.
    configuration.setIdleTimeout(idleTimeout);
    configuration.setMaxTextMessageSize(maxMessageBytes);
    // A single frame over the limit is refused by Jetty's parser, with 1009, before it is read.
    configuration.setMaxFrameSize(maxMessageBytes);
    configuration.setMaxBinaryMessageSize(maxMessageBytes);
  }

  /**
   * Registers a socket that opened, or closes it with 4029 and returns null when its client or
   * address already holds its most sockets (handshakes that raced past the check).
   */
  Connection opened(PageSocket socket) {
    String full = limits.open(socket.id(), socket.address());
    if (full != null) {
      socket.close(TOO_MANY_SOCKETS, full);
      return null;
    }
    Connection c =
        realtime.open(
            socket.id(),
            socket.principal(),
            socket.key(),
            socket,
            socket.pageSessionId(),
            socket.received(),
            socket.isResume());
    open.add(socket);
    if (hooks != null) {
      hooks.registering(socket, socket.key());
    }
    return c;
  }

  void received(Connection c, String text, PageSocket socket) {
    if (hooks != null) {
      hooks.read(socket.key(), text);
    }
    if (!rateLimit.admit(c)) {
      return;
    }
    if (!realtime.receive(c, text, MAX_PENDING_FRAMES)) {
      log.warn(
          "{} sent {} frames faster than its handlers run them. Closing its connection; it may"
              + " reconnect",
          Connection.describe(c.id()),
          MAX_PENDING_FRAMES);
      // What was handled so far need not be sent again after the reconnect.
      c.acks().flush();
      socket.close(Outbound.TRY_AGAIN_LATER, "too many frames wait for the server's handlers");
    }
  }

  void closeReported(String key) {
    if (hooks != null) {
      hooks.closeReported(key);
    }
  }

  /** A registered socket closed; {@code left} when its page closed it because it unloads. */
  void closed(PageSocket socket, Connection c, boolean left) {
    open.remove(socket);
    limits.closed(socket.id(), socket.address());
    realtime.closed(c, left);
  }

  /**
   * The upgrade request with its query read here and hidden from Jetty, which would otherwise keep
   * it parsed into a map for as long as the socket is open: at 5,000 idle sockets that map and the
   * query's strings were 620 of the 5,900 heap bytes each socket kept.
   *
   * <p>It also customizes the socket's Jetty session (it is the handshake's default customizer),
   * and swaps the connection the handshake hands to Jetty for one that reads on the selector thread
   * ({@link SelectorReads}).
   */
  private final class SocketRequest extends Request.Wrapper implements Configuration.Customizer {
    final Fields query;
    private final HttpURI uri;
    private WebSocketCoreSession session;

    SocketRequest(Request req) {
      super(req);
      query = Request.extractQueryParameters(req);
      uri = HttpURI.build(req.getHttpURI()).query(null).asImmutable();
    }

    @Override
    public HttpURI getHttpURI() {
      return uri;
    }

    @Override
    public void customize(Configuration configurable) {
      SocketEndpoint.this.customize(configurable);
      if (configurable instanceof WebSocketCoreSession s) {
        session = s;
      }
    }

    @Override
    public Object setAttribute(String name, Object value) {
      if (HttpStream.UPGRADE_CONNECTION_ATTRIBUTE.equals(name)
          && value instanceof WebSocketConnection made
          && session != null) {
        return super.setAttribute(
            name, SelectorReads.replacing(made, getConnectionMetaData().getConnector(), session));
      }
      return super.setAttribute(name, value);
    }
  }

  /**
   * Upgrades the socket path, in front of Javalin. While it runs, one task visits every open socket
   * once a heartbeat interval: it pings those silent for a whole interval and drops those silent
   * for more than two, whose browser, if still there, would have answered the ping with a pong.
   */
  private final class Upgrades extends Handler.Wrapper {
    private final WebSocketMappings mappings;
    private final WebSocketNegotiator negotiator;
    private volatile Scheduler.Task pings;

    Upgrades(Server server) {
      // The server's shared buffer pool and executor, as Jetty's own WebSocket containers use.
      mappings = new WebSocketMappings(WebSocketServerComponents.ensureWebSocketComponents(server));
      negotiator =
          WebSocketNegotiator.from(
              SocketEndpoint.this::create, (socket, req, res) -> (FrameHandler) socket);
    }

    @Override
    public boolean handle(Request req, Response res, Callback callback) throws Exception {
      if (PATH.equals(Request.getPathInContext(req))) {
        SocketRequest socketReq = new SocketRequest(req);
        if (mappings.upgrade(negotiator, socketReq, res, callback, socketReq)) {
          return true;
        }
      }
      return super.handle(req, res, callback);
    }

    @Override
    protected void doStart() throws Exception {
      super.doStart();
      schedulePings();
    }

    @Override
    protected void doStop() throws Exception {
      Scheduler.Task task = pings;
      if (task != null) {
        task.cancel();
      }
      super.doStop();
    }

    private void schedulePings() {
      pings =
          getServer()
              .getScheduler()
              .schedule(this::ping, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping() {
      for (PageSocket socket : open) {
        try {
          int ticks = socket.tick();
          if (ticks < PING_AT_TICK) {
            continue;
          }
          if (ticks < GONE_AT_TICK) {
            socket.ping();
          } else {
            log.debug(
                "{} sent nothing on socket {}, not even a pong, for over {} ms: dropping the socket"
                    + " as half-open (its page, if still there, reconnects and resumes)",
                Connection.describe(socket.id()),
                socket.key(),
                heartbeat.multipliedBy(GONE_AT_TICK - 1).toMillis());
            socket.abort();
          }
        } catch (RuntimeException e) {
          log.debug("Pinging socket {} failed", socket.key(), e);
        }
      }
      if (isRunning()) {
        schedulePings();
      }
    }
  }
}
