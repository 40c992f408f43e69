// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.bundle;

import java.time.Duration;

/**
 * The compiled browser bundle of an app, and where it came from.
 *
 * <pre>{@code
 * Bundle bundle = Bundles.obtain(model, Path.of(".violetear", "cache"));
 * log.info("bundle {}", bundle.describe());   // "prebuilt", "loaded from cache", "compiled in 812 ms"
 * }</pre>
 *
 * @param js the JavaScript source
 * @param hash a content hash, used in the bundle's URL so browsers may cache it forever
 * @param source where the bundle came from
 * @param took how long producing it took
 */
public record Bundle(String js, String hash, Source source, Duration took) {

  /** Where a bundle came from. */
  public enum Source {
    /** Compiled by TeaVM at start (dev mode, cache miss). */
    COMPILED,
    /** Read from the dev-mode disk cache. */
    CACHE,
    /** Built by the violetear-maven-plugin and read from the classpath. */
    PREBUILT
  }

  /** Whether the bundle came from the dev-mode disk cache instead of a TeaVM compile. */
  public boolean fromCache() {
    return source == Source.CACHE;
  }

  /** Says where the bundle came from, for the start log line. */
  public String describe() {
    return switch (source) {
      case PREBUILT -> "prebuilt";
      case CACHE -> "loaded from cache";
      case COMPILED -> "compiled in " + took.toMillis() + " ms";
    };
  }
}
