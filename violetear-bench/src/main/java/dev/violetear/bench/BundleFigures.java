// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench;

import dev.violetear.app.App;
import dev.violetear.examples.Counter;
import dev.violetear.examples.Showcase;
import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.compiler.BundleCompiler;
import dev.violetear.internal.model.AppModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Prints the bundle figures of the counter app and the showcase: the counter's bundle and every
 * script its page downloads (see {@link PageScripts}), raw and gzipped, and how long {@code
 * App.start} takes in this JVM. Run it twice on one cache directory, each time in a fresh JVM: the
 * first run compiles (cold), the second loads from the cache. {@code bin/figures} does exactly
 * that.
 *
 * <p>Usage: {@code BundleFigures <label> <cache-dir>}
 */
public final class BundleFigures {
  private BundleFigures() {}

  public static void main(String[] args) throws IOException {
    String label = args[0];
    Path cache = Path.of(args[1]);

    long t0 = System.nanoTime();
    App counter = ClientFigures.counterApp(cache);
    counter.start(0);
    long counterStart = System.nanoTime() - t0;
    PageScripts pageScripts;
    try {
      pageScripts = PageScripts.of(counter, "/");
    } finally {
      counter.stop();
    }
    Bundle counterBundle = new BundleCompiler(cache).compile(AppModel.of(List.of(Counter.class)));

    long t1 = System.nanoTime();
    App showcase = Showcase.create(cache);
    showcase.start(0);
    long showcaseStart = System.nanoTime() - t1;
    showcase.stop();

    System.out.printf(
        Locale.ROOT,
        "%-7s counter  App.start %6d ms   bundle %s%n",
        label,
        counterStart / 1_000_000,
        sizes(counterBundle.js()));
    System.out.printf(
        Locale.ROOT, "%-7s counter  page scripts %s%n", label, pageScripts.describe());
    System.out.printf(
        Locale.ROOT, "%-7s showcase App.start %6d ms%n", label, showcaseStart / 1_000_000);
  }

  private static String sizes(String js) throws IOException {
    byte[] raw = js.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return String.format(Locale.ROOT, "%,d B raw, %,d B gzip", raw.length, out.size());
  }
}
