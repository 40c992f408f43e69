// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.error;
import static dev.violetear.app.TestApps.rpc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Server;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The origin check on RPC calls and socket upgrades: another site's page may not call the app with
 * its visitors' cookies, unless the app lists that site in {@code AppConfig.allowedOrigins}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OriginCheckTest {
  static final class Echo {
    @Server.Rpc
    static String ping() {
      return "pong";
    }
  }

  /** Only its own origin may call it. */
  App app;

  /** Lists one other site, and pages without an origin. */
  App allowing;

  @BeforeAll
  void startApps() {
    app = TestApps.start(a -> a.register(Echo.class));
    allowing =
        TestApps.start(
            c -> c.allowedOrigins("https://app.example.com", "null"), a -> a.register(Echo.class));
  }

  @AfterAll
  void stopApps() {
    for (App a : new App[] {app, allowing}) {
      if (a != null) {
        a.stop();
      }
    }
  }

  private static String self(App a) {
    return "http://localhost:" + a.port();
  }

  private static HttpResponse<String> ping(App a, String origin) {
    return rpc(a, "Echo.ping", "{\"args\":[]}", "Origin", origin);
  }

  private static String refusal(String origin) {
    return error(
        "ForbiddenOrigin",
        "Origin '"
            + origin
            + "' may not call this app; add it with AppConfig.allowedOrigins(...) if it should");
  }

  @Test
  void theAppsOwnPagesMayCall() {
    HttpResponse<String> response = ping(app, self(app));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"result\":\"pong\"}");
    // Browsers send lower case and no default port, but the comparison does not depend on it.
    assertThat(ping(app, "HTTP://LocalHost:" + app.port()).statusCode()).isEqualTo(200);
  }

  @Test
  void programsThatSendNoOriginMayCall() {
    HttpResponse<String> response = rpc(app, "Echo.ping", "{\"args\":[]}");
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void otherSitesAreRefusedWith403AndNoCookie() {
    int port = app.port();
    for (String origin :
        List.of(
            "https://evil.example",
            "https://localhost:" + port, // another scheme
            "http://127.0.0.1:" + port, // another host, though the same machine
            "http://localhost:" + (port == 65_535 ? port - 1 : port + 1), // another port
            "http://localhost", // the default port, 80
            "null", // a sandboxed frame or a file
            "http://localhost:" + port + "/", // not an origin at all
            "localhost:" + port)) {
      HttpResponse<String> response = ping(app, origin);
      assertThat(response.statusCode()).as(origin).isEqualTo(403);
      assertThat(response.body()).as(origin).isEqualTo(refusal(origin));
      assertThat(TestApps.mediaType(response)).isEqualTo("application/json;charset=utf-8");
      assertThat(TestApps.clientCookie(response)).as(origin).isNull();
    }
  }

  @Test
  void theOriginIsCheckedBeforeTheFunctionOrTheBody() {
    HttpResponse<String> response =
        rpc(app, "No.such", "not json", "Origin", "https://evil.example");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo(refusal("https://evil.example"));
  }

  @Test
  void aHugeOriginIsShortenedInTheAnswer() {
    String origin = "https://" + "a".repeat(300) + ".example";
    HttpResponse<String> response = ping(app, origin);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo(refusal(origin.substring(0, 100) + "..."));
  }

  @Test
  void eachRefusedOriginIsLoggedOnce() {
    String origin = "https://once-" + System.nanoTime() + ".example";
    assertThat(ping(app, origin).statusCode()).isEqualTo(403);
    assertThat(ping(app, origin).statusCode()).isEqualTo(403);
    assertThatThrownBy(() -> openSocket(app, origin)).isInstanceOf(CompletionException.class);

    String log = TestApps.serverLog();
    assertThat(Pattern.compile(Pattern.quote(origin)).matcher(log).results().count()).isEqualTo(1);
    assertThat(log)
        .contains(
            "WARN dev.violetear.internal.security.OriginPolicy - Refused a call to Echo.ping from"
                + " origin '"
                + origin
                + "', which is not the app's own origin '"
                + self(app)
                + "' nor one of AppConfig.allowedOrigins; add it there if that site should reach"
                + " the app. Further refusals of this origin are logged at debug level");
  }

  @Test
  void aSocketFromAnotherSiteIsRefusedWith403BeforeItOpens() {
    String origin = "https://evil.example";
    assertThatThrownBy(() -> openSocket(app, origin))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> {
              HttpResponse<?> response = e.getResponse();
              assertThat(response.statusCode()).isEqualTo(403);
              assertThat(response.body()).isEqualTo(refusal(origin));
            });

    // The app's own pages still get their socket.
    try (RawSocket own = openSocket(app, self(app))) {
      assertThat(own.next()).contains("\"t\":\"welcome\"");
    }
    try (TestSocket noOrigin = TestSocket.welcomed(app, null)) {
      assertThat(noOrigin.id()).isNotEmpty();
    }
    for (String other : List.of("null", "https://localhost:" + app.port())) {
      assertThatThrownBy(() -> openSocket(app, other))
          .as(other)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }
  }

  @Test
  void listedOriginsMayCallBesidesTheAppsOwn() {
    for (String origin :
        List.of(
            "https://app.example.com",
            "https://APP.example.com:443", // the same origin, written another way
            "null",
            self(allowing))) {
      HttpResponse<String> response = ping(allowing, origin);
      assertThat(response.statusCode()).as(origin).isEqualTo(200);
    }
    for (String origin :
        List.of("http://app.example.com", "https://app.example.com:8443", "https://example.com")) {
      HttpResponse<String> response = ping(allowing, origin);
      assertThat(response.statusCode()).as(origin).isEqualTo(403);
      assertThat(response.body()).as(origin).isEqualTo(refusal(origin));
    }
    try (RawSocket listed = openSocket(allowing, "https://app.example.com")) {
      assertThat(listed.next()).contains("\"t\":\"welcome\"");
    }
    assertThatThrownBy(() -> openSocket(allowing, "https://example.com"))
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void allowedOriginsMustBeOrigins() {
    for (String bad :
        List.of(
            "https://app.example.com/",
            "https://app.example.com/app",
            "app.example.com",
            "https://app.example.com?x=1",
            "https://user@app.example.com",
            "https://app.example.com:70000",
            "https://app.example.com:0",
            "",
            " https://app.example.com")) {
      assertThatThrownBy(() -> App.create("Test", c -> c.allowedOrigins(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "allowedOrigins: '"
                  + bad
                  + "' is not an origin; write scheme://host or scheme://host:port, like"
                  + " 'https://app.example.com', with no path or trailing slash");
    }
    for (String wildcard : List.of("*", "https://*.example.com")) {
      assertThatThrownBy(() -> App.create("Test", c -> c.allowedOrigins(wildcard)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "allowedOrigins: '"
                  + wildcard
                  + "' has a wildcard; list each origin that may call the app, like"
                  + " 'https://app.example.com'");
    }
    assertThatThrownBy(
            () -> App.create("Test", c -> c.allowedOrigins("https://app.example.com", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("origins[1] == null");
    assertThatThrownBy(() -> App.create("Test", c -> c.allowedOrigins((String[]) null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("origins == null");
  }

  /** Opens a socket that sends an {@code Origin} header, as a browser does. */
  private static RawSocket openSocket(App a, String origin) {
    return RawSocket.open(a, "Origin", origin);
  }
}
