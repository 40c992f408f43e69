// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.error;
import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static dev.violetear.app.TestApps.rpc;
import static dev.violetear.app.TestSocket.frame;
import static dev.violetear.app.TestSocket.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.VioletearException;
import dev.violetear.internal.Caller;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The app's guard: it sees every RPC call and socket handshake, refuses with 401 or 403 before
 * anything else runs, and what it accepts is the principal handlers read; {@code @Server.SignedIn}
 * methods refuse anonymous callers on both transports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GuardTest {
  record User(String name) {}

  static final class Desk {
    static final Seen seen = new Seen();

    @Server.Rpc
    static String whoami() {
      return nameOf() + " as " + ClientId.caller().value();
    }

    @Server.Rpc
    @Server.SignedIn
    static String post(String text) {
      seen.add("post", text);
      return Principal.current(User.class).orElseThrow().name() + ": " + text;
    }

    @Server.Rpc
    static String askForAnotherType() {
      return Principal.current(String.class).orElse("none");
    }

    @Server.Realtime
    static void note(String key) {
      seen.add(key, "note " + nameOf());
    }

    @Server.Realtime
    @Server.SignedIn
    static void shout(String key) {
      seen.add(key, "shout " + nameOf());
    }

    @Server.On("waved")
    static void waved(String key) {
      seen.add(key, "waved " + nameOf());
    }

    @Server.On("connect")
    static void connected(ClientId id) {
      seen.add(id, "connect " + nameOf());
    }

    private static String nameOf() {
      return Principal.current(User.class).map(User::name).orElse("anonymous");
    }
  }

  /** The guard of the app under test: "Authorization: Bearer NAME" signs NAME in. */
  static User check(GuardRequest request) {
    String key = request.header("X-Test-Key");
    if (key != null) {
      Desk.seen.add(
          key,
          "guard "
              + request.isHandshake()
              + " "
              + request.path()
              + " "
              + request.clientId().value()
              + " "
              + request.cookie("flavour"));
    }
    String auth = request.header("authorization");
    if (auth == null) {
      return null;
    }
    String name = auth.substring("Bearer ".length());
    switch (name) {
      case "expired":
        throw GuardRejection.unauthorized("Your session has expired: sign in again.");
      case "suspended":
        throw GuardRejection.forbidden("This account is suspended.");
      case "crash":
        throw new IllegalStateException("guard secret detail hunter2");
      default:
        return new User(name);
    }
  }

  App app;
  private static final AtomicInteger keys = new AtomicInteger();

  @BeforeAll
  void startApp() {
    app = TestApps.start(a -> a.register(Desk.class).guard(User.class, GuardTest::check));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  private static String key() {
    return "k" + keys.incrementAndGet();
  }

  private static String bearer(String name) {
    return "Bearer " + name;
  }

  // ---- RPC -----------------------------------------------------------------------------------

  @Test
  void anAcceptedCallReachesTheHandlerWithItsPrincipal() {
    String cookie = issueCookie(app);
    HttpResponse<String> response =
        rpc(
            app,
            "Desk.whoami",
            "{\"args\":[]}",
            "Authorization",
            bearer("ada"),
            "Cookie",
            "violetear_client=" + cookie);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"result\":\"ada as " + idOf(cookie) + "\"}");

    HttpResponse<String> posted =
        rpc(app, "Desk.post", "{\"args\":[\"hello\"]}", "Authorization", bearer("grace"));
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).isEqualTo("{\"result\":\"grace: hello\"}");
  }

  @Test
  void anAnonymousCallerReachesMethodsThatDoNotRequireAPrincipal() {
    HttpResponse<String> response = rpc(app, "Desk.whoami", "{\"args\":[]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"result\":\"anonymous as ");
  }

  @Test
  void aSignedInMethodRefusesAnAnonymousCallWith401AndDoesNotRun() {
    HttpResponse<String> response = rpc(app, "Desk.post", "{\"args\":[\"anonymous note\"]}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(TestApps.mediaType(response)).isEqualTo("application/json;charset=utf-8");
    assertThat(response.body())
        .isEqualTo(
            error("Unauthenticated", "Sign in first: Desk.post is only for signed-in users."));
    assertThat(Desk.seen.of("post")).doesNotContain("anonymous note");
  }

  @Test
  void anUnauthenticatedCallIsRefusedWith401BeforeItsBodyIsRead() {
    HttpResponse<String> response =
        rpc(app, "Desk.post", "not json", "Authorization", bearer("expired"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .isEqualTo(error("Unauthenticated", "Your session has expired: sign in again."));
    // Even a function that does not exist: the guard answers first.
    HttpResponse<String> unknown =
        rpc(app, "No.such", "{\"args\":[]}", "Authorization", bearer("expired"));
    assertThat(unknown.statusCode()).isEqualTo(401);
  }

  @Test
  void aForbiddenCallIsRefusedWith403AndDoesNotRun() {
    HttpResponse<String> response =
        rpc(
            app,
            "Desk.post",
            "{\"args\":[\"suspended note\"]}",
            "Authorization",
            bearer("suspended"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo(error("Forbidden", "This account is suspended."));
    assertThat(Desk.seen.of("post")).doesNotContain("suspended note");
  }

  @Test
  void theGuardSeesTheRequestAndTheClient() {
    String key = key();
    String cookie = issueCookie(app);
    rpc(
        app,
        "Desk.whoami",
        "{\"args\":[]}",
        "X-Test-Key",
        key,
        "Cookie",
        "violetear_client=" + cookie + "; flavour=mint");

    assertThat(Desk.seen.of(key))
        .containsExactly("guard false /_violetear/rpc/Desk.whoami " + idOf(cookie) + " mint");
  }

  @Test
  void anotherSitesCallIsRefusedBeforeTheGuardRuns() {
    String key = key();
    HttpResponse<String> response =
        rpc(
            app,
            "Desk.whoami",
            "{\"args\":[]}",
            "Origin",
            "https://evil.example",
            "X-Test-Key",
            key,
            "Authorization",
            bearer("ada"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("ForbiddenOrigin");
    assertThat(Desk.seen.of(key)).isEmpty();
    // Refused before its body was read: the connection ends, so no later call is sent on it.
    assertThat(response.headers().firstValue("Connection")).hasValue("close");
  }

  @Test
  void aCallWhoseBodyWasReadKeepsItsConnection() {
    HttpResponse<String> response =
        rpc(app, "Desk.whoami", "{\"args\":[]}", "Authorization", bearer("ada"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Connection")).isEmpty();
  }

  @Test
  void aGuardThatFailsGets500WithARequestIdAndOthersAreStillServed() {
    HttpResponse<String> response =
        rpc(app, "Desk.whoami", "{\"args\":[]}", "Authorization", bearer("crash"));

    assertThat(response.statusCode()).isEqualTo(500);
    Matcher m =
        Pattern.compile(
                "\\{\"error\":\\{\"type\":\"ServerError\",\"message\":\"The app's guard failed on"
                    + " the server \\(request id ([0-9a-f]{8})\\). The details are in the server"
                    + " log.\"}}")
            .matcher(response.body());
    assertThat(m.matches()).as(response.body()).isTrue();
    assertThat(response.body()).doesNotContain("hunter2");
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(TestApps.serverLog())
                    .contains(
                        "ERROR dev.violetear.internal.security.AppGuard - The app's guard failed on a"
                            + " call to Desk.whoami from client ")
                    .contains(
                        "(request id "
                            + m.group(1)
                            + "); the request was refused. A guard returns a principal or null,"
                            + " or throws GuardRejection to refuse")
                    .contains("guard secret detail hunter2"));

    HttpResponse<String> next =
        rpc(app, "Desk.whoami", "{\"args\":[]}", "Authorization", bearer("ada"));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).startsWith("{\"result\":\"ada as ");
  }

  @Test
  void askingForAnotherTypeOfPrincipalNamesTheTypeToAskFor() throws Exception {
    assertThatThrownBy(
            () ->
                Caller.with(
                    null,
                    ClientId.of("someone"),
                    new User("ada"),
                    () -> Principal.current(String.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Principal.current(String.class): the caller's principal is a"
                + " 'dev.violetear.app.GuardTest$User'; ask for the type given to App.guard(...)");
    assertThat(
            Caller.with(
                null,
                ClientId.of("someone"),
                null,
                () -> Principal.current(User.class).isPresent()))
        .isFalse();
    // Over the wire, the handler's mistake is a server error like any other.
    HttpResponse<String> response =
        rpc(app, "Desk.askForAnotherType", "{\"args\":[]}", "Authorization", bearer("ada"));
    assertThat(response.statusCode()).isEqualTo(500);
  }

  @Test
  void principalIsReadOnlyInHandlers() {
    assertThatThrownBy(() -> Principal.current(User.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Principal.current() works only while the server handles a browser's message: in a"
                + " @Server.Rpc or @Server.Realtime method, or a @Server.On handler of a client's"
                + " connect, disconnect or emitted event. Pass the principal as a value to code"
                + " that runs elsewhere.");
  }

  // ---- socket handshake ----------------------------------------------------------------------

  @Test
  void anUnauthenticatedHandshakeIsRefusedWith401AndNoSocket() {
    assertRefused(
        List.of("Authorization", bearer("expired")),
        401,
        error("Unauthenticated", "Your session has expired: sign in again."));
  }

  @Test
  void aForbiddenHandshakeIsRefusedWith403AndNoSocket() {
    assertRefused(
        List.of("Authorization", bearer("suspended")),
        403,
        error("Forbidden", "This account is suspended."));
  }

  @Test
  void aHandshakeWhoseGuardFailsIsRefusedWith500AndOthersStillConnect() {
    assertThatThrownBy(() -> RawSocket.open(app, "Authorization", bearer("crash")))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> {
              assertThat(e.getResponse().statusCode()).isEqualTo(500);
              assertThat(String.valueOf(e.getResponse().body()))
                  .startsWith(
                      "{\"error\":{\"type\":\"ServerError\",\"message\":\"The app's guard failed")
                  .doesNotContain("hunter2");
            });

    try (RawSocket ada = RawSocket.open(app, "Authorization", bearer("ada"))) {
      assertThat(json(ada.next()).get("t").asText()).isEqualTo("welcome");
    }
  }

  @Test
  void theGuardSeesTheHandshakeAndTheSocketIsTheClientItSaw() {
    String key = key();
    String cookie = issueCookie(app);
    try (RawSocket socket =
        RawSocket.open(
            app, "X-Test-Key", key, "Cookie", "violetear_client=" + cookie + "; flavour=lemon")) {
      JsonNode welcome = json(socket.next());
      assertThat(welcome.get("clientId").asText()).isEqualTo(idOf(cookie));
    }
    assertThat(Desk.seen.of(key))
        .containsExactly("guard true /_violetear/ws " + idOf(cookie) + " lemon");

    // Without a valid cookie the socket gets a fresh id: the one the guard saw.
    String fresh = key();
    try (RawSocket socket = RawSocket.open(app, "X-Test-Key", fresh)) {
      String id = json(socket.next()).get("clientId").asText();
      assertThat(Desk.seen.of(fresh)).containsExactly("guard true /_violetear/ws " + id + " null");
    }
  }

  @Test
  void anAcceptedSocketRunsItsHandlersWithTheHandshakesPrincipal() {
    String key = key();
    try (RawSocket socket = RawSocket.open(app, "Authorization", bearer("ada"))) {
      String id = json(socket.next()).get("clientId").asText();

      socket.send(frame("t", "call", "fn", "Desk.note", "args", List.of(key), "seq", 1).toString());
      assertThat(json(socket.next())).isEqualTo(frame("t", "ack", "seq", 1));
      socket.send(
          frame("t", "call", "fn", "Desk.shout", "args", List.of(key), "seq", 2).toString());
      assertThat(json(socket.next())).isEqualTo(frame("t", "ack", "seq", 2));
      socket.send(frame("t", "emit", "event", "waved", "data", key, "seq", 3).toString());
      assertThat(json(socket.next())).isEqualTo(frame("t", "ack", "seq", 3));

      assertThat(Desk.seen.of(key)).containsExactly("note ada", "shout ada", "waved ada");
      assertThat(Desk.seen.of(id)).containsExactly("connect ada");
    }
  }

  @Test
  void aSignedInMethodRefusesAnAnonymousSocketWithAnErrorFrameAndTheSocketStaysOpen() {
    String key = key();
    try (RawSocket socket = RawSocket.open(app)) {
      String id = json(socket.next()).get("clientId").asText();

      socket.send(
          frame("t", "call", "fn", "Desk.shout", "args", List.of(key), "seq", 1).toString());
      assertThat(json(socket.next()))
          .isEqualTo(
              frame(
                  "t",
                  "error",
                  "type",
                  "Unauthenticated",
                  "message",
                  "Sign in first: Desk.shout is only for signed-in users, and this connection was"
                      + " opened signed out (reconnect after signing in).",
                  "seq",
                  1));
      assertThat(json(socket.next())).isEqualTo(frame("t", "ack", "seq", 1));

      socket.send(frame("t", "call", "fn", "Desk.note", "args", List.of(key), "seq", 2).toString());
      assertThat(json(socket.next())).isEqualTo(frame("t", "ack", "seq", 2));
      assertThat(Desk.seen.of(key)).containsExactly("note anonymous");
      assertThat(Desk.seen.of(id)).containsExactly("connect anonymous");
      assertThat(socket.isClosed()).isFalse();
    }
  }

  // ---- registration ----------------------------------------------------------------------------

  static final class Locked {
    @Server.Rpc
    @Server.SignedIn
    static void open() {}

    @Server.Realtime
    @Server.SignedIn
    static void knock() {}
  }

  @Test
  void aSignedInMethodInAnAppWithoutAGuardFailsTheStart() {
    App unguarded = App.create("Test", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE));
    unguarded.register(Locked.class);
    assertThatThrownBy(() -> unguarded.start(0))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "Locked.open, Locked.knock have @Server.SignedIn, but the app has no guard, so no"
                + " caller is ever signed in: register one with app.guard(User.class, request ->"
                + " ...) before start()");
  }

  @Test
  void anAppHasOneGuardSetBeforeItStarts() {
    App twice = App.create("Test").guard(User.class, request -> null);
    assertThatThrownBy(() -> twice.guard(User.class, request -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The app already has a guard; an app has one guard, so make one that does every"
                + " check");
    assertThatThrownBy(() -> app.guard(User.class, request -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("already started");
    assertThatThrownBy(() -> App.create("Test").guard(null, request -> null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("type == null");
    assertThatThrownBy(() -> App.create("Test").guard(User.class, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("guard == null");
  }

  private void assertRefused(List<String> headers, int status, String body) {
    String key = key();
    String[] all = new String[headers.size() + 2];
    headers.toArray(all);
    all[all.length - 2] = "X-Test-Key";
    all[all.length - 1] = key;
    assertThatThrownBy(() -> RawSocket.open(app, all))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> {
              assertThat(e.getResponse().statusCode()).isEqualTo(status);
              assertThat(e.getResponse().body()).isEqualTo(body);
            });
    // The guard ran once, on the handshake, and no socket opened: no connect handler ran.
    assertThat(Desk.seen.of(key)).hasSize(1);
    String seen = Desk.seen.of(key).get(0);
    assertThat(seen).startsWith("guard true /_violetear/ws ");
    assertThat(Desk.seen.of(seen.split(" ")[3])).isEmpty();
  }
}
