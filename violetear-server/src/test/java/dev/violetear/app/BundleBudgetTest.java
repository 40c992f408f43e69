// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import dev.violetear.markup.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Size budgets, not benchmarks: what a page with client state downloads, the minified runtime and
 * the app's bundle as the server serves them, gzipped. A budget that breaks means client code
 * started to drag in heavy JDK parts. The converter parses and prints doubles, which TeaVM's class
 * library makes about 21 KB of its bundle; state itself costs the greeting's bundle little more
 * than the counter's.
 */
class BundleBudgetTest {
  /** The converter page's scripts, gzipped. */
  static final int CONVERTER_BUDGET = 38_000;

  /**
   * A page with state and no number formatting: about the counter's (runtime 6.1 KB, bundle 10.1
   * KB, of which about 0.6 KB reads the values a page gives its states, with a string codec).
   */
  static final int GREETING_BUDGET = 16_500;

  @TempDir Path cache;

  @Test
  void theConverterPageStaysWithinItsBudget() throws Exception {
    assertThat(scripts(ConverterState.class, () -> Html.p().text(ConverterState.fahrenheit)))
        .isLessThanOrEqualTo(CONVERTER_BUDGET);
  }

  @Test
  void aPageWithStateAndNoNumbersStaysWithinTheCountersBudget() throws Exception {
    assertThat(scripts(GreetingState.class, () -> Html.p().text(GreetingState.greeting)))
        .isLessThanOrEqualTo(GREETING_BUDGET);
  }

  // What a page holding the content (built in the view) downloads: each script it names, gzipped.
  private int scripts(Class<?> app, Supplier<Node> content) throws Exception {
    App server =
        App.create(app.getSimpleName(), c -> c.bundleCacheDir(cache))
            .register(app)
            .view("/", () -> Document.titled("t").body(content.get()))
            .start(0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String page = get(http, server, "/");
      Matcher src = Pattern.compile("<script defer src=\"([^\"]+)\"").matcher(page);
      int total = 0;
      List<String> sizes = new ArrayList<>();
      while (src.find()) {
        int size = gzip(get(http, server, src.group(1)).getBytes(StandardCharsets.UTF_8));
        sizes.add(src.group(1) + " " + size);
        total += size;
      }
      assertThat(sizes).as("the page's scripts").hasSize(2);
      System.out.printf("%s page scripts: %,d B gzip %s%n", app.getSimpleName(), total, sizes);
      return total;
    } finally {
      server.stop();
    }
  }

  private static String get(HttpClient http, App app, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.size();
  }
}
