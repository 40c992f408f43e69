// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.error;
import static dev.violetear.app.TestApps.get;
import static dev.violetear.app.TestApps.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Fragment routes over HTTP: the element's HTML alone with a page's headers, never cached; the
 * classes its bindings need named for the runtime; the query, the guard and the caller as an RPC
 * method sees them; every failure a JSON error the runtime turns into the client's exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FragmentTest {
  record User(String name) {}

  static final class Likes {
    @Client.Callback
    static void like(Event e) {}
  }

  /** Reachable by the server at any time, so a page that activates it opens its socket. */
  static final class Ticker {
    @Client.Callback
    static void start() {}

    @Client.Realtime
    static void tick(String text) {}
  }

  /** Never registered: a fragment that binds its callback cannot work in the browser. */
  static final class Stranger {
    @Client.Callback
    static void wave() {}
  }

  App app;

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            a ->
                a.register(Likes.class, Ticker.class)
                    .guard(User.class, FragmentTest::guard)
                    .view("/", () -> Document.titled("Page").body(Html.div().id("list")))
                    .fragment(
                        "/list",
                        () ->
                            Html.ul()
                                .cls("messages")
                                .child(
                                    Html.li("first"),
                                    Html.li().child(Html.button("Like").on("click", Likes::like))))
                    .fragment("/plain", () -> Html.p().text("no client code"))
                    .fragment("/ticker", () -> Html.button("Start").on("click", Ticker::start))
                    .fragment(
                        "/echo",
                        request ->
                            Html.p()
                                .attr("title", String.valueOf(request.query("text")))
                                .text(request.query("text") + " #" + request.queryInt("n", -1)))
                    .fragment(
                        "/whoami",
                        () ->
                            Html.p()
                                .text(
                                    Principal.current(User.class).map(User::name).orElse("anyone")
                                        + " as "
                                        + ClientId.caller().value()
                                        + " in "
                                        + App.current().service(String.class)))
                    .provide(String.class, "the test app")
                    .fragment(
                        "/gone",
                        () -> {
                          throw new RpcException("NoSuchMessage", "Message 7 was removed.", 404);
                        })
                    .fragment(
                        "/broken",
                        () -> {
                          throw new IllegalStateException("the fragment has a bug: hunter2");
                        })
                    .fragment("/null", () -> null)
                    .fragment("/secret", () -> Html.p().text("the secret"))
                    .fragment("/stranger", () -> Html.button("Hi").on("click", Stranger::wave)));
  }

  /** "Authorization: Bearer NAME" signs NAME in; "/secret" is for members only. */
  static User guard(GuardRequest request) {
    String auth = request.header("Authorization");
    User user = auth == null ? null : new User(auth.substring("Bearer ".length()));
    if (!request.isHandshake() && request.path().equals("/secret") && user == null) {
      throw GuardRejection.unauthorized("Sign in to see the secret.");
    }
    if (user != null && user.name().equals("suspended")) {
      throw GuardRejection.forbidden("This account is suspended.");
    }
    return user;
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void aFragmentIsItsElementsHtmlAloneWithThePagesSecurityHeadersAndNeverCached() {
    HttpResponse<String> response = get(app, "/list");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "<ul class=\"messages\"><li>first</li>"
                + "<li><button data-on-click=\"Likes.like\">Like</button></li></ul>");
    assertThat(TestApps.mediaType(response)).isEqualTo("text/html;charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(PageTest.CSP);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(TestApps.clientCookie(response)).as("a client id, as a page sets").isNotNull();
  }

  @Test
  void theAnswerNamesTheClassesItsBindingsNeedAndWhetherOneListens() {
    HttpResponse<String> likes = get(app, "/list");
    assertThat(likes.headers().firstValue("X-Violetear-Classes")).hasValue("Likes");
    assertThat(likes.headers().firstValue("X-Violetear-Socket")).hasValue("lazy");

    HttpResponse<String> ticker = get(app, "/ticker");
    assertThat(ticker.headers().firstValue("X-Violetear-Classes")).hasValue("Ticker");
    assertThat(ticker.headers().firstValue("X-Violetear-Socket")).hasValue("eager");

    HttpResponse<String> plain = get(app, "/plain");
    assertThat(plain.body()).isEqualTo("<p>no client code</p>");
    assertThat(plain.headers().firstValue("X-Violetear-Classes")).isEmpty();
    assertThat(plain.headers().firstValue("X-Violetear-Socket")).isEmpty();
  }

  @Test
  void theFragmentReadsTheQueryAndWhatItRendersIsEscaped() {
    HttpResponse<String> response =
        get(app, "/echo?text=%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E&n=3");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\">"
                + "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; #3</p>");
    assertThat(get(app, "/echo").body()).isEqualTo("<p title=\"null\">null #-1</p>");
  }

  @Test
  void aQueryIntThatIsNotANumberIs400NamingTheParameter() {
    HttpResponse<String> response = get(app, "/echo?text=x&n=three");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestApps.mediaType(response)).isEqualTo("application/json;charset=utf-8");
    assertThat(response.body())
        .isEqualTo(error("BadRequest", "Query parameter 'n' must be a whole number, got 'three'"));
  }

  @Test
  void theFragmentRunsForTheCallerWithTheGuardsPrincipalInItsApp() {
    HttpResponse<String> anonymous = get(app, "/whoami");
    String id = idOf(TestApps.clientCookie(anonymous));
    assertThat(anonymous.body()).isEqualTo("<p>anyone as " + id + " in the test app</p>");

    String cookie = TestApps.clientCookie(anonymous);
    HttpResponse<String> signedIn =
        get(app, "/whoami", "Authorization", "Bearer ada", "Cookie", "violetear_client=" + cookie);
    assertThat(signedIn.body()).isEqualTo("<p>ada as " + id + " in the test app</p>");
  }

  @Test
  void theGuardsRefusalIsItsStatusAndErrorAndNoFragmentRuns() {
    HttpResponse<String> unauthorized = get(app, "/secret");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.body())
        .isEqualTo(error("Unauthenticated", "Sign in to see the secret."));
    assertThat(get(app, "/secret", "Authorization", "Bearer ada").body())
        .isEqualTo("<p>the secret</p>");

    HttpResponse<String> forbidden = get(app, "/list", "Authorization", "Bearer suspended");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(TestApps.mediaType(forbidden)).isEqualTo("application/json;charset=utf-8");
    assertThat(forbidden.body()).isEqualTo(error("Forbidden", "This account is suspended."));
    assertThat(forbidden.headers().firstValue("Content-Security-Policy")).hasValue(PageTest.CSP);
    assertThat(forbidden.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void anRpcExceptionReachesTheCallerWithItsTypeMessageAndStatus() {
    HttpResponse<String> response = get(app, "/gone");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo(error("NoSuchMessage", "Message 7 was removed."));
  }

  @Test
  void aFailingFragmentIs500WithARequestIdAndNoDetailsAndTheServerKeepsServing() {
    HttpResponse<String> response = get(app, "/broken");

    assertThat(response.statusCode()).isEqualTo(500);
    String requestId = requestIdIn(response.body());
    assertThat(response.body()).doesNotContain("hunter2").doesNotContain("Exception");
    assertThat(TestApps.serverLog())
        .contains("Fragment '/broken' failed (request id " + requestId + ")")
        .contains("the fragment has a bug: hunter2");
    assertThat(get(app, "/list").statusCode()).isEqualTo(200);
  }

  @Test
  void aFragmentThatReturnsNullIs500AndLoggedSayingSo() {
    HttpResponse<String> response = get(app, "/null");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(TestApps.serverLog())
        .contains("Fragment '/null' failed (request id " + requestIdIn(response.body()) + ")")
        .contains("Fragment '/null' returned null instead of an Element");
  }

  @Test
  void bindingAnUnregisteredClassIs500AndLoggedNamingTheClassToRegister() {
    HttpResponse<String> response = get(app, "/stranger");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(TestApps.serverLog())
        .contains("Fragment '/stranger' failed (request id " + requestIdIn(response.body()) + ")")
        .contains(
            "java.lang.IllegalStateException: Fragment '/stranger' binds 'click' to"
                + " Stranger.wave, but Stranger is not registered: call"
                + " app.register(Stranger.class)");
  }

  @Test
  void anUnknownPathIs404() {
    assertThat(get(app, "/list/more").statusCode()).isEqualTo(404);
    assertThat(get(app, "/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void fragmentPathsFollowTheRulesOfViewPathsAndShareThem() {
    App fresh = App.create("Test").view("/", () -> Document.titled("Home"));
    Element p = Html.p();
    fresh.fragment("/list", () -> p);

    assertThatThrownBy(() -> fresh.fragment("list", () -> p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Fragment 'list' must start with '/'");
    assertThatThrownBy(() -> fresh.fragment("/list", request -> p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Fragment '/list' is already defined");
    assertThatThrownBy(() -> fresh.fragment("/", () -> p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Fragment '/' is already the path of a view; choose another path");
    assertThatThrownBy(() -> fresh.view("/list", () -> Document.titled("List")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("View '/list' is already the path of a fragment; choose another path");
    assertThatThrownBy(() -> fresh.fragment("/_violetear/list", () -> p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Fragment '/_violetear/list' is under '/_violetear/', which the framework uses;"
                + " choose another path");
    assertThatThrownBy(() -> fresh.fragment("/messages/{id}", () -> p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Fragment '/messages/{id}' contains one of { } < > *; views and fragments are plain"
                + " paths without parameters or wildcards");
    assertThatThrownBy(() -> app.fragment("/later", () -> p))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("already started");
  }

  private static String requestIdIn(String body) {
    Matcher m =
        Pattern.compile(
                "\\{\"error\":\\{\"type\":\"ServerError\",\"message\":\"Fragment '[^']+' failed on"
                    + " the server \\(request id ([0-9a-f]{8})\\). The details are in the server"
                    + " log.\"}}")
            .matcher(body);
    assertThat(m.matches()).as(body).isTrue();
    return m.group(1);
  }
}
