// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.clientCookie;
import static dev.violetear.app.TestApps.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

  /**
   * Jetty's parser remembers the header lines of earlier requests on a connection and by default
   * matches them ignoring case; a cookie is case-sensitive, so a case variant of an earlier cookie
   * must be read as itself, in either order (a proxy may carry many browsers on one connection).
   */
  @Test
  void aCookieDifferingOnlyInCaseIsAnotherCookieOnTheSameConnection() throws IOException {
    String cookie = clientCookie(rpc(app, "Who.whoAmI", "{\"args\":[]}"));
    String id = cookie.substring(0, cookie.indexOf('.'));
    String variant = caseVariant(cookie);

    try (KeepAlive connection = new KeepAlive(app.port())) {
      for (int round = 0; round < 2; round++) {
        assertThat(connection.whoAmI(variant)).as("the case variant").doesNotContain(id);
        assertThat(connection.whoAmI(cookie)).as("the valid cookie").contains(id);
      }
    }
  }

  /** {@code cookie} with the case of its signature's first letter swapped. */
  private static String caseVariant(String cookie) {
    char[] chars = cookie.toCharArray();
    for (int i = cookie.indexOf('.') + 1; i < chars.length; i++) {
      if (Character.isLetter(chars[i])) {
        chars[i] =
            Character.isUpperCase(chars[i])
                ? Character.toLowerCase(chars[i])
                : Character.toUpperCase(chars[i]);
        return new String(chars);
      }
    }
    throw new AssertionError("no letter in the signature of " + cookie);
  }

  /** One HTTP/1.1 connection that stays open across requests, as a proxy or a browser keeps it. */
  private static final class KeepAlive implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    KeepAlive(int port) throws IOException {
      socket = new Socket("localhost", port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
    }

    /** Calls {@code Who.whoAmI} with {@code cookie}; returns the body of the answer. */
    String whoAmI(String cookie) throws IOException {
      byte[] body = "{\"args\":[]}".getBytes(StandardCharsets.UTF_8);
      String request =
          "POST /_violetear/rpc/Who.whoAmI HTTP/1.1\r\n"
              + "Host: localhost\r\n"
              + "Content-Type: application/json\r\n"
              + "Cookie: violetear_client="
              + cookie
              + "\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      int length = -1;
      for (String line = readLine(); !line.isEmpty(); line = readLine()) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      assertThat(length).as("the answer's Content-Length").isNotNegative();
      return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException("the server closed the connection");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void callerOutsideAHandlerIsAnError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(ClientId::caller)
        .isInstanceOf(IllegalStateException.class);
  }
}
