// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link FaultProxy}, set in the lambda passed to {@link FaultProxy#start(int,
 * java.util.function.Consumer)}. Every option has a default, so the lambda sets only what differs.
 *
 * <pre>{@code
 * FaultProxy proxy = FaultProxy.start(app.port(), config -> config
 *     .maxConnections(1_000)
 *     .connectTimeout(Duration.ofSeconds(1)));
 * }</pre>
 *
 * <p>Setters check their argument at once and return this config. The config is read once, when the
 * proxy starts, and is not thread-safe.
 */
public final class FaultProxyConfig {
  static final int DEFAULT_MAX_CONNECTIONS = 256;

  private String upstreamHost = "127.0.0.1";
  private int listenPort = 0;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private Duration connectTimeout = Duration.ofSeconds(5);

  FaultProxyConfig() {}

  /**
   * Sets the host the proxy forwards to; the default is {@code 127.0.0.1}.
   *
   * <pre>{@code
   * FaultProxy.start(8080, config -> config.upstreamHost("10.200.1.2"));  // a test namespace
   * }</pre>
   *
   * <p>The name is resolved when the proxy starts. Send test traffic only to loopback or to hosts
   * that the test itself created.
   *
   * @param host a host name or address literal, not blank
   * @return this config
   * @throws IllegalArgumentException if {@code host} is blank
   */
  public FaultProxyConfig upstreamHost(String host) {
    Objects.requireNonNull(host, "host == null");
    if (host.isBlank()) {
      throw new IllegalArgumentException("Upstream host must not be blank; pass e.g. '127.0.0.1'.");
    }
    this.upstreamHost = host;
    return this;
  }

  /**
   * Sets the loopback port the proxy listens on; the default 0 picks any free port.
   *
   * <pre>{@code
   * int port = first.port();
   * first.close();
   * FaultProxy again = FaultProxy.start(app.port(), config -> config.listenPort(port));
   * }</pre>
   *
   * <p>A fixed port lets a test restart the proxy where clients already point.
   *
   * @param port 0 to 65535
   * @return this config
   * @throws IllegalArgumentException if {@code port} is out of range
   */
  public FaultProxyConfig listenPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "Listen port '" + port + "' is out of range; use 0 (any free port) to 65535.");
    }
    this.listenPort = port;
    return this;
  }

  /**
   * Sets how many proxied connections may be open at once; the default is 256.
   *
   * <pre>{@code
   * FaultProxy.start(app.port(), config -> config.maxConnections(2));
   * }</pre>
   *
   * <p>A client that connects while the limit is reached is accepted and reset at once, and a
   * warning is logged. Each connection holds four threads and at most 320 KiB of buffered data.
   *
   * @param max 1 or more
   * @return this config
   * @throws IllegalArgumentException if {@code max} is less than 1
   */
  public FaultProxyConfig maxConnections(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("Max connections '" + max + "' must be at least 1.");
    }
    this.maxConnections = max;
    return this;
  }

  /**
   * Sets how long the proxy waits to connect to the upstream for each new client; the default is 5
   * seconds.
   *
   * <pre>{@code
   * FaultProxy.start(app.port(), config -> config.connectTimeout(Duration.ofMillis(500)));
   * }</pre>
   *
   * <p>When the upstream cannot be reached in time the client connection is reset.
   *
   * @param timeout from 1 ms to {@code Integer.MAX_VALUE} ms
   * @return this config
   * @throws IllegalArgumentException if {@code timeout} is out of range
   */
  public FaultProxyConfig connectTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.compareTo(Duration.ofMillis(1)) < 0
        || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "Connect timeout '" + timeout + "' is out of range; use 1 ms to Integer.MAX_VALUE ms.");
    }
    this.connectTimeout = timeout;
    return this;
  }

  String upstreamHost() {
    return upstreamHost;
  }

  int listenPort() {
    return listenPort;
  }

  int maxConnections() {
    return maxConnections;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }
}
