// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code AppConfig.maxMessagesPerSecond}: the first message of a client over its budget closes its
 * socket with 1008, before any handler sees that message or a later one, and nothing after the last
 * handled message is acknowledged, so a browser resends exactly the rest; everyone else is served
 * as usual. The tests send several times the limit in a tight loop, which any machine does well
 * within the second the limit is measured over, and never wait for a fixed time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitTest {
  static final int LIMIT = 20;

  static final class Flood {
    static final Seen seen = new Seen();

    @Server.On("flood")
    static void flood(ClientId id, int n) {
      seen.add(id, "flood " + n);
    }

    @Server.On("disconnect")
    static void gone(ClientId id) {
      seen.add(id, "disconnect");
    }
  }

  App app;

  @BeforeAll
  void startApp() {
    app = TestApps.start(c -> c.maxMessagesPerSecond(LIMIT), a -> a.register(Flood.class));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  private static String emit(long seq) {
    return frame("t", "emit", "event", "flood", "data", seq, "seq", seq).toString();
  }

  @Test
  void theFirstMessageOverTheBudgetClosesWith1008AndNothingAfterItRuns() {
    try (TestSocket calm = TestSocket.welcomed(app, null);
        RawSocket flooder = RawSocket.open(app)) {
      String id = welcomedId(flooder);
      int sent = flooder.floodUntilClosed(RateLimitTest::emit, LIMIT, 5 * LIMIT);
      assertThat(flooder.closeStatus()).isEqualTo(1008);
      assertThat(flooder.closeReason())
          .isEqualTo("sent more than 20 messages per second (AppConfig.maxMessagesPerSecond)");
      await().atMost(Duration.ofSeconds(10)).until(() -> Flood.seen.of(id).contains("disconnect"));

      // What ran is a prefix 1..n of what was sent, and only what ran was acknowledged (some acks
      // may be cut off by the close): the browser resends the rest, and the server's welcome
      // lastSeq makes it skip what already ran, so there is no gap and no repeat.
      List<String> handled =
          Flood.seen.of(id).stream().filter(s -> s.startsWith("flood ")).toList();
      assertThat(handled).hasSizeGreaterThanOrEqualTo(LIMIT).hasSizeLessThan(sent);
      for (int i = 0; i < handled.size(); i++) {
        assertThat(handled.get(i)).isEqualTo("flood " + (i + 1));
      }
      List<Long> acked =
          flooder.received().stream()
              .map(TestSocket::json)
              .filter(RateLimitTest::isAck)
              .map(f -> f.get("seq").asLong())
              .toList();
      // Acks are cumulative, one per batch handled, so they increase and never pass what ran.
      assertThat(acked).hasSizeLessThanOrEqualTo(handled.size()).isSorted().doesNotHaveDuplicates();
      if (!acked.isEmpty()) {
        assertThat(acked.get(acked.size() - 1)).isLessThanOrEqualTo(handled.size());
      }

      // The other client has its own budget: a whole burst of its own, all handled.
      for (int seq = 1; seq <= LIMIT; seq++) {
        calm.send(emit(seq));
      }
      calm.expectAcksUpTo(LIMIT);
      assertThat(Flood.seen.of(calm.id())).hasSize(LIMIT);

      Pattern warning =
          Pattern.compile(
              "WARN dev.violetear.internal.realtime.MessageRateLimit - client "
                  + Pattern.quote(id)
                  + " sent more than 20 messages per second \\(AppConfig.maxMessagesPerSecond\\):"
                  + " its connection was closed with 1008 and (\\d+) of its messages were dropped"
                  + " unacknowledged \\(a browser sends them again when it reconnects\\)\n");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> warning.matcher(TestApps.serverLog()).find());
      Matcher m = warning.matcher(TestApps.serverLog());
      assertThat(m.find()).isTrue();
      assertThat(Long.parseLong(m.group(1))).isEqualTo(sent - handled.size());
      assertThat(m.find()).as("one warning per connection").isFalse();
    }
  }

  @Test
  void theLimitMustBePositive() {
    assertThatThrownBy(() -> App.create("Test", c -> c.maxMessagesPerSecond(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMessagesPerSecond must be between 1 and 1000000, got 0");
    assertThatThrownBy(() -> App.create("Test", c -> c.maxMessagesPerSecond(1_000_001)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMessagesPerSecond must be between 1 and 1000000, got 1000001");
  }

  private static boolean isAck(JsonNode frame) {
    return frame.path("t").asText().equals("ack");
  }

  private static String welcomedId(RawSocket socket) {
    JsonNode welcome = TestSocket.json(socket.next());
    assertThat(welcome.path("t").asText()).as(welcome.toString()).isEqualTo("welcome");
    return welcome.get("clientId").asText();
  }
}
