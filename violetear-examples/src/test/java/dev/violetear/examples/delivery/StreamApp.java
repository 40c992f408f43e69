// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import dev.violetear.app.App;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The app the delivery tests drive: {@link Stream} on {@code /stream}, with their bundle cache.
 *
 * <pre>{@code
 * static final BrowserFixture browser = new BrowserFixture(StreamApp::create);
 * }</pre>
 */
final class StreamApp {
  private StreamApp() {}

  static App create() {
    return create(Duration.ofSeconds(15));
  }

  /** The app with a heartbeat of {@code heartbeat} (see {@code Limits.heartbeat}). */
  static App create(Duration heartbeat) {
    return App.create(
            "Stream",
            c ->
                c.bundleCacheDir(Path.of("target", "delivery-cache"))
                    .limits(limits -> limits.heartbeat(heartbeat)))
        .register(Stream.class)
        .view("/stream", Stream::page);
  }
}
