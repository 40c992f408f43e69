// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback that sits between a client (a browser, a test client) and a server and
 * injects network faults under test control: it cuts connections, refuses new ones, stalls traffic
 * and adds latency. Bytes pass through unchanged and in order.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(app.port())) {
 *   URI uri = URI.create("ws://127.0.0.1:" + proxy.port() + "/socket");
 *   WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, listener).join();
 *   proxy.cutAll();                                  // a network drop: the client must reconnect
 *   await().until(() -> proxy.connections() == 1);  // ...and so it did
 *   proxy.delay(Duration.ofMillis(200));             // a slow network from now on
 * }
 * }</pre>
 *
 * <p>All controls are thread-safe and take effect while traffic flows; after {@link #close()} they
 * do nothing. Each connection runs on four daemon threads named {@code
 * violetear-fault-proxy-<port>-<n>-<role>} and buffers at most 160 KiB per direction; the number of
 * connections is bounded by {@link FaultProxyConfig#maxConnections(int)}. The proxy listens only on
 * 127.0.0.1.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
  private static final long THREAD_STACK_BYTES = 256 * 1024;
  private static final Duration MAX_DELAY = Duration.ofHours(1);
  private static final long CLOSE_JOIN_MILLIS = 5_000;

  private final ServerSocket server;
  private final int port;
  // Volatile: retarget changes it while connections are accepted.
  private volatile InetSocketAddress upstream;
  private final int maxConnections;
  private final int connectTimeoutMillis;
  private final String threadPrefix;
  private final FaultState faults = new FaultState();
  private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
  // Every live thread of this proxy; each removes itself when it ends, so close() can join them.
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final LongAdder clientToUpstream = new LongAdder();
  private final LongAdder upstreamToClient = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FaultProxy(ServerSocket server, InetSocketAddress upstream, FaultProxyConfig config) {
    this.server = server;
    this.port = server.getLocalPort();
    this.upstream = upstream;
    this.maxConnections = config.maxConnections();
    this.connectTimeoutMillis = (int) config.connectTimeout().toMillis();
    this.threadPrefix = "violetear-fault-proxy-" + port;
  }

  /**
   * Starts a proxy on a free loopback port that forwards to {@code 127.0.0.1:upstreamPort}.
   *
   * <pre>{@code
   * try (FaultProxy proxy = FaultProxy.start(app.port())) {
   *   URI uri = URI.create("http://127.0.0.1:" + proxy.port() + "/");
   * }
   * }</pre>
   *
   * <p>The upstream is not contacted until a client connects; if it is down then, that client's
   * connection is reset.
   *
   * @param upstreamPort the server's port, 1 to 65535
   * @return the running proxy; close it when the test ends
   * @throws IllegalArgumentException if {@code upstreamPort} is out of range
   * @throws UncheckedIOException if the proxy cannot listen
   */
  public static FaultProxy start(int upstreamPort) {
    return start(upstreamPort, config -> {});
  }

  /**
   * Starts a proxy to {@code upstreamPort} with options set by {@code config}.
   *
   * <pre>{@code
   * FaultProxy proxy = FaultProxy.start(app.port(), config -> config.maxConnections(1_000));
   * }</pre>
   *
   * <p>The lambda runs once, on the caller's thread, before the proxy listens.
   *
   * @param upstreamPort the server's port, 1 to 65535
   * @param config sets options on a {@link FaultProxyConfig} that starts with the defaults
   * @return the running proxy; close it when the test ends
   * @throws IllegalArgumentException if {@code upstreamPort} or an option is out of range, or the
   *     upstream host cannot be resolved
   * @throws UncheckedIOException if the proxy cannot listen, for example on a port in use
   */
  public static FaultProxy start(int upstreamPort, Consumer<FaultProxyConfig> config) {
    Objects.requireNonNull(config, "config == null");
    if (upstreamPort < 1 || upstreamPort > 65_535) {
      throw new IllegalArgumentException(
          "Upstream port '" + upstreamPort + "' is out of range; use 1 to 65535.");
    }
    FaultProxyConfig options = new FaultProxyConfig();
    config.accept(options);
    InetSocketAddress upstream = new InetSocketAddress(options.upstreamHost(), upstreamPort);
    if (upstream.isUnresolved()) {
      throw new IllegalArgumentException(
          "Upstream host '"
              + options.upstreamHost()
              + "' cannot be resolved; pass an address "
              + "such as '127.0.0.1'.");
    }
    ServerSocket server;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), options.listenPort()), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "FaultProxy cannot listen on 127.0.0.1 port '"
              + options.listenPort()
              + "': "
              + e.getMessage()
              + "; pass listenPort(0) to pick any free port.",
          e);
    }
    FaultProxy proxy = new FaultProxy(server, upstream, options);
    proxy.newThread(proxy.threadPrefix + "-accept", proxy::acceptLoop).start();
    LOG.debug("{} started", proxy);
    return proxy;
  }

  /**
   * Returns the loopback port clients connect to instead of the server's.
   *
   * <pre>{@code
   * driver.get("http://127.0.0.1:" + proxy.port() + "/counter");
   * }</pre>
   *
   * @return the bound port, also after {@link #close()}
   */
  public int port() {
    return port;
  }

  /**
   * Abruptly closes every open connection on both sides, with a reset where the platform allows:
   * what a network drop looks like. New connections are still accepted.
   *
   * <pre>{@code
   * proxy.cutAll();
   * await().until(() -> proxy.connections() == 1);  // the client reconnected
   * }</pre>
   *
   * <p>Data still held by {@link #stall(boolean)} or {@link #delay(Duration)} is lost. When this
   * returns, {@link #connections()} no longer counts the cut connections; a client that connects at
   * the same moment may or may not be cut.
   */
  public void cutAll() {
    List<ProxiedConnection> open = List.copyOf(connections);
    for (ProxiedConnection connection : open) {
      connection.abort("cut by cutAll()");
    }
    if (!open.isEmpty()) {
      LOG.debug("{} cut {} connection(s)", this, open.size());
    }
  }

  /**
   * Sends new connections to {@code upstreamPort} from now on, on the same host, as a load balancer
   * that moves a client to another node of an app; open connections stay where they are.
   *
   * <pre>{@code
   * proxy.retarget(nodeB.port());
   * proxy.cutAll();   // the page reconnects, now to node B
   * }</pre>
   *
   * @param upstreamPort the new upstream's port, 1 to 65535
   * @throws IllegalArgumentException if {@code upstreamPort} is out of range
   */
  public void retarget(int upstreamPort) {
    if (upstreamPort < 1 || upstreamPort > 65_535) {
      throw new IllegalArgumentException(
          "Upstream port '" + upstreamPort + "' is out of range; use 1 to 65535.");
    }
    upstream = new InetSocketAddress(upstream.getAddress(), upstreamPort);
    LOG.debug("{} sends new connections there", this);
  }

  /**
   * While {@code refuse} is true, accepts new connections and resets them at once, as if the server
   * were unreachable; open connections are not touched.
   *
   * <pre>{@code
   * proxy.refuseNew(true);
   * proxy.cutAll();                 // the client is offline and cannot reconnect
   * proxy.refuseNew(false);         // ...until now
   * }</pre>
   *
   * @param refuse true to refuse new connections, false to accept them again
   */
  public void refuseNew(boolean refuse) {
    faults.refuseNew(refuse);
    LOG.debug("{} {} new connections", this, refuse ? "refuses" : "accepts");
  }

  /**
   * While {@code stall} is true, forwards no bytes in either direction; connections stay open and
   * the data is held, not lost, and is delivered in order once the stall ends.
   *
   * <pre>{@code
   * proxy.stall(true);
   * client.send("hello");           // held by the proxy
   * proxy.stall(false);             // now the server gets it
   * }</pre>
   *
   * <p>A chunk that is already being written when the stall starts still arrives. While stalled,
   * each direction of each connection buffers up to 160 KiB; after that TCP flow control makes the
   * sender wait, as on a real network that stopped delivering.
   *
   * @param stall true to hold all traffic, false to release it
   */
  public void stall(boolean stall) {
    faults.stall(stall);
    LOG.debug("{} {}", this, stall ? "stalled" : "released");
  }

  /**
   * Adds {@code delay} of latency to every chunk of data forwarded from now on, in each direction
   * and on every connection; order is preserved. {@link Duration#ZERO} removes the latency.
   *
   * <pre>{@code
   * proxy.delay(Duration.ofMillis(300));   // every request and reply now takes 300 ms longer
   * proxy.delay(Duration.ZERO);
   * }</pre>
   *
   * <p>A delay is latency, not a bandwidth limit: the proxy keeps reading while earlier chunks
   * wait. A new delay also applies to chunks still waiting, so shortening it releases them early.
   *
   * @param delay 0 to 1 hour
   * @throws IllegalArgumentException if {@code delay} is negative or longer than 1 hour
   */
  public void delay(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "Delay '" + delay + "' is out of range; use Duration.ZERO to 1 hour.");
    }
    faults.delayNanos(delay.toNanos());
    LOG.debug("{} delays by {}", this, delay);
  }

  /**
   * Returns the number of open proxied connections.
   *
   * <pre>{@code
   * await().until(() -> proxy.connections() == 3);   // all three clients are connected
   * }</pre>
   *
   * @return connections accepted and not yet closed, at most the configured maximum
   */
  public int connections() {
    return connections.size();
  }

  /**
   * Returns how many bytes the proxy has forwarded in each direction since it started.
   *
   * <pre>{@code
   * assertThat(proxy.bytesForwarded().upstreamToClient()).isGreaterThan(0);
   * }</pre>
   *
   * @return a snapshot of the counters
   */
  public ForwardedBytes bytesForwarded() {
    return new ForwardedBytes(clientToUpstream.sum(), upstreamToClient.sum());
  }

  /**
   * Stops listening, resets every connection and ends all proxy threads. When it returns the port
   * is free again. Calling it again does nothing.
   *
   * <pre>{@code
   * try (FaultProxy proxy = FaultProxy.start(app.port())) {
   *   // the test
   * }                                 // closed here
   * }</pre>
   *
   * <p>Waits up to 5 seconds for the threads to end and logs a warning for any that did not.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    faults.close();
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("{} could not close its listening socket: {}", this, e.toString());
    }
    for (ProxiedConnection connection : List.copyOf(connections)) {
      connection.abort("proxy closed");
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_JOIN_MILLIS);
    for (Thread thread : List.copyOf(threads)) {
      if (thread == Thread.currentThread()) {
        continue;
      }
      long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      try {
        thread.join(Math.max(1, leftMillis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (thread.isAlive()) {
        LOG.warn("{} closed but its thread '{}' is still running", this, thread.getName());
      }
    }
    LOG.debug("{} closed", this);
  }

  @Override
  public String toString() {
    return "FaultProxy[127.0.0.1:"
        + port
        + " -> "
        + upstream.getHostString()
        + ":"
        + upstream.getPort()
        + "]";
  }

  // ---- used by ProxiedConnection ----

  InetSocketAddress upstreamAddress() {
    return upstream;
  }

  int connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  FaultState faults() {
    return faults;
  }

  LongAdder clientToUpstreamCounter() {
    return clientToUpstream;
  }

  LongAdder upstreamToClientCounter() {
    return upstreamToClient;
  }

  Thread newThread(String name, Runnable body) {
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                body.run();
              } catch (RuntimeException | Error e) {
                LOG.error("{}: thread '{}' failed", this, Thread.currentThread().getName(), e);
                throw e;
              } finally {
                threads.remove(Thread.currentThread());
              }
            },
            name,
            THREAD_STACK_BYTES);
    thread.setDaemon(true);
    threads.add(thread);
    return thread;
  }

  void connectionClosed(ProxiedConnection connection) {
    connections.remove(connection);
  }

  private void acceptLoop() {
    int nextId = 0;
    while (!faults.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (faults.isClosed()) {
          return;
        }
        // For example too many open files: back off instead of spinning, but stop at once on close.
        LOG.warn("{} failed to accept a connection: {}", this, e.toString());
        try {
          faults.pauseUnlessClosed(100);
        } catch (InterruptedException interrupted) {
          return;
        }
        continue;
      }
      if (faults.isRefusingNew()) {
        LOG.debug("{} refused a connection from {}", this, client.getRemoteSocketAddress());
        ProxiedConnection.closeQuietly(client, true);
        continue;
      }
      if (connections.size() >= maxConnections) {
        LOG.warn(
            "{} reset a new connection: it already has '{}' open, the maxConnections limit; "
                + "raise it with FaultProxyConfig.maxConnections(int).",
            this,
            maxConnections);
        ProxiedConnection.closeQuietly(client, true);
        continue;
      }
      ProxiedConnection connection =
          new ProxiedConnection(this, threadPrefix + "-" + ++nextId, client);
      connections.add(connection);
      // close() sets the closed flag before it snapshots the connections: either it sees this
      // one, or we see the flag here.
      if (faults.isClosed()) {
        connection.abort("proxy closed");
        return;
      }
      connection.start();
    }
  }
}
