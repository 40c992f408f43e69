// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.ClientId;
import dev.violetear.Server;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** A page's frames across reconnects: resent frames run at most once, and in order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveryTest {
  static final class Ledger {
    static final Seen seen = new Seen();
    static volatile CountDownLatch disconnectGate = new CountDownLatch(0);

    @Server.Realtime
    static void entry(String text) {
      seen.add(ClientId.caller(), text);
    }

    @Server.On("connect")
    static void connected(ClientId id) {
      seen.add(id, "connect");
    }

    @Server.On("disconnect")
    static void disconnected(ClientId id) {
      try {
        disconnectGate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.add(id, "disconnect");
    }
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Ledger.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void aNewPageSessionStartsAtSeqZero() {
    try (TestSocket s = TestSocket.welcomed(app, null, "page-session-new-1")) {
      assertThat(s.lastSeq()).isZero();
    }
  }

  @Test
  void framesResentAfterAReconnectRunAtMostOnceAndInOrder() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket first = TestSocket.welcomed(app, cookie, "page-session-resend")) {
      first.call(1, "Ledger.entry", "one").expectAck(1);
      first.call(2, "Ledger.entry", "two").expectAck(2);
    }
    await().until(() -> Ledger.seen.of(id).contains("disconnect"));

    try (TestSocket again = TestSocket.welcomed(app, cookie, "page-session-resend")) {
      assertThat(again.lastSeq()).isEqualTo(2);
      // The browser did not see the ack of 2 before the drop, so it sends 2 again, then 3.
      again.call(2, "Ledger.entry", "two").expectAck(2);
      again.call(3, "Ledger.entry", "three").expectAck(3);
    }

    await().until(() -> Ledger.seen.of(id).size() == 7);
    assertThat(Ledger.seen.of(id))
        .containsExactly("connect", "one", "two", "disconnect", "connect", "three", "disconnect");
  }

  @Test
  void anotherClientCannotResumeASessionByItsName() {
    String owner = issueCookie(app);
    try (TestSocket first = TestSocket.welcomed(app, owner, "page-session-shared-name")) {
      first.call(1, "Ledger.entry", "mine").expectAck(1);
    }
    String intruder = issueCookie(app);
    try (TestSocket other = TestSocket.welcomed(app, intruder, "page-session-shared-name")) {
      assertThat(other.lastSeq()).isZero();
      other.call(1, "Ledger.entry", "theirs").expectAck(1);
    }
    await().until(() -> Ledger.seen.of(idOf(intruder)).contains("theirs"));
  }

  @Test
  void aSocketThatFailsWhileTheServerRegistersItDoesNotHoldUpItsPagesReconnect() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    TestFaults.setCloseWhileRegistering(true);
    try {
      TestSocket failing = TestSocket.open(app, cookie, "page-session-register-race");
      failing.closeStatus();
    } catch (RuntimeException e) {
      // The client may see the upgrade fail instead: either way the socket is gone.
    } finally {
      TestFaults.setCloseWhileRegistering(false);
    }
    await().until(() -> Ledger.seen.of(id).contains("disconnect"));
    // Had the early close been missed, this reconnect would wait for it forever.
    try (TestSocket again = TestSocket.welcomed(app, cookie, "page-session-register-race")) {
      again.call(1, "Ledger.entry", "after the race").expectAck(1);
    }
    await().until(() -> Ledger.seen.of(id).contains("after the race"));
  }

  @Test
  void aReconnectStartsOnlyAfterTheOldConnectionsDisconnectHandlersFinished() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    Ledger.disconnectGate = new CountDownLatch(1);
    try {
      try (TestSocket first = TestSocket.welcomed(app, cookie, "page-session-order")) {
        first.call(1, "Ledger.entry", "before").expectAck(1);
      }
      TestSocket again = TestSocket.open(app, cookie, "page-session-order");
      try (again) {
        // The old connection's disconnect handler is still blocked: no welcome yet.
        again.expectNothingYet();
        Ledger.disconnectGate.countDown();
        assertThat(again.next().get("t").asText()).isEqualTo("welcome");
        again.call(2, "Ledger.entry", "after").expectAck(2);
      }
    } finally {
      Ledger.disconnectGate.countDown();
    }
    await().until(() -> Ledger.seen.of(id).size() == 6);
    assertThat(Ledger.seen.of(id))
        .isEqualTo(List.of("connect", "before", "disconnect", "connect", "after", "disconnect"));
  }
}
