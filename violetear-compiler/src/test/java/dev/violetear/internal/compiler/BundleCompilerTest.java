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
}
