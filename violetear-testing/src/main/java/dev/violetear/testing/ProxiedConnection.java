// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and its upstream twin, with a {@link Pipe} for each direction. It closes
 * normally once both directions have forwarded their end of stream, and with a reset (RST) when
 * either side fails or the test cuts it.
 */
final class ProxiedConnection {
  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);

  private final FaultProxy proxy;
  private final String name;
  private final Socket client;
  // Created unconnected so that close() can abort a connect() that is still in progress.
  private final Socket upstream = new Socket();
  private final AtomicInteger finishedDirections = new AtomicInteger();

  // Guarded by this: no thread starts after close() has taken its snapshot, so none is missed.
  private final List<Thread> threads = new ArrayList<>(4);
  private boolean closed;

  ProxiedConnection(FaultProxy proxy, String name, Socket client) {
    this.proxy = proxy;
    this.name = name;
    this.client = client;
  }

  /** Connects upstream and starts forwarding, all off the caller's thread. */
  void start() {
    spawn("c2u-read", this::connectAndForward);
  }

  /** Closes both sides with a reset; safe to call from any thread, any number of times. */
  void abort(String reason) {
    close(true, reason);
  }

  /** Called by each pipe once it has forwarded its end of stream. */
  void directionFinished() {
    if (finishedDirections.incrementAndGet() == 2) {
      close(false, "both sides ended their streams");
    }
  }

  private void connectAndForward() {
    try {
      upstream.setTcpNoDelay(true);
      upstream.connect(proxy.upstreamAddress(), proxy.connectTimeoutMillis());
      client.setTcpNoDelay(true);
    } catch (IOException e) {
      abort("upstream '" + proxy.upstreamAddress() + "' unreachable: " + e);
      return;
    }
    LOG.debug("{} open: {} -> {}", name, client.getRemoteSocketAddress(), proxy.upstreamAddress());
    Pipe up = new Pipe(this, client, upstream, proxy.faults(), proxy.clientToUpstreamCounter());
    Pipe down = new Pipe(this, upstream, client, proxy.faults(), proxy.upstreamToClientCounter());
    if (spawn("c2u-write", up::write)
        && spawn("u2c-read", down::read)
        && spawn("u2c-write", down::write)) {
      up.read();
    }
  }

  private boolean spawn(String role, Runnable body) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      Thread thread = proxy.newThread(name + "-" + role, body);
      threads.add(thread);
      thread.start();
      return true;
    }
  }

  private void close(boolean reset, String reason) {
    List<Thread> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = List.copyOf(threads);
    }
    closeQuietly(client, reset);
    closeQuietly(upstream, reset);
    // Closing the sockets ends blocked reads and writes; the interrupt ends waits on the queue
    // and on the fault state.
    for (Thread thread : running) {
      if (thread != Thread.currentThread()) {
        thread.interrupt();
      }
    }
    proxy.connectionClosed(this);
    LOG.debug("{} closed{}: {}", name, reset ? " with reset" : "", reason);
  }

  static void closeQuietly(Socket socket, boolean reset) {
    try {
      if (reset) {
        // Linger 0 makes close() send RST instead of FIN: what a dropped network looks like.
        socket.setSoLinger(true, 0);
      }
    } catch (IOException e) {
      // Already closed or never connected: nothing to reset.
    }
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
