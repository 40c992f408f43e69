// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.ClientId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The well-behaved page of the abuse suite, on 127.0.0.1 while attacks come from other loopback
 * addresses: it calls an RPC and measures its latency, and it drops and resumes its socket while
 * the server sends to it, checking that the resume keeps its page session and loses nothing. Its
 * app must register {@link AbuseSuiteTest.Target}.
 */
final class HonestPage implements AutoCloseable {
  private static final String SESSION = "honest-page-0001";
  private static final int SENT_WHILE_AWAY = 5;

  private final App app;
  private final String cookie;
  private final ClientId id;
  private final AtomicInteger news = new AtomicInteger();
  private TestSocket socket;

  HonestPage(App app) {
    this.app = app;
    this.cookie = TestApps.issueCookie(app);
    this.id = ClientId.of(TestApps.idOf(cookie));
    // Acknowledged as frames arrive, as violetear.js does, however slowly the test reads them.
    this.socket = TestSocket.open(app, cookie, SESSION).autoAck();
    JsonNode welcome = socket.next();
    assertThat(welcome.path("t").asText()).isEqualTo("welcome");
  }

  /**
   * Calls {@code AbuseSuiteTest.Target.echo} {@code calls} times in a row, each answered 200 with
   * its own value, and returns the 99th percentile of their latencies in milliseconds.
   */
  double rpcP99(int calls) {
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long started = System.nanoTime();
      HttpResponse<String> answer =
          TestApps.rpc(
              app, "Target.echo", "{\"args\":[" + i + "]}", "Cookie", "violetear_client=" + cookie);
      nanos[i] = System.nanoTime() - started;
      assertThat(answer.statusCode()).as("honest RPC %d: %s", i, answer.body()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("{\"result\":" + i + "}");
    }
    Arrays.sort(nanos);
    return nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6;
  }

  /**
   * Drops the socket while the server sends to the page, reconnects as violetear.js does (retrying
   * a refused handshake with a short backoff) and checks that every frame arrives once, in order.
   *
   * @return whether the server resumed the page session
   */
  boolean dropAndResume() {
    sendNews(SENT_WHILE_AWAY);
    for (int i = 0; i < SENT_WHILE_AWAY; i++) {
      expectNews();
    }
    long received = socket.received();
    socket.close();
    int first = news.get() + 1;
    sendNews(SENT_WHILE_AWAY);
    socket =
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> TestSocket.open(app, cookie, SESSION, received), s -> s != null);
    socket.receivedUpTo(received).autoAck();
    JsonNode welcome = socket.next();
    for (int n = first; n < first + SENT_WHILE_AWAY; n++) {
      socket.expect(frame("t", "emit", "event", "news", "data", n));
    }
    return welcome.path("resumed").asBoolean();
  }

  /** The seq of the last frame that reached the page, read or not. */
  long arrived() {
    return socket.arrived();
  }

  /** Reads the broadcast ticks 1 to {@code last}, each once and in order. */
  void expectTicks(int last) {
    for (int n = 1; n <= last; n++) {
      JsonNode frame = socket.next();
      assertThat(frame.path("fn").asText()).as(frame.toString()).isEqualTo("Target.tick");
      assertThat(frame.path("args").path(0).asInt()).as("the tick after %d", n - 1).isEqualTo(n);
    }
  }

  private void sendNews(int count) {
    for (int i = 0; i < count; i++) {
      app.clients().to(id).emit("news", news.incrementAndGet());
    }
  }

  private void expectNews() {
    JsonNode frame = socket.next();
    assertThat(frame.path("event").asText()).as(frame.toString()).isEqualTo("news");
  }

  @Override
  public void close() {
    socket.close();
  }
}
