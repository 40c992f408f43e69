// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.issueCookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.violetear.Server;
import dev.violetear.markup.Document;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Connections that hold what every client needs: one trickling its headers (slowloris), one idle
 * between requests, and more connections than the server keeps open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionGuardTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(400);

  static final class Ping {
    @Server.Realtime
    static void ping() {}
  }

  App app;
  App small;

  @BeforeAll
  void start() {
    app =
        TestApps.start(
            config -> config.limits(limits -> limits.headerTimeout(HEADER_TIMEOUT)),
            a -> a.register(Ping.class).view("/", () -> Document.titled("Home")));
    small =
        TestApps.start(
            config -> config.limits(limits -> limits.maxConnections(4).connectionsPerAddress(3)),
            a -> a.register(Ping.class).view("/", () -> Document.titled("Home")));
  }

  @AfterAll
  void stop() {
    app.stop();
    small.stop();
  }

  @Test
  void aClientTricklingItsHeadersIsClosedWhileItStillSends() throws Exception {
    try (Socket slow = connect(app, "127.0.0.20")) {
      OutputStream out = slow.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      boolean closed = false;
      // A header byte every 50 ms: Jetty's idle timeout (30 s) would never fire.
      for (int i = 0; i < 200 && !closed; i++) {
        try {
          out.write('X');
          out.flush();
        } catch (IOException e) {
          closed = true;
          break;
        }
        closed = isClosed(slow, 50);
        // The honest page is served meanwhile.
        if (i == 2) {
          assertThat(TestApps.get(app, "/").statusCode()).isEqualTo(200);
        }
      }
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(closed).as("closed within 10 s of trickling").isTrue();
      assertThat(tookMs).isGreaterThanOrEqualTo(HEADER_TIMEOUT.toMillis() - 50);
    }
  }

  @Test
  void aConnectionIdleAfterARequestIsClosedButOneInUseIsNot() throws Exception {
    try (Socket busy = connect(app, "127.0.0.21");
        Socket idle = connect(app, "127.0.0.22")) {
      assertThat(request(idle)).startsWith("HTTP/1.1 200");
      // Requests every 100 ms keep a connection for several timeouts.
      long until = System.nanoTime() + 3 * HEADER_TIMEOUT.toNanos();
      while (System.nanoTime() < until) {
        assertThat(request(busy)).startsWith("HTTP/1.1 200");
        Thread.onSpinWait();
      }
      assertThat(isClosed(idle, 1)).as("idle for three timeouts").isTrue();
    }
  }

  @Test
  void anOpenSocketIsNotTimedLikeHeaders() throws Exception {
    try (TestSocket s = TestSocket.welcomed(app, issueCookie(app));
        Socket idle = connect(app, "127.0.0.24")) {
      // Opened after the socket and closed for sending nothing: the socket has been as quiet.
      await().atMost(Duration.ofSeconds(10)).until(() -> isClosed(idle, 10));
      s.call(1, "Ping.ping").expectAck(1);
    }
  }

  @Test
  void pastMaxConnectionsRequestsGet503UntilConnectionsClose() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      // From several addresses: each holds no more than connectionsPerAddress.
      for (int i = 0; i < 5; i++) {
        held.add(connect(small, "127.0.0." + (40 + i)));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestApps.get(small, "/").statusCode() == 503);
      var refused = TestApps.get(small, "/");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(refused.body()).contains("connection limit");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> TestApps.get(small, "/").statusCode() == 200);
  }

  @Test
  void anAddressPastItsConnectionsHasItsNewOnesClosedWhileAnotherIsServed() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket s = connect(small, "127.0.0.30");
        held.add(s);
        assertThat(request(s)).startsWith("HTTP/1.1 200");
      }
      try (Socket over = connect(small, "127.0.0.30")) {
        assertThat(isClosed(over, 5_000)).as("the fourth connection of one address").isTrue();
      }
      // Another address is served. The server may count the refused connection, or an idle
      // keep-alive one of an earlier test, for a moment: with maxConnections(4) that answers 503
      // (never a close, which is what the per-address limit would do), so this waits it out.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (Socket other = connect(small, "127.0.0.31")) {
                  String answer = request(other);
                  assertThat(answer).as("another address").startsWith("HTTP/1.1 ");
                  return answer.startsWith("HTTP/1.1 200");
                }
              });
      held.remove(0).close();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (Socket again = connect(small, "127.0.0.30")) {
                  return request(again).startsWith("HTTP/1.1 200");
                }
              });
      assertThat(TestApps.serverLog())
          .contains(
              "Address 127.0.0.30 holds 3 connections, the most Limits.connectionsPerAddress"
                  + " allows");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void limitsOutOfRangeAreRefusedNamingThem() {
    Limits limits = new Limits();
    assertThatThrownBy(() -> limits.maxConnections(0))
        .hasMessage(
            "Limits.maxConnections(0): the limit must be between 1 and 10000000 connections");
    assertThatThrownBy(() -> limits.headerTimeout(Duration.ofMillis(10)))
        .hasMessage(
            "Limits.headerTimeout(PT0.01S): the timeout must be between 100 ms and a day, such as"
                + " Duration.ofSeconds(15)");
  }

  private static Socket connect(App app, String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.port()), 10_000);
    return s;
  }

  /** Sends a GET of "/" and returns the response's status line and headers. */
  private static String request(Socket s) throws IOException {
    s.getOutputStream()
        .write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return "closed";
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("transfer-encoding: chunked")) {
      StringBuilder body = new StringBuilder();
      while (!body.toString().endsWith("\r\n0\r\n\r\n")
          && !body.toString().startsWith("0\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return "closed";
        }
        body.append((char) b);
      }
    } else {
      in.readNBytes(Integer.parseInt(lower.replaceAll("(?s).*content-length: *(\\d+).*", "$1")));
    }
    return head.toString();
  }

  /** Whether the server closed {@code s}, waiting up to {@code ms} for the end of its input. */
  private static boolean isClosed(Socket s, int ms) throws IOException {
    s.setSoTimeout(ms);
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
