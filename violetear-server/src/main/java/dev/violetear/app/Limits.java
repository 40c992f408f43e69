// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.internal.security.ClientAddress;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The limits that keep one client from using up what every client shares, changed with {@link
 * AppConfig#limits}. Each has a default that a well-behaved browser never reaches; a client over
 * one is refused with a clear status or close code, and the server logs it once, naming the client
 * or the address.
 *
 * <pre>{@code
 * App.create("Chat", config -> config.limits(limits -> limits
 *     .maxConnections(20_000)            // HTTP and sockets, below the open-files limit
 *     .headerTimeout(Duration.ofSeconds(10))
 *     .socketsPerClient(16)              // tabs of one browser
 *     .socketsPerAddress(2_000)          // browsers behind one address (an office's NAT)
 *     .trustedProxies("10.0.0.5")        // the load balancer: read X-Forwarded-For from it
 *     .pageBufferBytes(1L << 20)         // frames held for one page that does not keep up
 *     .bufferedBytes(256L << 20)));      // frames held for all pages
 * }</pre>
 *
 * <p>An address is the connection's remote address, unless that is one of the {@link
 * #trustedProxies}: then it is the last address of {@code X-Forwarded-For} that is not a trusted
 * proxy. Forwarded headers from any other peer are ignored, since a client can write them.
 */
public final class Limits {
  private static final int MAX_SOCKETS = 10_000_000;
  private static final long MAX_BYTES = 1L << 50;

  private int maxConnections = defaultMaxConnections();
  private Duration headerTimeout = Duration.ofSeconds(15);
  private Duration heartbeat = Duration.ofSeconds(15);
  private int socketsPerClient = 50;
  private int socketsPerAddress = 1_000;
  private List<String> trustedProxies = List.of();
  private int newPagesPerAddress = 600;
  private int maxPageSessions = 100_000;
  private int connectionsPerAddress = 2_000;
  private long pageBufferBytes = 4L << 20;
  private long bufferedBytes = Runtime.getRuntime().maxMemory() / 4;

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
    this.socketsPerClient = check("socketsPerClient", sockets, "sockets");
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
    this.socketsPerAddress = check("socketsPerAddress", sockets, "sockets");
    return this;
  }

  /**
   * Sets how many connections (HTTP and sockets together) the server keeps open. Past it, a request
   * gets 503 with {@code Retry-After} and its connection closes, so that the server still answers
   * instead of running out of file descriptors, where every client would time out. The default is
   * 90% of the process's open-files limit (10,000 when the JVM cannot tell).
   *
   * <pre>{@code
   * config.limits(limits -> limits.maxConnections(50_000));   // after raising `ulimit -n`
   * }</pre>
   *
   * @param connections the most open connections
   * @return these limits
   * @throws IllegalArgumentException unless {@code connections} is between 1 and 10,000,000
   */
  public Limits maxConnections(int connections) {
    this.maxConnections = check("maxConnections", connections, "connections");
    return this;
  }

  /**
   * Sets how many connections (HTTP and sockets together) one address may hold open; one more is
   * closed as soon as it opens, and the server logs the address once. Without it one client could
   * hold every connection of {@link #maxConnections} and leave the others with 503. Connections
   * from {@link #trustedProxies} are not counted, since they carry many clients. The default is
   * 2,000, above the default {@link #socketsPerAddress}.
   *
   * <pre>{@code
   * config.limits(limits -> limits.connectionsPerAddress(5_000));
   * }</pre>
   *
   * @param connections the most open connections per address
   * @return these limits
   * @throws IllegalArgumentException unless {@code connections} is between 1 and 10,000,000
   */
  public Limits connectionsPerAddress(int connections) {
    this.connectionsPerAddress = check("connectionsPerAddress", connections, "connections");
    return this;
  }

  /**
   * Sets how long an HTTP connection may take to send a request's headers, counted from when it
   * opened or its previous request ended; a connection that takes longer is closed. Against clients
   * that trickle a byte every few seconds to hold connections (slowloris); it also closes idle
   * keep-alive connections after that long. Open sockets are not affected. The default is 15
   * seconds.
   *
   * <pre>{@code
   * config.limits(limits -> limits.headerTimeout(Duration.ofSeconds(30)));
   * }</pre>
   *
   * @param timeout at least 100 ms
   * @return these limits
   * @throws IllegalArgumentException for a timeout under 100 ms or over a day
   */
  public Limits headerTimeout(Duration timeout) {
    if (timeout == null
        || timeout.compareTo(Duration.ofMillis(100)) < 0
        || timeout.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "Limits.headerTimeout("
              + timeout
              + "): the timeout must be between 100 ms and a day, such as Duration.ofSeconds(15)");
    }
    this.headerTimeout = timeout;
    return this;
  }

  /**
   * Sets the heartbeat interval of open sockets, after which either side of a silent connection
   * checks that the other is still there. The server pings a socket it has read nothing from for an
   * interval and drops one it has read nothing from (not even the browser's automatic pong) for
   * more than two intervals, freeing what it holds for the page; the page sends a ping frame when
   * it has heard nothing for an interval, and reconnects when nothing comes back within one more.
   * So a socket whose peer vanished without closing it (a laptop put to sleep, a mobile network
   * changed, a proxy that lost the connection) is noticed within about three intervals on either
   * side. The default is 15 seconds; shorter notices sooner at the cost of a few bytes per interval
   * per socket.
   *
   * <pre>{@code
   * config.limits(limits -> limits.heartbeat(Duration.ofSeconds(5)));
   * }</pre>
   *
   * @param interval between 100 ms and 10 minutes
   * @return these limits
   * @throws IllegalArgumentException for an interval under 100 ms or over 10 minutes
   */
  public Limits heartbeat(Duration interval) {
    if (interval == null
        || interval.compareTo(Duration.ofMillis(100)) < 0
        || interval.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "Limits.heartbeat("
              + interval
              + "): the interval must be between 100 ms and 10 minutes, such as"
              + " Duration.ofSeconds(15)");
    }
    this.heartbeat = interval;
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

  /**
   * Sets how many new pages (page sessions) one address may open a minute, as a token bucket that
   * allows a minute's worth at once. A socket that would open one more gets HTTP 429 {@code
   * TooManyPages} and the page retries with backoff; a page that resumes its session is never
   * counted or refused, so a flood of new pages cannot keep existing ones from coming back. The
   * default is 600 a minute: ten page loads a second, sustained, from one address.
   *
   * <pre>{@code
   * config.limits(limits -> limits.newPagesPerAddress(3_000));   // a large office behind one NAT
   * }</pre>
   *
   * @param perMinute the most new pages per address and minute
   * @return these limits
   * @throws IllegalArgumentException unless {@code perMinute} is between 1 and 10,000,000
   */
  public Limits newPagesPerAddress(int perMinute) {
    this.newPagesPerAddress = check("newPagesPerAddress", perMinute, "pages");
    return this;
  }

  /**
   * Sets how many page sessions the server keeps for resuming. Existing sessions always resume;
   * past the limit a new page still works but cannot resume after a drop (its {@code resume_failed}
   * handlers run), so that a flood of new pages never evicts or blocks an existing one. The default
   * is 100,000.
   *
   * <pre>{@code
   * config.limits(limits -> limits.maxPageSessions(500_000));
   * }</pre>
   *
   * @param sessions the most page sessions kept
   * @return these limits
   * @throws IllegalArgumentException unless {@code sessions} is between 1 and 10,000,000
   */
  public Limits maxPageSessions(int sessions) {
    this.maxPageSessions = check("maxPageSessions", sessions, "sessions");
    return this;
  }

  private static int check(String name, int value, String unit) {
    if (value < 1 || value > MAX_SOCKETS) {
      throw new IllegalArgumentException(
          "Limits."
              + name
              + "("
              + value
              + "): the limit must be between 1 and "
              + MAX_SOCKETS
              + " "
              + unit);
    }
    return value;
  }

  /** 90% of the open-files limit, read from the JVM's platform MBean (absent on some JVMs). */
  private static int defaultMaxConnections() {
    try {
      Object limit =
          ManagementFactory.getPlatformMBeanServer()
              .getAttribute(
                  new ObjectName("java.lang:type=OperatingSystem"), "MaxFileDescriptorCount");
      if (limit instanceof Long files && files > 0) {
        return (int) Math.min(MAX_SOCKETS, Math.max(100, files * 9 / 10));
      }
    } catch (JMException | RuntimeException e) {
      // Not a Unix JVM, or without jdk.management: the fallback below.
    }
    return 10_000;
  }

  int maxConnections() {
    return maxConnections;
  }

  Duration headerTimeout() {
    return headerTimeout;
  }

  Duration heartbeat() {
    return heartbeat;
  }

  int socketsPerClient() {
    return socketsPerClient;
  }

  int socketsPerAddress() {
    return socketsPerAddress;
  }

  int newPagesPerAddress() {
    return newPagesPerAddress;
  }

  int connectionsPerAddress() {
    return connectionsPerAddress;
  }

  int maxPageSessions() {
    return maxPageSessions;
  }

  List<String> trustedProxies() {
    return trustedProxies;
  }

  long pageBufferBytes() {
    return pageBufferBytes;
  }

  long bufferedBytes() {
    return bufferedBytes;
  }

  /**
   * Sets the most bytes of frames the server holds for one page. A page that leaves more than that
   * unacknowledged (it stopped reading, or is away) is dropped: its socket closes with 1013 and its
   * next connection starts afresh, so the page runs {@code resume_failed}. A socket that leaves
   * twice that unwritten (room for the page's whole buffer resent after a reconnect) closes with
   * 1013 too, and may resume. One frame larger than the budget still reaches a page that holds
   * nothing else. A frame counts as its characters plus 48 bytes; a broadcast's frame, shared by
   * its pages, counts in each. The default, 4 MiB, holds the 4,096 frames a page may leave
   * unacknowledged at 1 KiB each, and 30 seconds away (the default {@code resumeGrace}) at 100 such
   * frames a second.
   *
   * <pre>{@code
   * config.limits(limits -> limits.pageBufferBytes(1L << 20));   // 1 MiB
   * }</pre>
   *
   * @param bytes the most bytes held for one page
   * @return these limits
   * @throws IllegalArgumentException unless {@code bytes} is between 1,024 and 2^50
   */
  public Limits pageBufferBytes(long bytes) {
    this.pageBufferBytes = checkBytes("pageBufferBytes", bytes, "4L << 20 (4 MiB)");
    return this;
  }

  /**
   * Sets the most bytes of frames the server holds for all pages together, counted as {@link
   * #pageBufferBytes} counts them. A send that takes the server past it has the pages that hold the
   * most dropped, biggest first, as a page over its own budget is, until three quarters of it are
   * held or no page holds more than an equal share: pages that stopped reading go, pages that read
   * keep receiving, and the server does not run out of memory. Give each page room for what it has
   * not acknowledged yet (about 64 frames) and for the pages away within {@code resumeGrace}. The
   * default is a quarter of the maximum heap ({@code -Xmx}), which leaves the rest to the app.
   *
   * <pre>{@code
   * config.limits(limits -> limits.bufferedBytes(512L << 20));   // 512 MiB
   * }</pre>
   *
   * @param bytes the most bytes held for all pages
   * @return these limits
   * @throws IllegalArgumentException unless {@code bytes} is between 1,024 and 2^50
   */
  public Limits bufferedBytes(long bytes) {
    this.bufferedBytes = checkBytes("bufferedBytes", bytes, "256L << 20 (256 MiB)");
    return this;
  }

  private static long checkBytes(String name, long value, String example) {
    if (value < 1024 || value > MAX_BYTES) {
      throw new IllegalArgumentException(
          "Limits."
              + name
              + "("
              + value
              + "): the budget must be between 1,024 bytes and 2^50 bytes, such as "
              + example);
    }
    return value;
  }
}
