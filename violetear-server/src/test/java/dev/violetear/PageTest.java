// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PageTest {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self';"
          + " form-action 'self'";

  static final class Counter {
    @Client.Callback
    static void plus(Event e) {}
  }

  /** Reachable by the server at any time, so its pages open the socket at load. */
  static final class Toaster {
    @Client.Realtime
    static void toast(String text) {}
  }

  /** Never registered: a page that binds its callback cannot work in the browser. */
  static final class Stranger {
    @Client.Callback
    static void wave() {}
  }

  static final AtomicInteger renders = new AtomicInteger();
  App app;

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            a ->
                a.register(Counter.class, Toaster.class)
                    .view(
                        "/",
                        () ->
                            Document.titled("Counter")
                                .body(
                                    Html.div()
                                        .id("display")
                                        .text("Render " + renders.incrementAndGet()),
                                    Html.button("+").on("click", Counter::plus)))
                    .view("/plain", () -> Document.titled("Plain").body(Html.p().text("static")))
                    .view("/toasts", () -> Document.titled("Toasts").uses(Toaster.class))
                    .view(
                        "/stranger",
                        () ->
                            Document.titled("Stranger")
                                .body(Html.button("Hi").on("click", Stranger::wave)))
                    .view(
                        "/broken",
                        () -> {
                          throw new IllegalStateException("the view has a bug");
                        }));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void pageIsHtmlWithSecurityHeaders() {
    HttpResponse<String> response = TestApps.get(app, "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestApps.mediaType(response)).isEqualTo("text/html;charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
  }

  @Test
  void pageLoadsRuntimeAndBundleFromHashedUrls() {
    String html = TestApps.get(app, "/").body();

    Matcher m =
        Pattern.compile(
                "<script defer src=\"(/_violetear/violetear\\.[0-9a-f]{16}\\.js)\"></script>"
                    + "<script defer src=\"(/_violetear/bundle\\.[A-Za-z0-9_-]+\\.js)\"></script>")
            .matcher(html);
    assertThat(m.find()).as(html).isTrue();
    assertThat(TestApps.get(app, m.group(1)).statusCode()).isEqualTo(200);
    assertThat(TestApps.get(app, m.group(2)).statusCode()).isEqualTo(200);
    assertThat(html).contains("<button data-on-click=\"Counter.plus\">+</button>");
  }

  @Test
  void aPageWithoutClientCodeLoadsNothingOfOurs() {
    String html = TestApps.get(app, "/plain").body();

    assertThat(html)
        .contains("<body><p>static</p></body>")
        .doesNotContain("<script")
        .doesNotContain("violetear");
  }

  @Test
  void onlyAPageWhoseClassesListenOpensTheSocketAtLoad() {
    assertThat(TestApps.get(app, "/").body())
        .contains(
            "<meta name=\"violetear-classes\" content=\"Counter\">"
                + "<meta name=\"violetear-socket\" content=\"lazy\">");
    assertThat(TestApps.get(app, "/toasts").body())
        .contains(
            "<meta name=\"violetear-classes\" content=\"Toaster\">"
                + "<meta name=\"violetear-socket\" content=\"eager\">");
  }

  @Test
  void viewRunsForEveryRequest() {
    String first = TestApps.get(app, "/").body();
    String second = TestApps.get(app, "/").body();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void bindingToAnUnregisteredClassIs500AndLogged() {
    HttpResponse<String> response = TestApps.get(app, "/stranger");

    assertThat(response.statusCode()).isEqualTo(500);
    Matcher m =
        Pattern.compile(
                "This page could not be shown because of an error on the server \\(request id"
                    + " ([0-9a-f]{8})\\). The details are in the server log.")
            .matcher(response.body());
    assertThat(m.matches()).as(response.body()).isTrue();
    assertThat(TestApps.serverLog())
        .contains("View '/stranger' failed (request id " + m.group(1) + ")")
        .contains(
            "java.lang.IllegalStateException: View '/stranger' binds 'click' to Stranger.wave,"
                + " but Stranger is not registered: call app.register(Stranger.class)");
  }

  @Test
  void failingViewIs500WithoutDetails() {
    HttpResponse<String> response = TestApps.get(app, "/broken");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain("bug").doesNotContain("Exception");
    // The server keeps serving other pages.
    assertThat(TestApps.get(app, "/").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPageIs404() {
    assertThat(TestApps.get(app, "/nowhere").statusCode()).isEqualTo(404);
  }
}
