// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.targets;

import dev.violetear.app.App;
import dev.violetear.app.AppConfig;
import dev.violetear.markup.Document;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The framework under test: an app registering {@link Echo}, with the rate limit raised so that the
 * load generator's closed loops are never refused, and the sockets per address so that its
 * thousands of sockets from one address are not. Usage: {@code OursTarget <port>
 * <bundle-cache-dir>}.
 */
public final class OursTarget {
  private OursTarget() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    App app = app(Path.of(args[1]), config -> {});
    app.start(port);
    try {
      new Control(payload -> app.clients().all().invoke(Echo::tick, payload)).serve(port);
    } finally {
      app.stop();
    }
  }

  /**
   * The bench app, not started, configured as every target of ours is plus {@code more}: one
   * definition, so that a node of the multi-node target differs from this one only by its
   * backplane.
   */
  static App app(Path bundleCache, Consumer<AppConfig> more) {
    return App.create(
            "Bench",
            config -> {
              config
                  .bundleCacheDir(bundleCache)
                  .maxMessagesPerSecond(1_000_000)
                  // Every load socket comes from 127.0.0.1, up to 16,000 in the fan-out,
                  // each a new page, and all at once in the reconnect storm.
                  .limits(
                      limits ->
                          limits
                              .socketsPerAddress(1_000_000)
                              .connectionsPerAddress(1_000_000)
                              .newPagesPerAddress(10_000_000));
              more.accept(config);
            })
        .register(Echo.class)
        // A page load issues the client cookie a resuming socket needs (the storm).
        .view("/", () -> Document.titled("Bench"));
  }
}
