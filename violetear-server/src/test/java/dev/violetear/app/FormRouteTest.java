// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.postForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.ClientId;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What a form route answers: a redirect after success (303, or 204 with the location for the
 * runtime), the page again with the handler's errors (422), a page naming a request id when the
 * app's code fails (500), and what the handler may read: the app, the client, its principal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FormRouteTest {
  record Entry(String name, String message) {}

  record Member(String name) {}

  /** What handlers saw, in order. */
  final List<String> seen = new CopyOnWriteArrayList<>();

  App app;

  static Document page(Form form) {
    return Document.titled("Guestbook")
        .body(
            Html.p().id("summary").text(String.join(" | ", form.errors().values())),
            Form.post("/sign")
                .child(
                    Html.input().attr("name", "name").attr("value", form.value("name")),
                    Html.span().id("name-error").text(form.error("name")),
                    Html.element("textarea").attr("name", "message").text(form.value("message")),
                    Html.span().id("message-error").text(form.error("message"))));
  }

  void sign(Entry entry, Form form) {
    if (entry.name().isBlank()) {
      form.addError("name", "Write your name.");
      form.addError("name", "A second error for one field is dropped.");
    }
    if (entry.message().length() > 20) {
      form.addError("message", "Keep it under 20 characters.");
    }
    if (entry.message().equals("to thanks")) {
      form.redirect("/thanks?from=" + entry.name());
    }
    if (entry.message().equals("boom")) {
      throw new IllegalStateException("database password is hunter2");
    }
    seen.add(
        entry.name()
            + " in "
            + App.current()
            + " as "
            + (ClientId.caller() != null)
            + " "
            + Principal.current(Member.class).map(Member::name).orElse("anonymous"));
  }

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            a ->
                a.guard(
                        Member.class,
                        request -> {
                          String who = request.header("X-Member");
                          if ("banned".equals(who)) {
                            throw GuardRejection.forbidden("This account is suspended.");
                          }
                          return who == null ? null : new Member(who);
                        })
                    .view("/sign", () -> page(Form.blank()))
                    .form("/sign", Entry.class, FormRouteTest::page, this::sign)
                    .form(
                        "/null-page",
                        Entry.class,
                        form -> null,
                        (entry, form) -> form.addError("x", "y")));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void successRedirectsToTheFormsPathWithSeeOther() {
    HttpResponse<String> response = postForm(app, "/sign", "name=Ada&message=Hello");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/sign");
    assertThat(response.body()).isEmpty();
    assertThat(seen).contains("Ada in " + app + " as true anonymous");
  }

  @Test
  void theHandlerChoosesAnotherLocation() {
    HttpResponse<String> response = postForm(app, "/sign", "name=Ada&message=to+thanks");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/thanks?from=Ada");
  }

  @Test
  void theRuntimeGetsTheRedirectAsNoContentWithItsLocation() {
    HttpResponse<String> response =
        postForm(app, "/sign", "name=Ada&message=Hello", "X-Violetear-Form", "1");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("X-Violetear-Location")).hasValue("/sign");
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void theHandlersErrorsShowThePageAgainWithWhatWasTyped() {
    HttpResponse<String> response =
        postForm(app, "/sign", "name=+&message=%3Cb%3Ea+very+long+message+indeed");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(TestApps.mediaType(response)).isEqualTo("text/html;charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(response.body())
        .contains(
            "<input name=\"name\" value=\" \"><span id=\"name-error\">Write your name.</span>",
            "<textarea name=\"message\">&lt;b&gt;a very long message indeed</textarea>"
                + "<span id=\"message-error\">Keep it under 20 characters.</span>",
            "<p id=\"summary\">Write your name. | Keep it under 20 characters.</p>")
        .doesNotContain("A second error");
    // The page holds a Form.post form and no client code: it loads the forms script alone.
    assertThat(response.body())
        .containsPattern("<script defer src=\"(/_violetear/forms\\.[0-9a-f]{16}\\.js)\">")
        .doesNotContain("violetear.", "bundle.", "violetear-classes");
  }

  @Test
  void theViewOfTheSamePathStillAnswersGet() {
    HttpResponse<String> response = TestApps.get(app, "/sign");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("<form method=\"post\" action=\"/sign\" data-violetear-form=\"\">");
  }

  @Test
  void aHandlerThatFailsGetsAPageWithARequestIdAndNothingMore() {
    HttpResponse<String> response = postForm(app, "/sign", "name=Ada&message=boom");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(TestApps.mediaType(response)).isEqualTo("text/html;charset=utf-8");
    Matcher m =
        Pattern.compile(
                "This form could not be handled because of an error on the server \\(request id"
                    + " ([0-9a-f]{8})\\). The details are in the server log.")
            .matcher(response.body());
    assertThat(m.find()).as(response.body()).isTrue();
    assertThat(response.body()).doesNotContain("hunter2").doesNotContain("Exception");
    assertThat(TestApps.serverLog())
        .contains("The form posted to /sign failed (request id " + m.group(1) + ")")
        .contains("java.lang.IllegalStateException: database password is hunter2");
    assertThat(postForm(app, "/sign", "name=Bob&message=Hi").statusCode())
        .as("the next post is served")
        .isEqualTo(303);
  }

  @Test
  void aPageFunctionReturningNullIsTheAppsFault() {
    HttpResponse<String> response = postForm(app, "/null-page", "name=A&message=B");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(TestApps.serverLog())
        .contains(
            "The page function of App.form(\"/null-page\", ...) returned null instead of a"
                + " Document");
  }

  @Test
  void theGuardSeesThePostAndItsPrincipalReachesTheHandler() {
    HttpResponse<String> member =
        postForm(app, "/sign", "name=Ada&message=Hello", "X-Member", "ada");
    HttpResponse<String> banned =
        postForm(app, "/sign", "name=Eve&message=Hello", "X-Member", "banned");

    assertThat(member.statusCode()).isEqualTo(303);
    assertThat(seen).contains("Ada in " + app + " as true ada");
    assertThat(banned.statusCode()).isEqualTo(403);
    assertThat(banned.body()).contains("<p id=\"violetear-error\">This account is suspended.</p>");
    assertThat(seen).noneMatch(s -> s.startsWith("Eve"));
  }

  @Test
  void aPostIssuesTheClientCookieLikeAPage() {
    HttpResponse<String> response = postForm(app, "/sign", "name=Ada&message=Hello");

    assertThat(TestApps.clientCookie(response)).isNotNull();
  }

  @Test
  void registrationRefusesWhatCannotWork() {
    App fresh = App.create("Forms");
    assertThatThrownBy(() -> fresh.form("/x", String.class, form -> null, (value, form) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "App.form(\"/x\", String.class, ...): java.lang.String is not a record; declare the"
                + " form's fields as one, like record Entry(String name, String message) {}");
    record Upload(String name, byte[] photo) {}
    assertThatThrownBy(() -> fresh.form("/x", Upload.class, form -> null, (value, form) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "App.form(\"/x\", Upload.class, ...): Upload.photo has type byte[], which a form field"
                + " cannot carry; use String, a primitive or its box, an enum, boolean for a"
                + " checkbox, or Optional or List of String, a box or an enum");
    record Nested(List<List<String>> rows) {}
    assertThatThrownBy(() -> fresh.form("/x", Nested.class, form -> null, (value, form) -> {}))
        .hasMessageContaining(
            "Nested.rows has type java.util.List<java.util.List<java.lang.String>>");
    assertThatThrownBy(() -> fresh.form("/_violetear/x", Entry.class, form -> null, (v, f) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Form '/_violetear/x' is under '/_violetear/'");
    fresh.form("/x", Entry.class, form -> null, (v, f) -> {});
    assertThatThrownBy(() -> fresh.form("/x", Entry.class, form -> null, (v, f) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Form '/x' is already defined");
  }

  @Test
  void redirectRefusesLocationsThatAreNotPathsOrWebUrls() {
    Form form = Form.blank();
    for (String bad :
        List.of(
            "thanks",
            "//evil.example.com/",
            "/\\evil.example.com",
            "/a b",
            "javascript:alert(1)")) {
      assertThatThrownBy(() -> form.redirect(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a path on this site or an http(s) URL");
    }
    form.redirect("https://example.com/done");
    form.redirect("/orders/7?x=%20y#top");
  }

  @Test
  void aBlankFormHasNoValuesAndNoErrors() {
    Form form = Form.blank();

    assertThat(form.value("name")).isEmpty();
    assertThat(form.values("name")).isEmpty();
    assertThat(form.error("name")).isEmpty();
    assertThat(form.errors()).isEqualTo(Map.of());
    assertThat(form.hasErrors()).isFalse();
  }
}
