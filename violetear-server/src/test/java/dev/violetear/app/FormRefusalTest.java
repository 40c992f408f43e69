// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.markup.Document;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Posts a form route refuses before its handler runs, each with a page that says why: another
 * site's post (403), a body too large (413), not a form (415) or malformed (400).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FormRefusalTest {
  record Note(String text) {}

  final List<String> saved = new CopyOnWriteArrayList<>();
  App app;

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            c -> c.maxRequestBytes(4096).allowedOrigins("https://partner.example.com"),
            a ->
                a.form(
                    "/note",
                    Note.class,
                    form -> Document.titled("Note"),
                    (note, form) -> saved.add(note.text())));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  private String self() {
    return "http://localhost:" + app.port();
  }

  /** The message of an error page, as the page shows it. */
  private static String shown(HttpResponse<String> response) {
    String body = response.body();
    int start = body.indexOf("<p id=\"violetear-error\">");
    assertThat(start).as(body).isNotNegative();
    return body.substring(start + 24, body.indexOf("</p>", start))
        .replace("&#39;", "'")
        .replace("&quot;", "\"");
  }

  private HttpResponse<String> post(String contentType, String body) {
    return TestApps.send(
        HttpRequest.newBuilder(TestApps.uri(app, "/note"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void theAppsOwnPagesAndAllowedOnesMayPost() {
    assertThat(postForm(app, "/note", "text=own", "Origin", self()).statusCode()).isEqualTo(303);
    assertThat(
            postForm(app, "/note", "text=partner", "Origin", "https://partner.example.com")
                .statusCode())
        .isEqualTo(303);
    assertThat(
            postForm(app, "/note", "text=referred", "Referer", self() + "/page?q=1").statusCode())
        .isEqualTo(303);
    assertThat(postForm(app, "/note", "text=plain").statusCode())
        .as("no browser page: a program, which could forge anything")
        .isEqualTo(303);
    assertThat(saved).contains("own", "partner", "referred", "plain");
  }

  @Test
  void aPostFromAnotherSitesPageIsForbidden() {
    HttpResponse<String> response =
        postForm(app, "/note", "text=forged", "Origin", "https://evil.example.com");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(TestApps.mediaType(response)).isEqualTo("text/html;charset=utf-8");
    assertThat(response.body()).contains("<title>Forbidden</title>");
    assertThat(shown(response))
        .isEqualTo(
            "Origin 'https://evil.example.com' may not call this app; add it with"
                + " AppConfig.allowedOrigins(...) if it should");
    assertThat(saved).doesNotContain("forged");
    assertThat(TestApps.clientCookie(response)).as("it learns no client id").isNull();
  }

  @Test
  void withoutAnOriginTheReferersOriginDecides() {
    HttpResponse<String> response =
        postForm(app, "/note", "text=forged", "Referer", "https://evil.example.com/trap.html");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(shown(response)).startsWith("Origin 'https://evil.example.com' may not call");
    assertThat(saved).doesNotContain("forged");
  }

  @Test
  void withNeitherACrossSiteFetchIsForbidden() {
    HttpResponse<String> response =
        postForm(app, "/note", "text=forged", "Sec-Fetch-Site", "cross-site");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(shown(response))
        .isEqualTo(
            "A page of another site (Sec-Fetch-Site: cross-site) may not post forms to this app;"
                + " only the app's own pages may");
    assertThat(saved).doesNotContain("forged");
  }

  @Test
  void aSandboxedPagesNullOriginIsForbidden() {
    assertThat(postForm(app, "/note", "text=forged", "Origin", "null").statusCode()).isEqualTo(403);
  }

  @Test
  void aBodyOverMaxRequestBytesIsTooLarge() {
    HttpResponse<String> response = postForm(app, "/note", "text=" + "a".repeat(5000));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(shown(response))
        .isEqualTo(
            "The body of the form posted to /note is larger than 4096 bytes, the limit set by"
                + " AppConfig.maxRequestBytes");
  }

  @Test
  void anythingButAFormIsAnUnsupportedMediaType() {
    for (String type :
        List.of(
            "application/json",
            "text/plain",
            "application/x-www-form-urlencoded; charset=latin1")) {
      HttpResponse<String> response = post(type, "text=x");

      assertThat(response.statusCode()).as(type).isEqualTo(415);
      assertThat(shown(response))
          .isEqualTo(
              "The form posted to /note must be sent as application/x-www-form-urlencoded or"
                  + " multipart/form-data in UTF-8, as browsers send a form, not as '"
                  + type
                  + "'");
    }
    assertThat(post("application/x-www-form-urlencoded; charset=UTF-8", "text=ok").statusCode())
        .isEqualTo(303);
  }

  @Test
  void malformedBodiesAreBadRequests() {
    assertThat(shown(postForm(app, "/note", "text=100%25+sure%2")))
        .isEqualTo(
            "The form posted to /note is not valid application/x-www-form-urlencoded: a '%' is"
                + " not followed by two hexadecimal digits");
    assertThat(shown(postForm(app, "/note", "text=%C3%28")))
        .isEqualTo("The form posted to /note holds text that is not UTF-8");
    HttpResponse<String> many = postForm(app, "/note", "a&".repeat(1001));
    assertThat(many.statusCode()).isEqualTo(400);
    assertThat(shown(many)).isEqualTo("The form posted to /note has more than 1000 fields");
  }

  @Test
  void multipartWithAFileOrGarbageIsABadRequest() {
    String file =
        "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--b\r\n"
            + "Content-Disposition: form-data; name=\"photo\"; filename=\"me.png\"\r\n\r\nPNG\r\n"
            + "--b--\r\n";
    HttpResponse<String> withFile = post("multipart/form-data; boundary=b", file);
    HttpResponse<String> garbage = post("multipart/form-data; boundary=b", "not multipart");
    HttpResponse<String> noBoundary = post("multipart/form-data", file);

    assertThat(withFile.statusCode()).isEqualTo(400);
    assertThat(shown(withFile))
        .isEqualTo(
            "The form posted to /note sends a file in field 'photo'; form routes take text fields"
                + " only");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(shown(garbage))
        .isEqualTo(
            "The form posted to /note is not valid multipart/form-data of at most 1000 fields");
    assertThat(noBoundary.statusCode()).isEqualTo(400);
    assertThat(shown(noBoundary))
        .isEqualTo(
            "The form posted to /note is multipart/form-data without a boundary in its"
                + " Content-Type");
    assertThat(saved).doesNotContain("hi");
  }
}
