// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import static dev.violetear.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code AppConfig.maxMessagesPerSecond}: a client that sends faster is told and its excess is
 * dropped before any handler sees it; one that sends ten times faster within a second is closed
 * with 1008; everyone else is served as usual. The tests send several times the limit in a tight
 * loop, which any machine does well within the second the limits are measured over, and never
 * wait for a fixed time.
 */
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

  static App app;

  @BeforeAll
  static void startApp() {
    app = TestApps.start(c -> c.maxMessagesPerSecond(LIMIT), a -> a.register(Flood.class));
  }

  @AfterAll
  static void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  private static String emit(long seq) {
    return frame("t", "emit", "event", "flood", "data", seq, "seq", seq).toString();
  }

  private static final JsonNode RATE_LIMITED =
      frame(
          "t",
          "error",
          "type",
          "RateLimited",
          "message",
          "This connection sent more than 20 messages per second, so the server dropped the"
              + " excess; slow down or raise AppConfig.maxMessagesPerSecond");

  @Test
  void aFloodIsDroppedWithOneErrorAndOtherClientsAreUnaffected() {
    try (TestSocket calm = TestSocket.welcomed(app, null);
        RawSocket flooder = RawSocket.open(app)) {
      String id = welcomedId(flooder);
      int flood = 5 * LIMIT;
      for (int seq = 1; seq <= flood; seq++) {
        assertThat(flooder.send(emit(seq))).isTrue();
      }
      // Once the bucket refills a little, a message gets through again: its ack comes after
      // everything the flood caused, since each connection's frames are handled in order.
      AtomicLong probe = new AtomicLong(1000);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                flooder.send(emit(probe.incrementAndGet()));
                return flooder.received().stream()
                    .map(TestSocket::json)
                    .anyMatch(f -> isAck(f) && f.get("seq").asLong() > 1000);
              });

      List<JsonNode> frames = flooder.received().stream().map(TestSocket::json).toList();
      List<JsonNode> errors =
          frames.stream().filter(f -> f.path("t").asText().equals("error")).toList();
      assertThat(errors).containsExactly(RATE_LIMITED);
      List<Long> acked =
          frames.stream()
              .filter(f -> isAck(f) && f.get("seq").asLong() <= flood)
              .map(f -> f.get("seq").asLong())
              .toList();
      // The burst always goes through; the rest of the flood, sent faster than the rate, not all.
      assertThat(acked).hasSizeGreaterThanOrEqualTo(LIMIT).hasSizeLessThan(flood);
      assertThat(acked).isSorted().startsWith(1L, 2L, 3L);

      // The other client has its own budget: a whole burst of its own, all handled.
      for (int seq = 1; seq <= LIMIT; seq++) {
        calm.send(emit(seq));
      }
      for (int seq = 1; seq <= LIMIT; seq++) {
        calm.expectAck(seq);
      }
      assertThat(Flood.seen.of(calm.id())).hasSize(LIMIT);

      // Dropped messages never reached a handler; the count is logged when the socket closes.
      flooder.closeCleanly();
      await().atMost(Duration.ofSeconds(10)).until(() -> Flood.seen.of(id).contains("disconnect"));
      long handled = Flood.seen.of(id).stream().filter(s -> s.startsWith("flood ")).count();
      long sent = flood + (probe.get() - 1000);
      assertThat(handled).isGreaterThanOrEqualTo(acked.size() + 1);
      Pattern warning =
          Pattern.compile(
              "WARN dev.violetear.internal.server.MessageRateLimit - client "
                  + Pattern.quote(id)
                  + " sent more than 20 messages per second \\(AppConfig.maxMessagesPerSecond\\):"
                  + " (\\d+) of its messages were dropped\n");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> warning.matcher(TestApps.serverLog()).find());
      Matcher m = warning.matcher(TestApps.serverLog());
      assertThat(m.find()).isTrue();
      assertThat(Long.parseLong(m.group(1))).isEqualTo(sent - handled);
      assertThat(m.find()).as("one warning per connection").isFalse();
    }
  }

  @Test
  void tenTimesTheLimitWithinASecondClosesWith1008() {
    try (TestSocket calm = TestSocket.welcomed(app, null);
        RawSocket abuser = RawSocket.open(app)) {
      String id = welcomedId(abuser);
      int sent = 0;
      // More than 10 x 20 within a second ends it; a tight loop sends that many in milliseconds.
      while (sent < 100 * LIMIT && !abuser.isClosed() && abuser.send(emit(sent + 1))) {
        sent++;
        // The server closes as soon as it counts one message past 10 x the limit. Writing on
        // into the closing socket races its close frame (a broken pipe can hide it), so give the
        // close a moment to arrive first; a machine too slow to trip it just sends on.
        if (sent == 10 * LIMIT + 1 && abuser.awaitClosed(Duration.ofMillis(500))) {
          break;
        }
      }
      assertThat(abuser.closeStatus()).isEqualTo(1008);
      assertThat(abuser.closeReason())
          .isEqualTo(
              "sent more than 200 messages in one second, 10 times"
                  + " AppConfig.maxMessagesPerSecond");
      // It was told before it was closed.
      assertThat(
              abuser.received().stream()
                  .map(TestSocket::json)
                  .filter(f -> f.path("t").asText().equals("error")))
          .containsExactly(RATE_LIMITED);
      assertThat(sent).isGreaterThan(10 * LIMIT);

      // The server serves everyone else as before.
      calm.send(emit(1)).expectAck(1);
      assertThat(Flood.seen.of(calm.id())).containsExactly("flood 1");

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  TestApps.serverLog()
                      .contains(
                          "client "
                              + id
                              + " sent more than 20 messages per second"
                              + " (AppConfig.maxMessagesPerSecond): "));
      assertThat(TestApps.serverLog())
          .containsPattern(
              "client "
                  + Pattern.quote(id)
                  + " sent more than 20 messages per second \\(AppConfig.maxMessagesPerSecond\\):"
                  + " \\d+ of its messages were dropped; its connection was closed with 1008"
                  + " \\('sent more than 200 messages in one second, 10 times"
                  + " AppConfig.maxMessagesPerSecond'\\)\n");
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
