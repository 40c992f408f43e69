// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.issueCookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.violetear.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Open sockets per client and per address: one client or one address cannot take the sockets (and
 * descriptors) every client shares. Attacks come from 127.0.0.2 and up, the honest page from
 * 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketLimitsTest {
  static final class Ping {
    @Server.Realtime
    static void ping() {}
  }

  App app;
  App behindProxy;

  @BeforeAll
  void start() {
    app =
        TestApps.start(
            config -> config.limits(limits -> limits.socketsPerClient(2).socketsPerAddress(3)),
            a -> a.register(Ping.class));
    behindProxy =
        TestApps.start(
            config ->
                config.limits(limits -> limits.socketsPerAddress(1).trustedProxies("127.0.0.1")),
            a -> a.register(Ping.class));
  }

  @AfterAll
  void stop() {
    app.stop();
    behindProxy.stop();
  }

  @Test
  void aClientPastItsSocketsIsRefusedWith429UntilOneCloses() {
    String cookie = "Cookie: violetear_client=" + issueCookie(app);
    try (LoopbackSocket first = LoopbackSocket.welcomed(app, "127.0.0.3", cookie);
        LoopbackSocket second = LoopbackSocket.welcomed(app, "127.0.0.4", cookie)) {
      try (LoopbackSocket third = LoopbackSocket.open(app, "127.0.0.5", cookie)) {
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.head()).contains("application/json");
      }
      // Another client is not affected.
      try (TestSocket other = TestSocket.welcomed(app, issueCookie(app))) {
        assertThat(other.id()).isNotEmpty();
      }
      first.close();
      List<LoopbackSocket> opened = new ArrayList<>();
      try {
        await().until(() -> admitted(app, opened, "127.0.0.6", cookie));
      } finally {
        opened.forEach(LoopbackSocket::close);
      }
    }
  }

  @Test
  void handshakesRacingPastTheCheckStillOpenNoMoreSocketsThanTheLimit() throws Exception {
    String cookie = "Cookie: violetear_client=" + issueCookie(app);
    int racers = 12;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<LoopbackSocket>> sockets = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      String from = "127.0.1." + (i + 1);
      sockets.add(
          pool.submit(
              () -> {
                start.await();
                return LoopbackSocket.open(app, from, cookie);
              }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    try {
      for (Future<LoopbackSocket> f : sockets) {
        LoopbackSocket s = f.get();
        // Past the check, a socket over the limit opens and is closed at once with 4029.
        String first = s.status() == 101 ? s.nextFrame() : "";
        outcomes.add(
            s.status() == 101 && first.startsWith("text:{\"t\":\"welcome\"")
                ? "welcomed"
                : s.status() == 101 ? first : "status " + s.status());
      }
    } finally {
      pool.shutdownNow();
      for (Future<LoopbackSocket> f : sockets) {
        f.get().close();
      }
    }
    assertThat(outcomes).filteredOn("welcomed"::equals).hasSize(2);
    assertThat(outcomes)
        .filteredOn(o -> !o.equals("welcomed"))
        .allMatch(o -> o.equals("status 429") || o.equals("close:4029"), "429 or 4029");
  }

  @Test
  void anAddressPastItsSocketsIsRefusedWhileOtherAddressesConnect() {
    List<LoopbackSocket> held = new ArrayList<>();
    try {
      // No cookie: every socket is a new client, as a script that drops its cookie would be.
      for (int i = 0; i < 3; i++) {
        held.add(LoopbackSocket.welcomed(app, "127.0.0.7"));
      }
      try (LoopbackSocket over = LoopbackSocket.open(app, "127.0.0.7")) {
        assertThat(over.status()).isEqualTo(429);
      }
      try (TestSocket honest = TestSocket.welcomed(app, issueCookie(app))) {
        assertThat(honest.id()).isNotEmpty();
      }
      try (LoopbackSocket elsewhere = LoopbackSocket.open(app, "127.0.0.8")) {
        assertThat(elsewhere.status()).isEqualTo(101);
      }
    } finally {
      held.forEach(LoopbackSocket::close);
    }
  }

  @Test
  void behindATrustedProxyTheForwardedAddressIsCountedAndOnlyFromIt() {
    String forwarded = "X-Forwarded-For: 203.0.113.7";
    try (LoopbackSocket first = LoopbackSocket.welcomed(behindProxy, "127.0.0.1", forwarded);
        LoopbackSocket again = LoopbackSocket.open(behindProxy, "127.0.0.1", forwarded);
        LoopbackSocket other =
            LoopbackSocket.open(behindProxy, "127.0.0.1", "X-Forwarded-For: 203.0.113.8")) {
      assertThat(again.status()).as("203.0.113.7 already holds its socket").isEqualTo(429);
      assertThat(other.status()).as("another client behind the proxy").isEqualTo(101);
    }
    // From a peer that is not a trusted proxy the header is the client's own word: ignored.
    try (LoopbackSocket spoofing =
            LoopbackSocket.welcomed(behindProxy, "127.0.0.9", "X-Forwarded-For: 203.0.113.10");
        LoopbackSocket spoofingMore =
            LoopbackSocket.open(behindProxy, "127.0.0.9", "X-Forwarded-For: 203.0.113.11")) {
      assertThat(spoofingMore.status()).as("counted as 127.0.0.9 both times").isEqualTo(429);
    }
  }

  @Test
  void limitsOutOfRangeAndProxiesThatAreNotAddressesAreRefusedNamingThem() {
    AtomicReference<Limits> limits = new AtomicReference<>();
    new AppConfig().limits(limits::set);
    assertThatThrownBy(() -> limits.get().socketsPerClient(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Limits.socketsPerClient(0): the limit must be between 1 and 10000000 sockets");
    assertThatThrownBy(() -> limits.get().socketsPerAddress(-5))
        .hasMessageStartingWith("Limits.socketsPerAddress(-5)");
    assertThatThrownBy(() -> limits.get().trustedProxies("10.0.0.5", "proxy.internal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "trustedProxies: 'proxy.internal' is not an IP address; name each proxy by its"
                + " address, such as \"10.0.0.5\" or \"::1\" (host names are not resolved)");
  }

  /** Opens one socket from {@code from}: true when it was admitted (it is then kept open). */
  private static boolean admitted(
      App app, List<LoopbackSocket> opened, String from, String... headers) {
    LoopbackSocket s = LoopbackSocket.open(app, from, headers);
    opened.add(s);
    return s.status() == 101;
  }
}
