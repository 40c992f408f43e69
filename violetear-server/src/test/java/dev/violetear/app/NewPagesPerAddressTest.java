// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.issueCookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.Server;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * New page sessions per address: one address cannot fill the page sessions every page shares, and a
 * page that resumes is never refused. Attacks come from 127.0.0.20 and up, the honest page from
 * 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NewPagesPerAddressTest {
  static final class Ping {
    @Server.Realtime
    static void ping() {}
  }

  App app;

  @BeforeAll
  void start() {
    app =
        TestApps.start(
            config -> config.limits(limits -> limits.newPagesPerAddress(3)),
            a -> a.register(Ping.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void anAddressPastItsNewPagesIsRefusedWith429WhileOthersOpenPages() {
    for (int i = 0; i < 3; i++) {
      try (LoopbackSocket page = LoopbackSocket.open(app, "127.0.0.20")) {
        assertThat(page.status()).isEqualTo(101);
      }
    }

    try (LoopbackSocket over = LoopbackSocket.open(app, "127.0.0.20");
        LoopbackSocket again = LoopbackSocket.open(app, "127.0.0.20")) {
      assertThat(over.status()).isEqualTo(429);
      assertThat(again.status()).isEqualTo(429);
    }
    try (LoopbackSocket elsewhere = LoopbackSocket.open(app, "127.0.0.22");
        TestSocket honest = TestSocket.welcomed(app, issueCookie(app))) {
      assertThat(elsewhere.status()).isEqualTo(101);
      assertThat(honest.id()).isNotEmpty();
    }
    await().until(() -> TestApps.serverLog().contains("Refusing new pages: address 127.0.0.20"));
    assertThat(TestApps.serverLog().split("Refusing new pages: address 127.0.0.20", -1))
        .as("logged once for the two refusals")
        .hasSize(2);
  }

  @Test
  void aPageThatResumesIsNeverRefusedEvenWhenItsAddressIsOverTheLimit() {
    String cookie = "Cookie: violetear_client=" + issueCookie(app);
    String path = "/_violetear/ws?session=resuming-page-1";
    try (LoopbackSocket first = LoopbackSocket.upgrade(app, "127.0.0.21", path, cookie)) {
      assertThat(first.status()).isEqualTo(101);
      assertThat(first.nextFrame()).contains("\"resumed\":false");
    }
    for (int i = 0; i < 2; i++) {
      try (LoopbackSocket page = LoopbackSocket.open(app, "127.0.0.21", cookie)) {
        assertThat(page.status()).isEqualTo(101);
      }
    }
    try (LoopbackSocket fresh = LoopbackSocket.open(app, "127.0.0.21", cookie)) {
      assertThat(fresh.status()).as("a new page past the limit").isEqualTo(429);
    }

    try (LoopbackSocket back = LoopbackSocket.upgrade(app, "127.0.0.21", path, cookie)) {
      assertThat(back.status()).isEqualTo(101);
      assertThat(back.nextFrame()).contains("\"resumed\":true");
    }
  }
}
