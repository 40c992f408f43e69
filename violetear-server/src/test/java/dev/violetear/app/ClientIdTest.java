// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.clientCookie;
import static dev.violetear.app.TestApps.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientIdTest {
  static final class Who {
    @Server.Rpc
    static String whoAmI() {
      return ClientId.caller().value();
    }
  }

  App app;
  App twin;

  @BeforeAll
  void startApps() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    app =
        TestApps.start(
            config -> config.clientIdSecret(secret),
            a -> a.register(Who.class).view("/", () -> Document.titled("Hi").body(Html.p())));
    // A second node of the same app: same secret, so it accepts the first one's cookies.
    twin = TestApps.start(config -> config.clientIdSecret(secret), a -> a.register(Who.class));
  }

  @AfterAll
  void stopApps() {
    if (app != null) {
      app.stop();
    }
    if (twin != null) {
      twin.stop();
    }
  }

  @Test
  void callWithoutCookieGetsASignedCookie() {
    HttpResponse<String> response = rpc(app, "Who.whoAmI", "{\"args\":[]}");

    String cookie = clientCookie(response);
    assertThat(cookie).matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    String id = cookie.substring(0, cookie.indexOf('.'));
    assertThat(response.body()).isEqualTo("{\"result\":\"" + id + "\"}");
    assertThat(response.headers().allValues("Set-Cookie"))
        .containsExactly("violetear_client=" + cookie + "; Path=/; HttpOnly; SameSite=Lax");
  }

  @Test
  void callerIsStableAcrossCallsThatShareTheCookie() {
    HttpResponse<String> first = rpc(app, "Who.whoAmI", "{\"args\":[]}");
    String cookie = clientCookie(first);

    HttpResponse<String> second =
        rpc(app, "Who.whoAmI", "{\"args\":[]}", "Cookie", "violetear_client=" + cookie);

    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void callerDiffersWithoutTheCookie() {
    HttpResponse<String> first = rpc(app, "Who.whoAmI", "{\"args\":[]}");
    HttpResponse<String> second = rpc(app, "Who.whoAmI", "{\"args\":[]}");

    assertThat(second.body()).isNotEqualTo(first.body());
    assertThat(clientCookie(second)).isNotEqualTo(clientCookie(first));
  }

  @Test
  void tamperedCookieIsReplaced() {
    String cookie = clientCookie(rpc(app, "Who.whoAmI", "{\"args\":[]}"));
    String id = cookie.substring(0, cookie.indexOf('.'));
    char last = cookie.charAt(cookie.length() - 1);
    String tampered = cookie.substring(0, cookie.length() - 1) + (last == 'A' ? 'B' : 'A');

    HttpResponse<String> response =
        rpc(app, "Who.whoAmI", "{\"args\":[]}", "Cookie", "violetear_client=" + tampered);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isNotEqualTo("{\"result\":\"" + id + "\"}");
    String replacement = clientCookie(response);
    assertThat(replacement).isNotNull().isNotEqualTo(cookie);
    assertThat(response.body())
        .isEqualTo("{\"result\":\"" + replacement.substring(0, replacement.indexOf('.')) + "\"}");
  }

  @Test
  void forgedIdWithoutSignatureIsReplaced() {
    HttpResponse<String> response =
        rpc(app, "Who.whoAmI", "{\"args\":[]}", "Cookie", "violetear_client=admin");

    assertThat(response.body()).isNotEqualTo("{\"result\":\"admin\"}");
    assertThat(clientCookie(response)).isNotNull();
  }

  @Test
  void pageViewIssuesTheCookieThatCallsThenUse() {
    HttpResponse<String> page = TestApps.get(app, "/");
    String cookie = clientCookie(page);
    assertThat(cookie).isNotNull();

    HttpResponse<String> call =
        rpc(app, "Who.whoAmI", "{\"args\":[]}", "Cookie", "violetear_client=" + cookie);

    assertThat(call.body())
        .isEqualTo("{\"result\":\"" + cookie.substring(0, cookie.indexOf('.')) + "\"}");
    assertThat(
            TestApps.get(app, "/", "Cookie", "violetear_client=" + cookie)
                .headers()
                .allValues("Set-Cookie"))
        .isEmpty();
  }

  @Test
  void appsWithTheSameSecretAcceptEachOthersCookies() {
    HttpResponse<String> first = rpc(app, "Who.whoAmI", "{\"args\":[]}");

    HttpResponse<String> second =
        rpc(
            twin,
            "Who.whoAmI",
            "{\"args\":[]}",
            "Cookie",
            "violetear_client=" + clientCookie(first));

    assertThat(second.body()).isEqualTo(first.body());
  }

  @Test
  void callerOutsideAHandlerIsAnError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(ClientId::caller)
        .isInstanceOf(IllegalStateException.class);
  }
}
