// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts apps on a free port for tests and talks HTTP to them. Each test class starts one app in
 * {@code @BeforeAll} and stops it in {@code @AfterAll}; the bundle cache under {@code target/}
 * makes the bundle compile happen once per set of registered classes, not once per run.
 */
final class TestApps {
  static final Path BUNDLE_CACHE = Path.of("target", "violetear-test-cache");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private TestApps() {}

  /** Builds an app with the test bundle cache, lets {@code setup} register things, starts it. */
  static App start(Consumer<AppConfig> config, Consumer<App> setup) {
    App app =
        App.create(
            "Test",
            c -> {
              c.bundleCacheDir(BUNDLE_CACHE);
              config.accept(c);
            });
    setup.accept(app);
    try {
      return app.start(0);
    } catch (RuntimeException | Error e) {
      app.stop();
      throw e;
    }
  }

  static App start(Consumer<App> setup) {
    return start(c -> {}, setup);
  }

  static URI uri(App app, String path) {
    return URI.create("http://localhost:" + app.port() + path);
  }

  /** POSTs {@code body} as JSON to the RPC endpoint of {@code fn}. */
  /**
   * Waits until each of {@code nodes}, apps joined by one backplane, has had everything they
   * published so far: every message reaches every node.
   */
  static void settle(List<App> nodes) {
    org.awaitility.Awaitility.await()
        .until(
            () -> {
              long published = 0;
              for (App node : nodes) {
                published += node.stats().backplane().published();
              }
              for (App node : nodes) {
                if (node.stats().backplane().delivered() < published) {
                  return false;
                }
              }
              return true;
            });
  }

  static HttpResponse<String> rpc(App app, String fn, String body, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(app, "/_violetear/rpc/" + fn))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  /** POSTs {@code body} to {@code path} as a browser posts a form (urlencoded). */
  static HttpResponse<String> postForm(App app, String path, String body, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(app, path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  static HttpResponse<String> get(App app, String path, String... headers) {
    return send(HttpRequest.newBuilder(uri(app, path)).GET(), headers);
  }

  static HttpResponse<byte[]> getBytes(App app, String path, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(app, path)).GET(),
        HttpResponse.BodyHandlers.ofByteArray(),
        headers);
  }

  static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), headers);
  }

  static <T> HttpResponse<T> send(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JSON body of an error answer, as the server must write it. */
  static String error(String type, String message) {
    return "{\"error\":{\"type\":\""
        + type
        + "\",\"message\":\""
        + message.replace("\"", "\\\"")
        + "\"}}";
  }

  /** Returns a new signed {@code violetear_client} cookie value issued by {@code app}. */
  static String issueCookie(App app) {
    // Every RPC request gets a cookie, even one for a function that does not exist.
    return clientCookie(rpc(app, "Cookie.issue", "{\"args\":[]}"));
  }

  /** The client id in a {@code violetear_client} cookie value. */
  static String idOf(String cookie) {
    return cookie.substring(0, cookie.indexOf('.'));
  }

  /** Returns the value of the {@code violetear_client} cookie set by {@code response}, or null. */
  static String clientCookie(HttpResponse<?> response) {
    for (String setCookie : response.headers().allValues("Set-Cookie")) {
      if (setCookie.startsWith("violetear_client=")) {
        return setCookie.substring("violetear_client=".length(), setCookie.indexOf(';'));
      }
    }
    return null;
  }

  /** The Content-Type without spaces and in lower case; Jetty drops the space before charset. */
  static String mediaType(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .replace(" ", "")
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** The server's log lines of the running test only (see {@link CapturedLog}). */
  static String serverLog() {
    return CapturedLog.ofTest();
  }
}
