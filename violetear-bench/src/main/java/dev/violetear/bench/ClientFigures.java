// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench;

import dev.violetear.app.App;
import dev.violetear.examples.Counter;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The counter app's client cost for the benchmark, as one JSON line: {@code App.start} in this JVM
 * (a cold compile or a cached start, depending on the cache directory) and what its page downloads,
 * every script the page lists (see {@link PageScripts}), raw and gzipped. Run on a classpath
 * without a prebuilt bundle, so that the start really compiles. Usage: {@code ClientFigures
 * <cache-dir>}.
 */
public final class ClientFigures {
  private ClientFigures() {}

  public static void main(String[] args) throws IOException {
    Path cache = Path.of(args[0]);
    long t0 = System.nanoTime();
    App counter = counterApp(cache);
    counter.start(0);
    long startNanos = System.nanoTime() - t0;
    PageScripts scripts;
    try {
      scripts = PageScripts.of(counter, "/");
    } finally {
      counter.stop();
    }
    System.out.printf(
        "{\"event\":\"result\",\"startMs\":%d,\"scripts\":%d,\"raw\":%d,\"gzip\":%d}%n",
        startNanos / 1_000_000, scripts.urls().size(), scripts.raw(), scripts.gzip());
  }

  /** The counter alone, with a page that binds its buttons as the showcase's counter page does. */
  static App counterApp(Path cache) {
    return App.create("Counter", c -> c.bundleCacheDir(cache))
        .register(Counter.class)
        .view(
            "/",
            () ->
                Document.titled("Counter")
                    .body(
                        Html.div().id("display").text("Count: 0"),
                        Html.button("-").id("minus").on("click", Counter::minus),
                        Html.button("+").id("plus").on("click", Counter::plus)));
  }
}
