// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.internal.security.ClientAddress;
import java.util.List;

/**
 * The limits that keep one client from using up what every client shares, changed with {@link
 * AppConfig#limits}. Each has a default that a well-behaved browser never reaches; a client over
 * one is refused with a clear status or close code, and the server logs it once, naming the client
 * or the address.
 *
 * <pre>{@code
 * App.create("Chat", config -> config.limits(limits -> limits
 *     .socketsPerClient(16)              // tabs of one browser
 *     .socketsPerAddress(2_000)          // browsers behind one address (an office's NAT)
 *     .trustedProxies("10.0.0.5")));    // the load balancer: read X-Forwarded-For from it
 * }</pre>
 *
 * <p>An address is the connection's remote address, unless that is one of the {@link
 * #trustedProxies}: then it is the last address of {@code X-Forwarded-For} that is not a trusted
 * proxy. Forwarded headers from any other peer are ignored, since a client can write them.
 */
public final class Limits {
  private static final int MAX_SOCKETS = 10_000_000;

  private int socketsPerClient = 50;
  private int socketsPerAddress = 1_000;
  private List<String> trustedProxies = List.of();

  Limits() {}

  /**
   * Sets how many sockets one client (one browser, by its client cookie) may hold open at once: one
   * per open tab of the app. One more is refused: its handshake gets HTTP 429 {@code
   * TooManySockets}, or, when several race, the socket closes with 4029 right after it opened. The
   * page retries with backoff, so closing another tab lets it in. The default is 50.
   *
   * <pre>{@code
   * config.limits(limits -> limits.socketsPerClient(8));
   * }</pre>
   *
   * @param sockets the most open sockets per client
   * @return these limits
   * @throws IllegalArgumentException unless {@code sockets} is between 1 and 10,000,000
   */
  public Limits socketsPerClient(int sockets) {
    this.socketsPerClient = checkSockets("socketsPerClient", sockets);
    return this;
  }

  /**
   * Sets how many sockets may be open at once from one address (see the class for how a client's
   * address is read behind a proxy), refused as {@link #socketsPerClient} is. A client that drops
   * its cookie gets a new client id on every socket; this bounds it. The default is 1,000; raise it
   * for many users behind one address, or name the proxy in {@link #trustedProxies}.
   *
   * <pre>{@code
   * config.limits(limits -> limits.socketsPerAddress(5_000));
   * }</pre>
   *
   * @param sockets the most open sockets per address
   * @return these limits
   * @throws IllegalArgumentException unless {@code sockets} is between 1 and 10,000,000
   */
  public Limits socketsPerAddress(int sockets) {
    this.socketsPerAddress = checkSockets("socketsPerAddress", sockets);
    return this;
  }

  /**
   * Names the proxies (load balancers, reverse proxies) in front of the app, by IP address: only a
   * connection from one of them has its client's address read from {@code X-Forwarded-For}. None by
   * default.
   *
   * <pre>{@code
   * config.limits(limits -> limits.trustedProxies("10.0.0.5", "10.0.0.6"));
   * }</pre>
   *
   * @param addresses IPv4 or IPv6 literals, such as {@code "10.0.0.5"} or {@code "::1"}
   * @return these limits
   * @throws IllegalArgumentException for a value that is not an IP address literal (host names are
   *     not resolved)
   */
  public Limits trustedProxies(String... addresses) {
    this.trustedProxies = ClientAddress.literals(List.of(addresses));
    return this;
  }

  private static int checkSockets(String name, int sockets) {
    if (sockets < 1 || sockets > MAX_SOCKETS) {
      throw new IllegalArgumentException(
          "Limits."
              + name
              + "("
              + sockets
              + "): the limit must be between 1 and "
              + MAX_SOCKETS
              + " sockets");
    }
    return sockets;
  }

  int socketsPerClient() {
    return socketsPerClient;
  }

  int socketsPerAddress() {
    return socketsPerAddress;
  }

  List<String> trustedProxies() {
    return trustedProxies;
  }
}
