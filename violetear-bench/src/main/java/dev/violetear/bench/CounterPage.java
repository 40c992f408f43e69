// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench;

import dev.violetear.app.App;
import java.nio.file.Path;

/**
 * Serves the counter app alone, the app whose page scripts {@link ClientFigures} weighs, until the
 * process is stopped: the page timed from navigation to {@code ready} against the same counter
 * written by hand. Usage: {@code CounterPage <port> <cache-dir>}; the bundle comes from the cache
 * when it holds one, else the start compiles it.
 *
 * <pre>{@code
 * java -cp <dev classpath> dev.violetear.bench.CounterPage 19100 target/bench-work/client-cache
 * }</pre>
 */
public final class CounterPage {
  private CounterPage() {}

  public static void main(String[] args) {
    App counter = ClientFigures.counterApp(Path.of(args[1]));
    counter.start(Integer.parseInt(args[0]));
  }
}
