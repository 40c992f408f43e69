// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.error;
import static dev.violetear.app.TestApps.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.RpcException;
import dev.violetear.Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Answers of every size arrive whole: small ones, which the endpoint writes itself with their
 * length, and large ones, which Javalin writes and compresses for a client that accepts gzip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcAnswerTest {
  private static final int[] SIZES = {0, 1, 500, 1012, 1013, 1014, 1015, 1500, 20_000};

  static final class Answers {
    @Server.Rpc
    static String text(int length) {
      return "x".repeat(length);
    }

    @Server.Rpc
    static String refuse(int length) {
      throw new RpcException("Refused", "y".repeat(length), 409);
    }
  }

  App app;

  @BeforeAll
  void startApp() {
    app = TestApps.start(a -> a.register(Answers.class));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void resultsOfEverySizeArriveWhole() {
    // One after another, so that most share a kept-alive connection.
    for (int round = 0; round < 2; round++) {
      for (int length : SIZES) {
        HttpResponse<String> response = rpc(app, "Answers.text", "{\"args\":[" + length + "]}");
        String expected = "{\"result\":\"" + "x".repeat(length) + "\"}";
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestApps.mediaType(response)).isEqualTo("application/json;charset=utf-8");
        assertThat(response.body()).as("length " + length).isEqualTo(expected);
        if (expected.length() <= 1024) {
          assertThat(response.headers().firstValue("Content-Length"))
              .hasValue(String.valueOf(expected.length()));
        }
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      }
    }
  }

  @Test
  void errorsOfEverySizeArriveWhole() {
    for (int length : SIZES) {
      HttpResponse<String> response = rpc(app, "Answers.refuse", "{\"args\":[" + length + "]}");
      assertThat(response.statusCode()).isEqualTo(409);
      assertThat(TestApps.mediaType(response)).isEqualTo("application/json;charset=utf-8");
      assertThat(response.body()).isEqualTo(error("Refused", "y".repeat(length)));
    }
  }

  @Test
  void largeAnswersAreCompressedForClientsThatAcceptIt() throws IOException {
    String expected = "{\"result\":\"" + "x".repeat(20_000) + "\"}";
    HttpResponse<byte[]> response =
        TestApps.send(
            HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Answers.text"))
                .header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[20000]}")),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(response.body())).isEqualTo(expected);

    HttpResponse<byte[]> small =
        TestApps.send(
            HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Answers.text"))
                .header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[3]}")),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("{\"result\":\"xxx\"}");
  }

  private static String gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
