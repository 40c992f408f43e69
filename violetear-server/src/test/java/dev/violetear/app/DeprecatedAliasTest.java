// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The deprecated aliases still work, and each says once that it is deprecated. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeprecatedAliasTest {
  @SuppressWarnings("deprecation")
  static final class Legacy {
    static final Seen seen = new Seen();

    @Server.Connect
    static void joined(ClientId id) {
      seen.add(id.value(), "connect via @Server.Connect");
    }

    @Server.Connect
    static void joinedAgain() {
      seen.add("any", "second alias");
    }

    @Client.Startup
    static void init() {}
  }

  @Test
  void aliasesRunLikeTheirReplacementsAndWarnOnceEach() {
    try (App app = TestApps.start(a -> a.register(Legacy.class));
        TestSocket s = TestSocket.welcomed(app, null)) {
      await().until(() -> Legacy.seen.of(s.id()).contains("connect via @Server.Connect"));

      String log = TestApps.serverLog();
      assertThat(log)
          .containsOnlyOnce(
              "@Server.Connect (on Legacy.joined) is deprecated: write"
                  + " @Server.On(\"connect\") instead.");
      assertThat(log)
          .containsOnlyOnce(
              "@Client.Startup (on Legacy.init) is deprecated: write"
                  + " @Client.On(\"ready\") instead.");
      assertThat(log).doesNotContain("Legacy.joinedAgain) is deprecated");
    }
  }
}
