// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.model.AppModel;
import example.counter.Counter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCompilerTest {
  @TempDir Path cache;

  @Test
  void serverOnlyCodeInRpcBodiesNeverReachesTheBundle() {
    Bundle bundle = new BundleCompiler(cache).compile(AppModel.of(List.of(Counter.class)));

    assertThat(bundle.fromCache()).isFalse();
    assertThat(bundle.js())
        .contains("Counter.plus")
        .contains("Counter.add")
        .doesNotContain("SERVER_ONLY_MARKER")
        .doesNotContain("SERVER_ONLY_FILE_MARKER")
        .doesNotContain("jdbc");
    // A size budget, not a benchmark: the framework's client runtime must not drag in heavy JDK
    // parts (String.split or String.format pull in regex or Formatter, about 100 KB each).
    assertThat(bundle.js().length())
        .as("bundle size; did client runtime code start using regex or String.format?")
        .isLessThan(80_000);
  }

  @Test
  void anUnchangedAppIsLoadedFromTheCacheWithoutCompiling() {
    AppModel model = AppModel.of(List.of(Counter.class));
    Bundle first = new BundleCompiler(cache).compile(model);
    Bundle second = new BundleCompiler(cache).compile(model);

    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    assertThat(second.js()).isEqualTo(first.js());
    assertThat(second.hash()).isEqualTo(first.hash()).hasSize(16);
  }

  @Test
  void aDifferentAppDoesNotHitAnotherAppsCache() {
    new BundleCompiler(cache).compile(AppModel.of(List.of(Counter.class)));
    Bundle other = new BundleCompiler(cache).compile(AppModel.of(List.of(example.wire.Wire.class)));

    assertThat(other.fromCache()).isFalse();
  }

  @Test
  void staticServerStateOfAClassWithServerEventHandlersStaysOutOfTheBundle() {
    Bundle bundle =
        new BundleCompiler(cache).compile(AppModel.of(List.of(example.state.Stateful.class)));

    assertThat(bundle.js()).isNotEmpty().doesNotContain("STATE_MARKER");
  }

  @Test
  void aPrebuiltBundlesManifestCoversTheFrameworkCodeTheGlueReaches() {
    BundleCompiler.Prebuilt out =
        BundleCompiler.prebuild(AppModel.of(List.of(example.state.Listing.class)));

    // A change to any of these changes the bundle, so the server must see it as stale.
    assertThat(out.manifest().classHashes())
        .containsKeys(
            "example.state.Listing",
            "dev.violetear.internal.client.StateBinder",
            "dev.violetear.markup.Repeat",
            "dev.violetear.markup.ListDom",
            "dev.violetear.markup.BrowserDom");
  }
}
