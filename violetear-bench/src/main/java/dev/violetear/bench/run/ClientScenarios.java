// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the browser side costs: the counter page's scripts (every one it lists) against a size
 * budget, the app's start with a cold and a warm bundle cache, and the time from navigation to
 * {@code ready} in headless Chromium against the same page written by hand.
 */
final class ClientScenarios {
  static final String BUNDLE = "counter page scripts (every script it lists)";
  static final String START = "counter App.start";
  static final String READY = "counter page, navigation to ready";

  /** The budget for the counter page's scripts, gzipped. */
  static final double GZIP_BUDGET = 15_000;

  private final Lab lab;
  private final Options options;
  private final Results results;
  private final String devClasspath;

  /**
   * @param devClasspath a classpath on which the counter has no prebuilt bundle, so its start
   *     compiles
   */
  ClientScenarios(Lab lab, Options options, Results results, String devClasspath) {
    this.lab = lab;
    this.options = options;
    this.results = results;
    this.devClasspath = devClasspath;
  }

  void declareTargets() {
    results.target(BUNDLE, Metric.BUNDLE_GZIP, Target.BUDGET, 1.0);
    results.target(READY, Metric.READY_MS, Target.HAND_PAGE, 1 / 1.5);
  }

  void run(int round) throws IOException {
    // Sizes do not vary and a cold start is one TeaVM compile (~15 s): measured once, in round 1.
    if (round == 1 && (options.runs(BUNDLE) || options.runs(START))) {
      figures(round);
    }
    if (options.runs(READY)) {
      ready(round);
    }
  }

  private Path cache() {
    return lab.root().resolve("violetear-bench/target/bench-work/client-cache");
  }

  private void figures(int round) throws IOException {
    Path cache = cache();
    delete(cache);
    JsonNode cold = clientFigures("cold-r" + round, cache);
    JsonNode cached = clientFigures("cached-r" + round, cache);
    results.add(START, Metric.COLD_START_MS, Target.OURS, cold.path("startMs").asDouble());
    results.add(START, Metric.CACHED_START_MS, Target.OURS, cached.path("startMs").asDouble());
    results.add(BUNDLE, Metric.BUNDLE_RAW, Target.OURS, cached.path("raw").asDouble());
    results.add(BUNDLE, Metric.BUNDLE_GZIP, Target.OURS, cached.path("gzip").asDouble());
    results.add(BUNDLE, Metric.BUNDLE_GZIP, Target.BUDGET, GZIP_BUDGET);
  }

  private JsonNode clientFigures(String name, Path cache) throws IOException {
    List<String> command =
        List.of(
            lab.java(), "-cp", devClasspath, "dev.violetear.bench.ClientFigures", cache.toString());
    try (Proc p =
        Proc.start("client-figures-" + name, Lab.SERVER_CORE, lab.root(), lab.logs(), command)) {
      return p.await("result", Duration.ofMinutes(5));
    }
  }

  /**
   * Times the counter app's page, the app whose scripts {@link #BUNDLE} weighs, not the showcase's
   * counter page: the showcase is one app, so each of its pages loads the client code of all nine
   * (about 59 KB gzip against the counter's 13 KB). In the bench: the showcase's counter page 342
   * ms to ready against 199 for the page by hand, the counter app alone 189 against 171.
   */
  private void ready(int round) throws IOException {
    int runs = options.quick() ? 2 : 3;
    List<String> counter =
        List.of(
            lab.java(),
            "-XX:+UseG1GC",
            "-cp",
            devClasspath,
            "dev.violetear.bench.CounterPage",
            "" + lab.port(),
            cache().toString());
    // Both pages are served at once, so that one browser can take their runs in turn.
    try (Proc server =
            Proc.start("counter-r" + round, Lab.SERVER_CORE, lab.root(), lab.logs(), counter);
        Proc hand = lab.start(Target.HAND_PAGE, "hand-r" + round, handPort())) {
      awaitHttp(lab.base() + "/");
      awaitHttp(handBase() + "/hand/counter.html");
      List<String> command =
          List.of(
              "node",
              "ready.js",
              "--url",
              lab.base() + "/",
              "--mark",
              "violetear",
              "--other-url",
              handBase() + "/hand/counter.html",
              "--other-mark",
              "dom",
              "--runs",
              "" + runs);
      JsonNode r;
      try (Proc p = Proc.start("ready-r" + round, Lab.LOAD_CORE, lab.node(), lab.logs(), command)) {
        r = p.await("result", Duration.ofMinutes(3));
      }
      results.add(READY, Metric.READY_MS, Target.OURS, r.path("p50").asDouble());
      results.add(READY, Metric.READY_MS, Target.HAND_PAGE, r.path("other").path("p50").asDouble());
    }
  }

  /** The hand-written page's own port: after the socket targets' (see RealtimeScenarios). */
  private int handPort() {
    return lab.port() + 8;
  }

  private String handBase() {
    return "http://127.0.0.1:" + handPort();
  }

  /** Waits until {@code url} answers 200: the shipped jar says nothing on standard output. */
  private static void awaitHttp(String url) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for " + url);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(url + " did not answer 200 within a minute");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for " + url);
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
