// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The socket as the WebSocket protocol allows a browser or proxy to use it: a message may arrive in
 * several frames, cut anywhere (inside a UTF-8 sequence too), with pings between them; the server
 * reassembles it, runs it once and answers each ping with a pong carrying its payload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketFramesTest {
  static final class Echo {
    @Server.Realtime
    static void say(String text) {
      App.current().clients().to(ClientId.caller()).invoke(Echo::heard, text);
    }

    @Client.Realtime
    static void heard(String text) {}
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Echo.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void aMessageCutIntoFramesWithAPingBetweenRunsOnceAndThePingIsAnswered() {
    String text = "héllo ✓ wörld";
    byte[] call =
        ("{\"t\":\"call\",\"fn\":\"Echo.say\",\"args\":[\"" + text + "\"],\"seq\":1}")
            .getBytes(StandardCharsets.UTF_8);
    // Cut inside the two bytes of 'é' and inside the three of '✓'.
    int first = indexOf(call, "é".getBytes(StandardCharsets.UTF_8)) + 1;
    int second = indexOf(call, "✓".getBytes(StandardCharsets.UTF_8)) + 2;
    try (ByteSocket s = ByteSocket.open(app, null)) {
      assertThat(s.next().text()).contains("\"t\":\"welcome\"");

      s.send(false, ByteSocket.TEXT, Arrays.copyOfRange(call, 0, first));
      s.send(true, ByteSocket.PING, "are you there".getBytes(StandardCharsets.UTF_8));
      s.send(false, ByteSocket.CONTINUATION, Arrays.copyOfRange(call, first, second));
      s.send(true, ByteSocket.CONTINUATION, Arrays.copyOfRange(call, second, call.length));

      ByteSocket.Frame pong = s.next();
      assertThat(pong.opcode()).isEqualTo(ByteSocket.PONG);
      assertThat(pong.text()).isEqualTo("are you there");
      // The answer acknowledges the call in itself: one frame, no separate ack.
      ByteSocket.Frame answer = s.next();
      assertThat(answer.opcode()).isEqualTo(ByteSocket.TEXT);
      assertThat(answer.text())
          .isEqualTo(
              "{\"seq\":1,\"ack\":1,\"t\":\"invoke\",\"fn\":\"Echo.heard\",\"args\":[\""
                  + text
                  + "\"]}");
    }
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
