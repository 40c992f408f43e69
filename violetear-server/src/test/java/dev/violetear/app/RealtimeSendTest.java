// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static dev.violetear.app.TestSocket.frame;
import static dev.violetear.app.TestSocket.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import dev.violetear.ClientCall;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server reaching browsers: invoke, broadcast, groups and events, and their checks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealtimeSendTest {
  record Item(String name, long id) {}

  static final class Toasts {
    @Client.Realtime
    static void toast(String message, String level) {}

    @Client.Realtime
    static void ping() {}

    @Client.Realtime
    static void ids(long id, List<Long> more) {}

    @Client.Realtime
    static void item(Item item) {}

    @Client.Realtime
    static void cursor(String who, double x, double y) {}

    @Client.Realtime
    static void line(int x1, int y1, int x2, int y2) {}

    @Client.On("score")
    static void score(int points) {}

    @Client.On("user_joined")
    static void joined(String name) {}

    @Client
    static String label(int n) {
      return "n" + n;
    }

    @Server.Realtime
    static void enter(String room) {
      App.current().clients().join(ClientId.caller(), room);
    }
  }

  static final class Unregistered {
    @Client.Realtime
    static void hello() {}
  }

  App app;

  @BeforeAll
  void startApp() {
    app = TestApps.start(a -> a.register(Toasts.class));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  // ---- invoke and broadcast
  // ----------------------------------------------------------------------

  @Test
  void invokeReachesOneClientOnly() {
    try (TestSocket a = TestSocket.welcomed(app, null);
        TestSocket b = TestSocket.welcomed(app, null)) {
      app.clients().to(a.clientId()).invoke(Toasts::toast, "Welcome", "info");
      app.clients().all().invoke(Toasts::ping);

      a.expect(invoke("Toasts.toast", "[\"Welcome\",\"info\"]"))
          .expect(invoke("Toasts.ping", "[]"));
      // Frames to one socket keep their order, so b would have seen the toast before the ping.
      b.expect(invoke("Toasts.ping", "[]"));
    }
  }

  @Test
  void invokeReachesEverySocketOfTheClient() {
    String cookie = issueCookie(app);
    try (TestSocket tab1 = TestSocket.welcomed(app, cookie);
        TestSocket tab2 = TestSocket.welcomed(app, cookie)) {
      app.clients().to(ClientId.of(idOf(cookie))).invoke(Toasts::ping);

      tab1.expect(invoke("Toasts.ping", "[]"));
      tab2.expect(invoke("Toasts.ping", "[]"));
    }
  }

  @Test
  void broadcastReachesEveryClientWithEveryArity() {
    try (TestSocket a = TestSocket.welcomed(app, null);
        TestSocket b = TestSocket.welcomed(app, null);
        TestSocket c = TestSocket.welcomed(app, null)) {
      app.clients().all().invoke(Toasts::ping);
      app.clients().all().invoke(Toasts::item, new Item("pen", 3));
      app.clients().all().invoke(Toasts::toast, "Restarting", "warn");
      app.clients().all().invoke(Toasts::cursor, "ada", 10.5, 20.0);
      app.clients().all().invoke(Toasts::line, 0, 0, 100, 50);

      for (TestSocket s : List.of(a, b, c)) {
        s.expect(invoke("Toasts.ping", "[]"))
            .expect(invoke("Toasts.item", "[{\"name\":\"pen\",\"id\":3}]"))
            .expect(invoke("Toasts.toast", "[\"Restarting\",\"warn\"]"))
            .expect(invoke("Toasts.cursor", "[\"ada\",10.5,20.0]"))
            .expect(invoke("Toasts.line", "[0,0,100,50]"));
      }
    }
  }

  @Test
  void invokeWithEveryArityToOneClient() {
    try (TestSocket a = TestSocket.welcomed(app, null)) {
      ClientId id = a.clientId();
      app.clients().to(id).invoke(Toasts::ping);
      app.clients().to(id).invoke(Toasts::item, new Item("cup", 1));
      app.clients().to(id).invoke(Toasts::cursor, "bo", 1.0, 2.5);
      app.clients().to(id).invoke(Toasts::line, 1, 2, 3, 4);

      a.expect(invoke("Toasts.ping", "[]"))
          .expect(invoke("Toasts.item", "[{\"name\":\"cup\",\"id\":1}]"))
          .expect(invoke("Toasts.cursor", "[\"bo\",1.0,2.5]"))
          .expect(invoke("Toasts.line", "[1,2,3,4]"));
    }
  }

  @Test
  void argumentsAreWrittenAsTheirDeclaredTypesWithLargeLongsAsStrings() {
    try (TestSocket a = TestSocket.welcomed(app, null)) {
      app.clients()
          .to(a.clientId())
          .invoke(Toasts::ids, 9007199254740993L, List.of(1L, 9007199254740993L));
      app.clients().to(a.clientId()).invoke(Toasts::item, new Item("big", 9007199254740993L));
      app.clients().to(a.clientId()).invoke(Toasts::toast, null, "info");

      a.expect(invoke("Toasts.ids", "[\"9007199254740993\",[1,\"9007199254740993\"]]"))
          .expect(invoke("Toasts.item", "[{\"name\":\"big\",\"id\":\"9007199254740993\"}]"))
          .expect(invoke("Toasts.toast", "[null,\"info\"]"));
    }
  }

  @Test
  void sendsToAClientThatIsNotConnectedAreDropped() {
    ClientId gone = ClientId.of("not-connected");

    app.clients().to(gone).invoke(Toasts::ping);
    app.clients().to(gone).emit("score", 1);
    app.clients().group("empty-group").invoke(Toasts::ping);
  }

  // ---- groups
  // ------------------------------------------------------------------------------------

  @Test
  void groupCallsAndEmitsReachItsMembersOnly() {
    try (TestSocket member = TestSocket.welcomed(app, null);
        TestSocket other = TestSocket.welcomed(app, null)) {
      member.call(1, "Toasts.enter", "room-1").expectAck(1);

      app.clients().group("room-1").invoke(Toasts::toast, "Hi room", "info");
      app.clients().group("room-1").emit("user_joined", "Ada");
      app.clients().group("room-1").invoke(Toasts::ping);
      app.clients().group("room-1").invoke(Toasts::cursor, "ada", 1.0, 1.0);
      app.clients().group("room-1").invoke(Toasts::line, 1, 1, 2, 2);
      app.clients().group("room-1").invoke(Toasts::item, new Item("key", 7));
      app.clients().all().invoke(Toasts::ping);

      member
          .expect(invoke("Toasts.toast", "[\"Hi room\",\"info\"]"))
          .expect(frame("t", "emit", "event", "user_joined", "data", "Ada"))
          .expect(invoke("Toasts.ping", "[]"))
          .expect(invoke("Toasts.cursor", "[\"ada\",1.0,1.0]"))
          .expect(invoke("Toasts.line", "[1,1,2,2]"))
          .expect(invoke("Toasts.item", "[{\"name\":\"key\",\"id\":7}]"))
          .expect(invoke("Toasts.ping", "[]"));
      other.expect(invoke("Toasts.ping", "[]"));
    }
  }

  @Test
  void groupMembershipSurvivesAReconnectWithTheSameCookie() {
    String cookie = issueCookie(app);
    TestSocket before = TestSocket.welcomed(app, cookie);
    before.call(1, "Toasts.enter", "room-2").expectAck(1);
    before.closeCleanly();
    before.close();

    try (TestSocket after = TestSocket.welcomed(app, cookie);
        TestSocket stranger = TestSocket.welcomed(app, null)) {
      app.clients().group("room-2").invoke(Toasts::toast, "Welcome back", "info");
      app.clients().all().invoke(Toasts::ping);

      after
          .expect(invoke("Toasts.toast", "[\"Welcome back\",\"info\"]"))
          .expect(invoke("Toasts.ping", "[]"));
      stranger.expect(invoke("Toasts.ping", "[]"));
    }
  }

  @Test
  void aClientThatLeftIsNoLongerReached() {
    try (TestSocket a = TestSocket.welcomed(app, null)) {
      app.clients().join(a.clientId(), "room-3");
      app.clients().join(a.clientId(), "room-3");
      assertThat(app.clients().members("room-3")).containsExactly(a.clientId());
      app.clients().leave(a.clientId(), "room-3");
      assertThat(app.clients().members("room-3")).isEmpty();
      app.clients().leave(a.clientId(), "room-never-joined");

      app.clients().group("room-3").invoke(Toasts::toast, "Missed", "info");
      app.clients().to(a.clientId()).invoke(Toasts::ping);

      a.expect(invoke("Toasts.ping", "[]"));
    }
  }

  // ---- events to browsers
  // ------------------------------------------------------------------------

  @Test
  void emitToAndEmitToAllSendEmitFrames() {
    try (TestSocket a = TestSocket.welcomed(app, null);
        TestSocket b = TestSocket.welcomed(app, null)) {
      app.clients().to(a.clientId()).emit("score", 3);
      app.clients().all().emit("user_joined", "Bo");
      app.clients().all().emit("user_joined", null);
      app.clients().all().emit("only_plain_js_listens", List.of(1, 2));

      a.expect(frame("t", "emit", "event", "score", "data", 3));
      for (TestSocket s : List.of(a, b)) {
        s.expect(frame("t", "emit", "event", "user_joined", "data", "Bo"))
            .expect(frame("t", "emit", "event", "user_joined", "data", null))
            .expect(frame("t", "emit", "event", "only_plain_js_listens", "data", json("[1,2]")));
      }
    }
  }

  // ---- checks
  // ------------------------------------------------------------------------------------

  @Test
  void aLambdaIsRejected() {
    ClientCall.Of1<String> lambda = text -> {};

    assertThatThrownBy(() -> app.clients().all().invoke(lambda, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot call a lambda (declared in RealtimeSendTest) in browsers: pass a method"
                + " reference to a @Client.Realtime method, for example Chat::toast.");
  }

  @Test
  void aMethodThatIsNotClientRealtimeIsRejected() {
    assertThatThrownBy(() -> app.clients().to(ClientId.of("x")).invoke(Toasts::label, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Toasts.label is not a @Client.Realtime method, so the server cannot call it in"
                + " browsers: annotate it with @Client.Realtime (static, void, JSON parameters).");
    assertThatThrownBy(() -> app.clients().all().invoke(Toasts::enter, "room"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Toasts.enter is not a @Client.Realtime method, so the server cannot call it in"
                + " browsers: annotate it with @Client.Realtime (static, void, JSON parameters).");
  }

  @Test
  void aClientRealtimeMethodOfAnUnregisteredClassIsRejected() {
    assertThatThrownBy(() -> app.clients().group("room").invoke(Unregistered::hello))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unregistered.hello is a @Client.Realtime method, but its class is not registered:"
                + " add app.register(Unregistered.class) before start().");
  }

  @Test
  void anInstanceOfAnOrdinaryClassIsRejected() {
    ClientCall.Of0 plain = new PlainCall();

    assertThatThrownBy(() -> app.clients().all().invoke(plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot call an instance of dev.violetear.app.RealtimeSendTest$PlainCall in browsers:"
                + " pass a method reference to a @Client.Realtime method, for example"
                + " Chat::toast.");
  }

  static final class PlainCall implements ClientCall.Of0 {
    private static final long serialVersionUID = 1L;

    @Override
    public void call() {}
  }

  @Test
  void nullForAPrimitiveParameterIsRejected() {
    assertThatThrownBy(() -> app.clients().all().invoke(Toasts::line, 1, null, 3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Toasts.line parameter 'y1' is an int and cannot be null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"start", "stop", "connect", "disconnect", "ready"})
  void lifecycleEventsCannotBeEmitted(String event) {
    String message =
        "'"
            + event
            + "' is a lifecycle event, which only the framework raises; emit a custom event"
            + " instead, such as 'user_joined'";
    assertThatThrownBy(() -> app.clients().all().emit(event, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> app.clients().to(ClientId.of("x")).emit(event, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> app.clients().group("room").emit(event, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> app.emit(event, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void badEventNamesAndDataAreRejected() {
    assertThatThrownBy(() -> app.clients().all().emit("game started", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'game started' is not a valid event name; use letters, digits and _ . : - (starting"
                + " with a letter), like 'game_started'");
    assertThatThrownBy(() -> app.clients().all().emit("score", "three"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The data of event 'score' must be int, the type its handlers declare, but got"
                + " String");
    assertThatThrownBy(() -> app.clients().all().emit("score", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The data of event 'score' must be int, the type its handlers declare, but got null");
  }

  @Test
  void argumentsAreChecked() {
    ClientId id = ClientId.of("x");
    assertThatThrownBy(() -> app.clients().to((ClientId) null).invoke(Toasts::ping))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id == null");
    assertThatThrownBy(() -> app.clients().to(id).invoke((ClientCall.Of0) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("method == null");
    assertThatThrownBy(() -> app.clients().group((String) null).invoke(Toasts::ping))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("group == null");
    assertThatThrownBy(() -> app.clients().group(" ").invoke(Toasts::ping))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group must not be blank");
    assertThatThrownBy(() -> app.clients().join(id, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group must not be blank");
    assertThatThrownBy(() -> app.clients().all().emit(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event == null");
  }

  @Test
  void sendsNeedARunningApp() {
    App idle = App.create("Idle").register(Toasts.class);
    ClientId id = ClientId.of("x");

    assertThatThrownBy(() -> idle.clients().to(id).invoke(Toasts::ping))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not started: call start() first");
    assertThatThrownBy(() -> idle.clients().all().invoke(Toasts::ping))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not started: call start() first");
    assertThatThrownBy(() -> idle.clients().all().emit("score", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not started: call start() first");
    assertThatThrownBy(() -> idle.emit("score", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not started: call start() first");
    // Membership belongs to the app, not to the running server.
    idle.clients().join(id, "room");
    idle.clients().leave(id, "room");

    App stopped = TestApps.start(a -> a.register(Toasts.class));
    stopped.stop();
    assertThatThrownBy(() -> stopped.clients().group("room").invoke(Toasts::ping))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stopped");
    assertThatThrownBy(() -> stopped.clients().to(id).emit("score", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stopped");
  }

  private static JsonNode invoke(String fn, String args) {
    return frame("t", "invoke", "fn", fn, "args", json(args));
  }
}
