// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.Server;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket from a browser's side: identity, ordering, frames in, errors, limits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealtimeSocketTest {
  static final long MAX_BYTES = 4096;

  record Message(String text, int count) {}

  static final class Room {
    static final Seen seen = new Seen();
    static volatile String gatedId = "";
    static volatile CountDownLatch connectGate = new CountDownLatch(0);
    static volatile CountDownLatch slowGate = new CountDownLatch(0);

    @Server.On("connect")
    static void connected(ClientId id) {
      seen.add(id, "connect");
      if (id.value().equals(gatedId)) {
        seen.add(id, "connect waits");
        pass(connectGate);
        seen.add(id, "connect done");
      }
    }

    @Server.On("disconnect")
    static void disconnected(ClientId id) {
      seen.add(id, "disconnect");
    }

    @Server.Realtime
    static void note(String text) {
      seen.add(ClientId.caller(), "note " + text);
    }

    @Server.Realtime
    static void count(int n) {
      seen.add(ClientId.caller(), "count " + n);
    }

    @Server.Realtime
    static void move(int x, int y) {
      seen.add(ClientId.caller(), "move " + x + "," + y);
    }

    @Server.Realtime
    static void tell(String key) {
      seen.add(key, ClientId.caller().value());
    }

    @Server.Realtime
    static void slow() {
      seen.add(ClientId.caller(), "slow started");
      pass(slowGate);
      seen.add(ClientId.caller(), "slow done");
    }

    @Server.Realtime
    static int answer() {
      seen.add(ClientId.caller(), "answer");
      return 42;
    }

    @Server.Realtime
    static void boom() {
      throw new IllegalStateException("secret detail hunter2");
    }

    @Server.Realtime
    static void refuse() {
      throw new RpcException("Full", "The room is full");
    }

    @Server.On("said")
    static void said(ClientId from, Message m) {
      seen.add(from, "said " + m.text() + " " + m.count());
    }

    @Server.On("said")
    static void alsoSaid(Message m) {
      seen.add("alsoSaid", m.text());
    }

    @Server.On("poke")
    static void poked(ClientId from) {
      seen.add(from, "poked");
    }

    @Server.On("explode")
    static void explode() {
      throw new IllegalStateException("event secret");
    }

    private static void pass(CountDownLatch gate) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  App app;

  @BeforeAll
  void startApp() {
    // The flood test below fills a handler queue, which the rate limit would otherwise prevent.
    app =
        TestApps.start(
            c -> c.maxRequestBytes(MAX_BYTES).maxMessagesPerSecond(1_000_000),
            a -> a.register(Room.class));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  // ---- identity
  // ----------------------------------------------------------------------------------

  @Test
  void welcomeCarriesTheIdOfTheCookie() {
    String cookie = issueCookie(app);

    try (TestSocket s = TestSocket.welcomed(app, cookie)) {
      assertThat(s.id()).isEqualTo(idOf(cookie));
    }
  }

  @Test
  void socketWithoutValidCookieGetsAFreshId() {
    String cookie = issueCookie(app);
    String tampered = idOf(cookie) + ".AAAA";

    try (TestSocket none = TestSocket.welcomed(app, null);
        TestSocket forged = TestSocket.welcomed(app, tampered)) {
      assertThat(none.id()).matches("[A-Za-z0-9_-]{22}");
      assertThat(forged.id()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(idOf(cookie));
      assertThat(none.id()).isNotEqualTo(forged.id());
    }
  }

  @Test
  void callerInsideARealtimeCallIsTheCookiesClient() {
    String cookie = issueCookie(app);

    try (TestSocket s = TestSocket.welcomed(app, cookie)) {
      s.call(1, "Room.tell", "callerInsideARealtimeCall").expectAck(1);
    }

    assertThat(Room.seen.of("callerInsideARealtimeCall")).containsExactly(idOf(cookie));
  }

  // ---- ordering
  // ----------------------------------------------------------------------------------

  @Test
  void connectHandlersRunBeforeTheFirstMessageEvenWhenTheClientSendsAtOnce() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    Room.connectGate = new CountDownLatch(1);
    Room.gatedId = id;
    try (TestSocket s = TestSocket.open(app, cookie)) {
      await().until(() -> Room.seen.of(id).contains("connect waits"));
      s.call(1, "Room.note", "first").call(2, "Room.note", "second");
      // Not even the welcome: it follows the connect handlers.
      s.expectNothingYet();
      assertThat(Room.seen.of(id)).containsExactly("connect", "connect waits");

      Room.connectGate.countDown();

      s.expect(TestSocket.welcome(id, false, 0, 1_000_000, MAX_BYTES)).expectAcksUpTo(2);
      assertThat(Room.seen.of(id))
          .containsExactly("connect", "connect waits", "connect done", "note first", "note second");
    } finally {
      Room.gatedId = "";
      Room.connectGate.countDown();
    }
  }

  @Test
  void messagesOfOneClientAreProcessedInOrder() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      for (int i = 1; i <= 200; i++) {
        s.call(i, "Room.count", i);
      }
      s.expectAcksUpTo(200);

      List<String> expected = new ArrayList<>(List.of("connect"));
      for (int i = 1; i <= 200; i++) {
        expected.add("count " + i);
      }
      assertThat(Room.seen.of(s.id())).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aSlowHandlerOfOneClientDoesNotDelayAnotherNorStopItsSocketBeingRead() {
    Room.slowGate = new CountDownLatch(1);
    try (TestSocket a = TestSocket.welcomed(app, null);
        TestSocket b = TestSocket.welcomed(app, null)) {
      a.call(1, "Room.slow").call(2, "Room.note", "after slow");
      await().until(() -> Room.seen.of(a.id()).contains("slow started"));

      b.call(1, "Room.note", "meanwhile").expectAck(1);

      assertThat(Room.seen.of(b.id())).containsExactly("connect", "note meanwhile");
      assertThat(Room.seen.of(a.id())).containsExactly("connect", "slow started");
      // The slow handler runs on the handler pool, not on the thread that reads sockets: a's
      // socket is still read, and its ping answered, while the handler waits.
      a.send("{\"t\":\"ping\"}").expect(TestSocket.frame("t", "pong"));
      a.expectNothingArrived();

      Room.slowGate.countDown();

      a.expectAcksUpTo(2);
      assertThat(Room.seen.of(a.id()))
          .containsExactly("connect", "slow started", "slow done", "note after slow");
    } finally {
      Room.slowGate.countDown();
    }
  }

  @Test
  void disconnectHandlersRunOnceAfterTheLastMessage() {
    TestSocket s = TestSocket.welcomed(app, null);
    for (int i = 1; i <= 50; i++) {
      s.call(i, "Room.count", i);
    }
    s.closeCleanly();

    await().until(() -> Room.seen.of(s.id()).contains("disconnect"));
    List<String> expected = new ArrayList<>(List.of("connect"));
    for (int i = 1; i <= 50; i++) {
      expected.add("count " + i);
    }
    expected.add("disconnect");
    assertThat(Room.seen.of(s.id())).containsExactlyElementsOf(expected);
    s.close();
  }

  @Test
  void anAbortedConnectionRunsItsDisconnectHandlersOnce() {
    TestSocket s = TestSocket.welcomed(app, null);
    s.call(1, "Room.note", "last").expectAck(1);

    s.close();

    await().until(() -> Room.seen.of(s.id()).contains("disconnect"));
    assertThat(Room.seen.of(s.id())).containsExactly("connect", "note last", "disconnect");
  }

  // ---- frames from the browser
  // -------------------------------------------------------------------

  @Test
  void realtimeMethodThatReturnsAValueLogsThatTheValueIsLost() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.call(1, "Room.answer").expectAck(1);
      s.call(2, "Room.answer").expectAck(2);

      assertThat(Room.seen.of(s.id())).containsExactly("connect", "answer", "answer");
    }
    assertThat(TestApps.serverLog())
        .containsOnlyOnce(
            "WARN dev.violetear.internal.realtime.FrameDispatcher - Room.answer returned a value,"
                + " but realtime calls have no result: it is lost");
    // Logged once when the app started, in @BeforeAll.
    assertThat(CapturedLog.ofClass())
        .containsOnlyOnce(
            "WARN dev.violetear.app.App - @Server.Realtime method Room.answer returns int, but"
                + " realtime calls have no result");
  }

  @Test
  void emitFromAClientReachesServerHandlersWithTheSender() {
    String cookie = issueCookie(app);
    try (TestSocket s = TestSocket.welcomed(app, cookie)) {
      s.emit(1, "said", Map.of("text", "hello", "count", 2)).expectAck(1);
      s.emit(2, "poke", null).expectAck(2);

      assertThat(Room.seen.of(idOf(cookie))).containsExactly("connect", "said hello 2", "poked");
      assertThat(Room.seen.of("alsoSaid")).contains("hello");
    }
  }

  @Test
  void anEventNobodyHandlesIsAcknowledged() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.emit(1, "nobody_listens", 5).expectAck(1);
      s.emit(2, "nobody_listens", null).expectAck(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"start", "stop", "connect", "disconnect", "ready"})
  void browsersCannotEmitLifecycleEvents(String event) {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.emit(1, event, null)
          .expect(
              frame(
                  "t",
                  "error",
                  "type",
                  "ReservedEvent",
                  "message",
                  "browsers cannot emit the lifecycle event '"
                      + event
                      + "': only the framework raises it. Emit a custom event instead, such"
                      + " as 'user_joined'",
                  "seq",
                  1))
          .expectAck(1);

      s.call(2, "Room.note", "still open").expectAck(2);
      assertThat(Room.seen.of(s.id())).containsExactly("connect", "note still open");
    }
  }

  @Test
  void badFramesGetErrorsAndTheConnectionStaysUsable() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.send("{\"t\":\"call\"");
      s.expect(badFrame("the frame is not valid JSON (line 1, column 12)", null));
      s.send("[1]");
      s.expect(
          badFrame(
              "the frame must be a JSON object such as {\"t\":\"call\",...}, got an array", null));
      s.send("{\"t\":\"call\",\"fn\":\"Room.note\",\"args\":[\"x\"],\"seq\":\"5\"}");
      s.expect(badFrame("the frame's 'seq' must be a whole number, got a string", null));
      // The first frame with a seq the server can read is the page's first: seq 1.
      s.send("{\"t\":\"x\",\"seq\":1}");
      s.expect(badFrame("unknown frame type 'x'; expected call or emit", 1)).expectAck(1);
      s.send("{\"seq\":2}");
      s.expect(badFrame("the frame has no type 't'; expected call or emit", 2)).expectAck(2);
      s.send("{\"t\":\"call\",\"fn\":\"Room.note\",\"seq\":3}");
      s.expect(badFrame("the call of Room.note must have an array 'args', got none", 3))
          .expectAck(3);
      s.send("{\"t\":\"call\",\"args\":[],\"seq\":4}");
      s.expect(badFrame("the call frame must name its function in 'fn', like \"Chat.send\"", 4))
          .expectAck(4);
      s.send("{\"t\":\"emit\",\"seq\":5}");
      s.expect(badFrame("the emit frame must name its event in 'event', like \"game_started\"", 5))
          .expectAck(5);

      s.call(6, "Room.note", "fine").expectAck(6);
      assertThat(Room.seen.of(s.id())).containsExactly("connect", "note fine");
    }
  }

  @Test
  void badCallsGetTheMessagesOfRpcAndTheConnectionStaysUsable() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.call(1, "Room.nope")
          .expect(
              error(
                  "UnknownFunction",
                  "There is no function 'Room.nope' on the server: annotate a static method with"
                      + " @Server.Realtime and register its class with app.register(Room.class)",
                  1))
          .expectAck(1);
      s.call(2, "Room.move", 1)
          .expect(error("BadArguments", "Room.move takes 2 arguments (int x, int y) but got 1", 2))
          .expectAck(2);
      s.call(3, "Room.move", "1", 2)
          .expect(error("BadArguments", "Room.move parameter 'x' expects int: got a string", 3))
          .expectAck(3);
      s.emit(4, "said", "hello")
          .expect(
              error(
                  "BadData",
                  "Event 'said': Room.alsoSaid parameter 'm' expects Message: got a string",
                  4))
          .expectAck(4);
      s.emit(5, "said", Map.of("text", "x", "count", 1, "extra", true))
          .expect(
              error(
                  "BadData",
                  "Event 'said': Room.alsoSaid parameter 'm' expects Message: unknown property"
                      + " 'extra'",
                  5))
          .expectAck(5);

      s.call(6, "Room.move", 1, 2).expectAck(6);
      assertThat(Room.seen.of(s.id())).containsExactly("connect", "move 1,2");
    }
  }

  @Test
  void aFailingHandlerReportsARequestIdAndKeepsItsDetailsInTheLog() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.call(1, "Room.boom");
      JsonNode error = s.next();
      s.expectAck(1);
      s.emit(2, "explode", null);
      JsonNode eventError = s.next();
      s.expectAck(2);
      s.call(3, "Room.refuse").expect(error("Full", "The room is full", 3)).expectAck(3);

      String id = requestId(error, "Room.boom", 1);
      assertThat(error.toString()).doesNotContain("hunter2").doesNotContain("Exception");
      assertThat(TestApps.serverLog())
          .contains("Room.boom failed for client " + s.id() + " (request id " + id + ")")
          .contains("java.lang.IllegalStateException: secret detail hunter2");
      String eventId = requestId(eventError, "Room.explode", 2);
      assertThat(TestApps.serverLog())
          .contains(
              "Room.explode failed handling 'explode' from client "
                  + s.id()
                  + " (request id "
                  + eventId
                  + ")");
      s.call(4, "Room.note", "after errors").expectAck(4);
    }
  }

  // ---- limits
  // ------------------------------------------------------------------------------------

  @Test
  void anOversizeMessageClosesThatSocketWith1009AndOthersKeepWorking() {
    try (TestSocket other = TestSocket.welcomed(app, null);
        TestSocket big = TestSocket.welcomed(app, null)) {
      String under = "x".repeat((int) MAX_BYTES - 100);
      big.call(1, "Room.note", under).expectAck(1);

      big.call(2, "Room.note", "x".repeat((int) MAX_BYTES));

      assertThat(big.closeStatus()).isEqualTo(1009);
      await().until(() -> Room.seen.of(big.id()).contains("disconnect"));
      other.call(1, "Room.note", "still here").expectAck(1);
    }
  }

  @Test
  void theDropFaultClosesEverySocketWith1012AndRunsDisconnectHandlers() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      TestFaults.dropConnections();

      assertThat(s.closeStatus()).isEqualTo(1012);
      await().until(() -> Room.seen.of(s.id()).contains("disconnect"));
    }
    try (TestSocket after = TestSocket.welcomed(app, null)) {
      after.call(1, "Room.note", "new connections work").expectAck(1);
    }
  }

  @Test
  void aBinaryFrameClosesTheSocketWith1003() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));

      assertThat(s.closeStatus()).isEqualTo(1003);
    }
  }

  @Test
  void aClientThatFloodsTheServerIsDisconnectedWith1013() {
    // Frames wait on the server only behind a drain on the handler pool, here the connect
    // handlers; behind a handler that runs on the socket's own thread they wait in the network.
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    Room.connectGate = new CountDownLatch(1);
    Room.gatedId = id;
    try (TestSocket flood = TestSocket.open(app, cookie);
        TestSocket other = TestSocket.welcomed(app, null)) {
      await().until(() -> Room.seen.of(id).contains("connect waits"));
      // 4096 frames fill the queue behind the connect handler, and one more overflows it.
      for (int i = 1; i <= 4097; i++) {
        flood.send("{\"t\":\"call\",\"fn\":\"Room.count\",\"args\":[" + i + "],\"seq\":" + i + "}");
      }

      assertThat(flood.closeStatus()).isEqualTo(1013);
      other.call(1, "Room.note", "unaffected").expectAck(1);
    } finally {
      Room.gatedId = "";
      Room.connectGate.countDown();
    }
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  private static JsonNode badFrame(String message, Integer seq) {
    return error("BadFrame", message, seq);
  }

  private static JsonNode error(String type, String message, Integer seq) {
    return seq == null
        ? frame("t", "error", "type", type, "message", message)
        : frame("t", "error", "type", type, "message", message, "seq", seq);
  }

  /** Checks a generic server error frame and returns its request id. */
  private static String requestId(JsonNode error, String fn, int seq) {
    assertThat(error.get("t").asText()).isEqualTo("error");
    assertThat(error.get("type").asText()).isEqualTo("ServerError");
    assertThat(error.get("seq").asInt()).isEqualTo(seq);
    Matcher m =
        Pattern.compile(
                Pattern.quote(fn)
                    + " failed on the server \\(request id ([0-9a-f]{8})\\)\\. The details are in"
                    + " the server log\\.")
            .matcher(error.get("message").asText());
    assertThat(m.matches()).as(error.toString()).isTrue();
    return m.group(1);
  }
}
