// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench;

import dev.violetear.app.App;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Serves the counter app alone, the app whose page scripts {@link ClientFigures} weighs, until its
 * standard input closes, as the bench's other targets do: the page timed from navigation to {@code
 * ready} against the same counter written by hand. Usage: {@code CounterPage <port> <cache-dir>};
 * the bundle comes from the cache when it holds one, else the start compiles it.
 *
 * <pre>{@code
 * java -cp <dev classpath> dev.violetear.bench.CounterPage 19100 target/bench-work/client-cache
 * }</pre>
 */
public final class CounterPage {
  private CounterPage() {}

  public static void main(String[] args) throws IOException {
    App counter = ClientFigures.counterApp(Path.of(args[1]));
    counter.start(Integer.parseInt(args[0]));
    // The bench closes it to stop a target; without this it waited 10 s, then killed it.
    System.in.transferTo(OutputStream.nullOutputStream());
    counter.stop();
  }
}
