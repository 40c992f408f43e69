// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.internal.security.ClientAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the server's connections for clients that use them, in front of every other handler.
 *
 * <ul>
 *   <li>Past {@code Limits.maxConnections} open connections, a request gets 503 with {@code
 *       Retry-After} and its connection closes, so the server answers instead of running out of
 *       descriptors (where Jetty's acceptor fails and every client times out).
 *   <li>One address may hold {@code Limits.connectionsPerAddress} open connections; one more is
 *       closed as it opens, so that one client cannot take the connections every client shares.
 *       Connections from trusted proxies are not counted (they carry many clients).
 *   <li>An HTTP connection must deliver a request's headers within {@code Limits.headerTimeout} of
 *       opening or of its previous request ending. Jetty's idle timeout restarts on every byte, so
 *       a client sending a byte every few seconds (slowloris) held its connection for good. A
 *       socket, once upgraded, is not an HTTP connection any more and is not timed.
 * </ul>
 *
 * <pre>{@code
 * server.setHandler(new ConnectionGuard(inner, limits));
 * }</pre>
 */
public final class ConnectionGuard extends Handler.Wrapper implements Connection.Listener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final int SERVICE_UNAVAILABLE = 503;
  private static final String RETRY_AFTER_SECONDS = "5";
  private static final long BUSY = -1;

  private final int maxConnections;
  private final int perAddress;
  private final ClientAddress addresses;
  private final long headerTimeoutNanos;
  // The peer address of each open endpoint counted, and the open endpoints per address. An entry
  // goes when its endpoint's connection closes, or at the latest at the next sweep.
  private final Map<EndPoint, String> peers = new ConcurrentHashMap<>();
  private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Boolean> warned = new ConcurrentHashMap<>();
  // The open HTTP connections: since when each has waited for a request's headers, or BUSY.
  private final Map<Connection, AtomicLong> waiting = new ConcurrentHashMap<>();
  private final AtomicBoolean isFull = new AtomicBoolean();
  private final AtomicLong timedOut = new AtomicLong();
  private volatile Scheduler.Task sweep;

  public ConnectionGuard(Handler inner, ServerLimits limits) {
    super(inner);
    this.maxConnections = limits.maxConnections();
    this.perAddress = limits.connectionsPerAddress();
    this.addresses = limits.addresses();
    this.headerTimeoutNanos = limits.headerTimeout().toNanos();
  }

  @Override
  public boolean handle(Request req, Response res, Callback callback) throws Exception {
    if (isOverCapacity(req)) {
      refuse(res, callback);
      return true;
    }
    AtomicLong since = waiting.get(req.getConnectionMetaData().getConnection());
    if (since == null) {
      return super.handle(req, res, callback);
    }
    since.set(BUSY);
    return super.handle(req, res, new Restarting(callback, since));
  }

  private boolean isOverCapacity(Request req) {
    Connector connector = req.getConnectionMetaData().getConnector();
    int open = connector instanceof AbstractConnector c ? c.getConnectedEndPoints().size() : 0;
    if (open <= maxConnections) {
      isFull.set(false);
      return false;
    }
    if (isFull.compareAndSet(false, true)) {
      log.warn(
          "{} connections are open, more than Limits.maxConnections ({}): answering 503 until"
              + " fewer are. Raise the limit (and the process's open-files limit) if this load is"
              + " expected",
          open,
          maxConnections);
    }
    return true;
  }

  private static void refuse(Response res, Callback callback) {
    res.setStatus(SERVICE_UNAVAILABLE);
    res.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
    res.getHeaders().put(HttpHeader.CONNECTION, "close");
    res.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    res.write(
        true,
        ByteBuffer.wrap(
            "The server is at its connection limit; retry in a few seconds."
                .getBytes(StandardCharsets.UTF_8)),
        callback);
  }

  @Override
  public void onOpened(Connection connection) {
    // HTTP/1 connections are their own metadata; an upgraded socket's connection is not.
    if (connection instanceof ConnectionMetaData) {
      waiting.put(connection, new AtomicLong(System.nanoTime()));
    }
    count(connection.getEndPoint());
  }

  @Override
  public void onClosed(Connection connection) {
    waiting.remove(connection);
    EndPoint endPoint = connection.getEndPoint();
    // An upgrade closes the HTTP connection of an endpoint that stays open for the socket.
    if (!endPoint.isOpen()) {
      uncount(endPoint);
    }
  }

  /** Counts a new endpoint against its address, closing it when the address holds its most. */
  private void count(EndPoint endPoint) {
    if (!(endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote)
        || remote.getAddress() == null
        || addresses.isTrustedProxy(remote.getAddress().getHostAddress())) {
      return;
    }
    String address = remote.getAddress().getHostAddress();
    if (peers.putIfAbsent(endPoint, address) != null) {
      return;
    }
    int open = byAddress.merge(address, 1, Integer::sum);
    if (open <= perAddress) {
      return;
    }
    if (warned.putIfAbsent(address, Boolean.TRUE) == null) {
      log.warn(
          "Address {} holds {} connections, the most Limits.connectionsPerAddress allows; closing"
              + " its new ones until it holds fewer. If the address is a proxy in front of the app,"
              + " name it in Limits.trustedProxies",
          address,
          perAddress);
    }
    endPoint.close();
  }

  private void uncount(EndPoint endPoint) {
    String address = peers.remove(endPoint);
    if (address == null) {
      return;
    }
    Integer left = byAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    if (left == null) {
      warned.remove(address);
    }
  }

  @Override
  protected void doStart() throws Exception {
    for (Connector connector : getServer().getConnectors()) {
      connector.addEventListener(this);
    }
    super.doStart();
    long period = Math.max(50_000_000L, Math.min(1_000_000_000L, headerTimeoutNanos / 4));
    sweep = getServer().getScheduler().schedule(() -> sweep(period), period, TimeUnit.NANOSECONDS);
  }

  @Override
  protected void doStop() throws Exception {
    Scheduler.Task task = sweep;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  private void sweep(long period) {
    long now = System.nanoTime();
    for (EndPoint endPoint : peers.keySet()) {
      if (!endPoint.isOpen()) {
        uncount(endPoint);
      }
    }
    waiting.forEach(
        (connection, since) -> {
          long from = since.get();
          // Claimed by a compare-and-set, so that a request whose headers just arrived (handle
          // marked it busy) keeps its connection.
          if (from != BUSY
              && now - from > headerTimeoutNanos
              && since.compareAndSet(from, BUSY)
              && waiting.remove(connection, since)
              // Never the socket an upgrade put on this endpoint.
              && connection.getEndPoint().getConnection() == connection) {
            closeSlow(connection);
          }
        });
    if (isRunning()) {
      sweep =
          getServer().getScheduler().schedule(() -> sweep(period), period, TimeUnit.NANOSECONDS);
    }
  }

  private void closeSlow(Connection connection) {
    SocketAddress from = connection.getEndPoint().getRemoteSocketAddress();
    // The first of a run is a warning; the rest, likely the same client's, are counted at DEBUG.
    if (timedOut.getAndIncrement() == 0) {
      log.warn(
          "Closed a connection from {} that sent no complete request within {} ms"
              + " (Limits.headerTimeout); later ones are logged at DEBUG",
          from,
          TimeUnit.NANOSECONDS.toMillis(headerTimeoutNanos));
    } else {
      log.debug("Closed a connection from {} that sent no complete request in time", from);
    }
    connection.getEndPoint().close();
  }

  /** Completes a request and restarts its connection's wait for the next one. */
  private static final class Restarting implements Callback {
    private final Callback callback;
    private final AtomicLong since;

    Restarting(Callback callback, AtomicLong since) {
      this.callback = callback;
      this.since = since;
    }

    @Override
    public void succeeded() {
      since.set(System.nanoTime());
      callback.succeeded();
    }

    @Override
    public void failed(Throwable cause) {
      since.set(System.nanoTime());
      callback.failed(cause);
    }

    @Override
    public InvocationType getInvocationType() {
      return callback.getInvocationType();
    }
  }
}
