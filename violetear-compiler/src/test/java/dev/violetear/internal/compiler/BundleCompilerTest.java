// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

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
}
