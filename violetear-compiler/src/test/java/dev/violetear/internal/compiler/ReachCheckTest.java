// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.VioletearException;
import dev.violetear.internal.model.AppModel;
import example.reach.LambdaBinding;
import example.reach.Leaky;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReachCheckTest {
  @TempDir Path cache;

  @Test
  void clientCodeReachingServerOnlyCodeFailsTheBuildNamingTheClientMethodAndTheClass() {
    assertThatThrownBy(() -> new BundleCompiler(cache).compile(AppModel.of(List.of(Leaky.class))))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "Client code reaches server-only code (2 problems):\n"
                + "  - Client method Leaky.exists reaches server-only class 'java.nio.file.Files'"
                + " (Leaky.exists -> java.nio.file.Files.isDirectory). Browser code cannot use it:"
                + " move that work into a @Server.Rpc method and call it from the client.\n"
                + "  - Client method Leaky.show reaches server-only class 'java.sql.DriverManager'"
                + " (Leaky.show -> Leaky.load -> java.sql.DriverManager.getLoginTimeout). Browser code"
                + " cannot use it: move that work into a @Server.Rpc method and call it from the"
                + " client.");
  }

  @Test
  void markupBuiltInTheBrowserMustBindMethodReferencesToClientCallbacks() {
    assertThatThrownBy(
            () -> new BundleCompiler(cache).compile(AppModel.of(List.of(LambdaBinding.class))))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "Client code cannot go into the browser bundle (2 problems):\n"
                + "  - Client code LambdaBinding.build binds a DOM event with .on(...) to a lambda:"
                + " bind a method reference to a static @Client.Callback method, for example"
                + " .on(\"click\", Counter::plus), as on the server.\n"
                + "  - Client code LambdaBinding.build binds a DOM event with .on(...) to"
                + " LambdaBinding.notACallback, which is not a @Client.Callback method: bind a method"
                + " reference to a static @Client.Callback method, for example .on(\"click\","
                + " Counter::plus), as on the server.");
  }
}
