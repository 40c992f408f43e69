// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench;

import dev.violetear.app.App;
import dev.violetear.examples.Counter;
import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.compiler.BundleCompiler;
import dev.violetear.internal.model.AppModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The counter app's client cost for the benchmark, as one JSON line: {@code App.start} in this JVM
 * (a cold compile or a cached start, depending on the cache directory) and what a page downloads,
 * the runtime and the bundle, raw and gzipped. Run on a classpath without a prebuilt bundle, so
 * that the start really compiles. Usage: {@code ClientFigures <cache-dir>}.
 */
public final class ClientFigures {
  private static final String RUNTIME = "/dev/violetear/internal/runtime/violetear.js";

  private ClientFigures() {}

  public static void main(String[] args) throws IOException {
    Path cache = Path.of(args[0]);
    long t0 = System.nanoTime();
    App counter = App.create("Counter", c -> c.bundleCacheDir(cache)).register(Counter.class);
    counter.start(0);
    long startNanos = System.nanoTime() - t0;
    counter.stop();
    Bundle bundle = new BundleCompiler(cache).compile(AppModel.of(List.of(Counter.class)));
    byte[] runtime;
    try (InputStream in = App.class.getResourceAsStream(RUNTIME)) {
      runtime = in.readAllBytes();
    }
    byte[] js = bundle.js().getBytes(StandardCharsets.UTF_8);
    System.out.printf(
        "{\"event\":\"result\",\"startMs\":%d,\"raw\":%d,\"gzip\":%d}%n",
        startNanos / 1_000_000, runtime.length + js.length, gzipped(runtime) + gzipped(js));
  }

  /** The size of {@code bytes} gzipped, as the server sends scripts. */
  static int gzipped(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.size();
  }
}
