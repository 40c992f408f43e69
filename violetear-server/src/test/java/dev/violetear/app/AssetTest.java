// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.Server;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AssetTest {
  static final class Greeter {
    @Server.Rpc
    static String greet(String name) {
      return "Hello, " + name;
    }
  }

  /** The runtime as written; the build minifies it into the jar (tests run in the module). */
  static final Path RUNTIME_SOURCE = Path.of("src/main/js/violetear.js");

  /** The socket half of the runtime, which pages that may need the socket get. */
  static final Path SOCKET_SOURCE = Path.of("src/main/js/violetear-socket.js");

  /** The part of the runtime that posts forms, appended to it by the build. */
  static final Path FORMS_SOURCE = Path.of("src/main/js/forms.js");

  App app;
  static String runtimeUrl;
  static String bundleUrl;
  static String formsUrl;
  static String socketUrl;

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            a ->
                a.register(Greeter.class)
                    .view(
                        "/",
                        () -> Document.titled("Hi").uses(Greeter.class).body(Html.p().text("Hi")))
                    .view("/form", () -> Document.titled("Form").body(Form.post("/form")))
                    .staticFiles("/static", "violetear-test-static"));
    Matcher m =
        Pattern.compile(
                "src=\"(/_violetear/violetear\\.[^\"]+)\".*src=\"(/_violetear/bundle\\.[^\"]+)\"")
            .matcher(TestApps.get(app, "/").body());
    assertThat(m.find()).isTrue();
    runtimeUrl = m.group(1);
    bundleUrl = m.group(2);
    // The page does not listen to the server: it names the socket script for loading on demand.
    Matcher socket =
        Pattern.compile(
                "<meta name=\"violetear-socket-src\""
                    + " content=\"(/_violetear/violetear-socket\\.[^\"]+)\">")
            .matcher(TestApps.get(app, "/").body());
    assertThat(socket.find()).isTrue();
    socketUrl = socket.group(1);
    Matcher forms =
        Pattern.compile("src=\"(/_violetear/forms\\.[^\"]+)\"")
            .matcher(TestApps.get(app, "/form").body());
    assertThat(forms.find()).isTrue();
    formsUrl = forms.group(1);
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void runtimeUrlCarriesTheHashOfItsContent() throws Exception {
    byte[] runtime;
    try (InputStream in =
        App.class.getResourceAsStream("/dev/violetear/internal/runtime/violetear.js")) {
      runtime = in.readAllBytes();
    }
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(runtime));

    assertThat(runtimeUrl).isEqualTo("/_violetear/violetear." + hash.substring(0, 16) + ".js");
    assertThat(TestApps.getBytes(app, runtimeUrl).body()).isEqualTo(runtime);
  }

  @Test
  void shippedRuntimeIsTheSourceMinified() throws Exception {
    String source = Files.readString(RUNTIME_SOURCE);
    String shipped = TestApps.get(app, runtimeUrl).body();

    assertThat(shipped).startsWith("// SPDX-License-Identifier: Apache-2.0\n");
    assertThat(shipped).doesNotContain("/*", "@private", "\n  ");
    assertThat(shipped.lines().count()).isLessThanOrEqualTo(3);
    assertThat(shipped.length()).isLessThan(source.length() / 2);
  }

  @Test
  void runtimeNamesItsSourceMapWhichHoldsTheSource() throws Exception {
    HttpResponse<String> runtime = TestApps.get(app, runtimeUrl);
    assertThat(runtime.headers().firstValue("SourceMap")).hasValue(runtimeUrl + ".map");

    HttpResponse<String> map = TestApps.get(app, runtimeUrl + ".map");

    assertThat(map.statusCode()).isEqualTo(200);
    assertThat(TestApps.mediaType(map)).isEqualTo("application/json;charset=utf-8");
    assertThat(map.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    JsonNode json = new ObjectMapper().readTree(map.body());
    assertThat(json.path("version").asInt()).isEqualTo(3);
    assertThat(json.path("file").asText()).isEqualTo("violetear.js");
    assertThat(json.path("sources").get(0).asText()).isEqualTo("violetear.js");
    assertThat(json.path("sourcesContent").get(0).asText())
        .isEqualTo(Files.readString(RUNTIME_SOURCE));

    assertThat(json.path("mappings").asText()).isNotEmpty();
  }

  @Test
  void theFormsScriptIsItsSourceMinifiedUnderTheHashOfItsContentWithItsMap() throws Exception {
    byte[] forms;
    try (InputStream in =
        App.class.getResourceAsStream("/dev/violetear/internal/runtime/forms.js")) {
      forms = in.readAllBytes();
    }
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(forms));
    HttpResponse<String> shipped = TestApps.get(app, formsUrl);
    HttpResponse<String> map = TestApps.get(app, formsUrl + ".map");

    assertThat(formsUrl).isEqualTo("/_violetear/forms." + hash.substring(0, 16) + ".js");
    assertThat(shipped.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(forms);
    assertThat(shipped.body()).doesNotContain("/*", "@private", "\n  ");
    assertThat(shipped.body().length()).isLessThan(Files.readString(FORMS_SOURCE).length() / 2);
    assertThat(shipped.headers().firstValue("SourceMap")).hasValue(formsUrl + ".map");
    JsonNode json = new ObjectMapper().readTree(map.body());
    assertThat(json.path("sources").get(0).asText()).isEqualTo("forms.js");
    assertThat(json.path("sourcesContent").get(0).asText())
        .isEqualTo(Files.readString(FORMS_SOURCE));
  }

  @Test
  void theSocketScriptIsItsSourceMinifiedUnderTheHashOfItsContentWithItsMap() throws Exception {
    byte[] socket;
    try (InputStream in =
        App.class.getResourceAsStream("/dev/violetear/internal/runtime/violetear-socket.js")) {
      socket = in.readAllBytes();
    }
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(socket));
    HttpResponse<String> shipped = TestApps.get(app, socketUrl);
    HttpResponse<String> map = TestApps.get(app, socketUrl + ".map");

    assertThat(socketUrl)
        .isEqualTo("/_violetear/violetear-socket." + hash.substring(0, 16) + ".js");
    assertThat(shipped.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(socket);
    assertThat(shipped.body()).doesNotContain("/*", "@private", "\n  ");
    assertThat(shipped.body().length()).isLessThan(Files.readString(SOCKET_SOURCE).length() / 2);
    assertThat(shipped.headers().firstValue("SourceMap")).hasValue(socketUrl + ".map");
    JsonNode json = new ObjectMapper().readTree(map.body());
    assertThat(json.path("sources").get(0).asText()).isEqualTo("violetear-socket.js");
    assertThat(json.path("sourcesContent").get(0).asText())
        .isEqualTo(Files.readString(SOCKET_SOURCE));
  }

  @Test
  void scriptsAreCachedForever() {
    for (String url : new String[] {runtimeUrl, bundleUrl, socketUrl, formsUrl}) {
      HttpResponse<String> response = TestApps.get(app, url);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(TestApps.mediaType(response)).isEqualTo("text/javascript;charset=utf-8");
      assertThat(response.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
      assertThat(response.body()).isNotEmpty();
    }
  }

  @Test
  void wrongHashIs404() {
    assertThat(TestApps.get(app, "/_violetear/violetear.0000000000000000.js").statusCode())
        .isEqualTo(404);
    assertThat(TestApps.get(app, "/_violetear/bundle.0000000000000000.js").statusCode())
        .isEqualTo(404);
    assertThat(TestApps.get(app, "/_violetear/violetear.0000000000000000.js.map").statusCode())
        .isEqualTo(404);
  }

  @Test
  void bundleIsGzippedForClientsThatAcceptIt() throws IOException {
    HttpResponse<byte[]> plain = TestApps.getBytes(app, bundleUrl);
    HttpResponse<byte[]> gzipped = TestApps.getBytes(app, bundleUrl, "Accept-Encoding", "gzip");

    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
  }

  @Test
  void runtimeIsGzippedForClientsThatAcceptIt() {
    HttpResponse<byte[]> gzipped = TestApps.getBytes(app, runtimeUrl, "Accept-Encoding", "gzip");

    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
  }

  @Test
  void staticFilesAreServedFromTheClasspath() {
    HttpResponse<String> response = TestApps.get(app, "/static/hello.txt");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello, static\n");
    assertThat(TestApps.get(app, "/static/missing.txt").statusCode()).isEqualTo(404);
  }
}
