// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.error;
import static dev.violetear.app.TestApps.rpc;
import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON parser's limits on what clients send: nesting depth and number length, the same for RPC
 * bodies and socket frames. A request beyond them is refused with a message naming the limit before
 * any of it is converted, and the server (and the socket) keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestLimitsTest {
  static final class Data {
    static final Seen seen = new Seen();

    @Server.Rpc
    static double half(double value) {
      return value / 2;
    }

    @Server.Realtime
    static void note(double value) {
      seen.add(ClientId.caller(), "note " + value);
    }
  }

  App app;

  @BeforeAll
  void startApp() {
    app = TestApps.start(a -> a.register(Data.class));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static String digits(int count) {
    return "1" + "0".repeat(count - 1);
  }

  @Test
  void aBodyOverTheLimitGets413EveryTimeEvenWhileTheClientIsStillSending() {
    // 1.5 times the default limit of 1 MiB: the server refuses it after the headers, long before
    // the client has written it. Unless the server reads the rest, the close resets the connection
    // and the client sees no response at all.
    String big = "{\"args\":[\"" + "x".repeat(3 * 512 * 1024) + "\"]}";
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = rpc(app, "Data.half", big);
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("\"type\":\"PayloadTooLarge\"");
    }
    assertThat(rpc(app, "Data.half", "{\"args\":[3]}").body()).isEqualTo("{\"result\":1.5}");
  }

  @Test
  void aDeeplyNestedBodyIsRefusedNamingTheLimit() {
    HttpResponse<String> response = rpc(app, "Data.half", "{\"args\":[" + nested(10_000) + "]}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            error(
                "BadRequest",
                "The body of the call to Data.half is nested deeper than 64 levels of arrays and"
                    + " objects, the most the server accepts"));
    assertThat(rpc(app, "Data.half", "{\"args\":[3]}").body()).isEqualTo("{\"result\":1.5}");
  }

  @Test
  void aLongNumberIsRefusedNamingTheLimit() {
    for (String number :
        new String[] {digits(200), "-" + digits(200), "1." + "0".repeat(200), digits(101)}) {
      HttpResponse<String> response = rpc(app, "Data.half", "{\"args\":[" + number + "]}");
      assertThat(response.statusCode()).as(number).isEqualTo(400);
      assertThat(response.body())
          .as(number)
          .isEqualTo(
              error(
                  "BadRequest",
                  "The body of the call to Data.half has a number longer than 100 digits, the most"
                      + " the server accepts"));
    }
    // At the limit, a number is read as usual.
    HttpResponse<String> atLimit = rpc(app, "Data.half", "{\"args\":[" + digits(100) + "]}");
    assertThat(atLimit.statusCode()).isEqualTo(200);
    assertThat(atLimit.body()).isEqualTo("{\"result\":5.0E98}");
  }

  @Test
  void aFrameBeyondALimitGetsAnErrorAndTheSocketStaysOpen() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.send("{\"t\":\"call\",\"fn\":\"Data.note\",\"args\":[" + nested(10_000) + "],\"seq\":1}");
      // Unreadable, but it ends with its seq: answered under it and acknowledged, so the page does
      // not send it again and its next frame follows.
      s.expect(
              badFrame(
                  "the frame is nested deeper than 64 levels of arrays and objects, the most the"
                      + " server accepts",
                  1))
          .expectAck(1);
      s.send("{\"t\":\"call\",\"fn\":\"Data.note\",\"args\":[" + digits(200) + "],\"seq\":2}");
      s.expect(
              badFrame(
                  "the frame has a number longer than 100 digits, the most the server accepts", 2))
          .expectAck(2);
      s.send("{\"t\":\"call\",\"fn\":\"Data.note\",\"args\":[" + digits(200) + "]}");
      s.expect(
          badFrame("the frame has a number longer than 100 digits, the most the server accepts"));

      s.call(3, "Data.note", 4).expectAck(3);
      assertThat(Data.seen.of(s.id())).containsExactly("note 4.0");
    }
  }

  private static JsonNode badFrame(String message) {
    // The frame could not be read and does not end with a seq, so the error cannot name one.
    return frame("t", "error", "type", "BadFrame", "message", message);
  }

  private static JsonNode badFrame(String message, long seq) {
    return frame("t", "error", "type", "BadFrame", "message", message, "seq", seq);
  }
}
