// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.VioletearException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server module's public types stay out of browser code: the bundle build names the misuse. */
class ServerOnlyTypesTest {
  static final class Member {}

  static final class Snooping {
    @Client.Callback
    static void who() {
      Optional<Member> member = Principal.current(Member.class);
      if (member.isPresent()) {
        throw new IllegalStateException("the principal is read on the server");
      }
    }
  }

  @Test
  void clientCodeReadingThePrincipalFailsTheBundleBuild() {
    App app =
        App.create("Snooping", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE))
            .register(Snooping.class);
    assertThatThrownBy(() -> app.start(0))
        .isInstanceOf(VioletearException.class)
        .hasMessageContaining(
            "Client method Snooping.who reaches server-only class 'dev.violetear.app.Principal'")
        .hasMessageContaining("move that work into a @Server.Rpc method");
    app.stop();
  }
}
