// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.issueCookie;
import static dev.violetear.app.TestSocket.frame;
import static dev.violetear.app.TestSocket.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A page's session on its way between nodes while the page reconnects again: the backplane is held
 * so the move stays under way, and the page's second socket must wait for it as the first did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PageMoveRaceTest {
  static final class Room {
    @Client.Realtime
    static void say(String text) {}
  }

  final SharedBackplane shared = new SharedBackplane();
  App a;
  App b;

  @BeforeAll
  void startNodes() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 4);
    a =
        TestApps.start(
            c -> c.clientIdSecret(secret).backplane(shared.node()), x -> x.register(Room.class));
    b =
        TestApps.start(
            c -> c.clientIdSecret(secret).backplane(shared.node()), x -> x.register(Room.class));
  }

  @AfterAll
  void stopNodes() {
    if (a != null) {
      a.stop();
    }
    if (b != null) {
      b.stop();
    }
    shared.close();
  }

  @Test
  void aSecondSocketWhileTheSessionMovesWaitsForItAndGetsEverything() {
    String cookie = issueCookie(a);
    TestSocket onA = TestSocket.welcomed(a, cookie, "page-race-1");
    b.clients().to(onA.clientId()).invoke(Room::say, "before");
    onA.expect(say("before"));
    onA.close();
    await().until(() -> a.stats().connections() == 0);

    shared.hold();
    long published = b.stats().backplane().published();
    TestSocket first = TestSocket.resume(b, cookie, "page-race-1", 1);
    // The server's side of the first socket has opened (its claim is out) and closed before the
    // second opens, as a page opens its next socket only after the last one ended. Without these
    // waits a loaded server could open the first socket after the second, and that late socket
    // would take the session over from the live one.
    await().until(() -> b.stats().backplane().published() > published);
    a.clients().to(onA.clientId()).invoke(Room::say, "while it moves");
    first.close();
    await().until(() -> b.stats().connections() == 0);
    try (TestSocket second = TestSocket.resume(b, cookie, "page-race-1", 1)) {
      shared.release();
      JsonNode welcome = second.next();
      assertThat(welcome.path("t").asText()).isEqualTo("welcome");
      assertThat(welcome.path("resumed").asBoolean()).as(welcome.toString()).isTrue();
      second.expect(say("while it moves"));
      a.clients().to(onA.clientId()).invoke(Room::say, "after");
      second.expect(say("after"));
    }
  }

  private static JsonNode say(String text) {
    return frame("t", "invoke", "fn", "Room.say", "args", json("[\"" + text + "\"]"));
  }
}
