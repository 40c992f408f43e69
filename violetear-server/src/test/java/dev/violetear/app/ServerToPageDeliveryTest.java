// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Server-to-page frames across drops: numbered per page session, kept until acknowledged, sent
 * again to a page that resumes within the grace period, and dropped (visibly) otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerToPageDeliveryTest {
  static final class Notes {
    static final Seen seen = new Seen();

    @Client.Realtime
    static void note(String text) {}

    @Server.On("disconnect")
    static void disconnected(ClientId id) {
      seen.add(id, "disconnect");
    }
  }

  App app;
  App impatient;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Notes.class));
    impatient =
        TestApps.start(config -> config.resumeGrace(Duration.ZERO), a -> a.register(Notes.class));
  }

  @AfterAll
  void stop() {
    app.stop();
    impatient.stop();
  }

  private static JsonNode note(String text) {
    return frame("t", "invoke", "fn", "Notes.note", "args", new String[] {text});
  }

  /** {@code replay}: the seq of the last frame resent after the welcome, 0 when none. */
  private static JsonNode welcome(String id, boolean resumed, long replay) {
    return TestSocket.welcome(id, resumed, replay, 200);
  }

  @Test
  void callsSentWhileThePageWasAwayArriveOnceInOrderWhenItResumes() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket first = TestSocket.welcomed(app, cookie, "page-s2c-resume")) {
      app.clients().to(ClientId.of(id)).invoke(Notes::note, "one");
      app.clients().to(ClientId.of(id)).invoke(Notes::note, "two");
      first.expect(note("one")).expect(note("two"));
    }
    await().until(() -> Notes.seen.of(id).contains("disconnect"));
    app.clients().to(ClientId.of(id)).invoke(Notes::note, "three");
    app.clients().all().invoke(Notes::note, "four");

    // The page had both frames but its ack was lost with the connection: it names seq 2.
    try (TestSocket again = TestSocket.open(app, cookie, "page-s2c-resume", 2).receivedUpTo(2)) {
      again.expect(welcome(id, true, 4)).expect(note("three")).expect(note("four"));
      app.clients().to(ClientId.of(id)).invoke(Notes::note, "five");
      again.expect(note("five"));
    }
  }

  @Test
  void acknowledgedFramesAreNotSentAgain() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket first = TestSocket.welcomed(app, cookie, "page-s2c-acked")) {
      for (String text : new String[] {"a", "b", "c", "d"}) {
        app.clients().to(ClientId.of(id)).invoke(Notes::note, text);
      }
      first.expect(note("a")).expect(note("b")).expect(note("c")).expect(note("d"));
      first.ack(3);
      // The ack skips the handler queue; a call behind it shows it was read.
      first.send("{\"t\":\"nonsense\"}").next();
    }
    await().until(() -> Notes.seen.of(id).contains("disconnect"));
    // A page that lost count (received=0) still gets only what it never acknowledged.
    try (TestSocket again = TestSocket.open(app, cookie, "page-s2c-acked", 0).receivedUpTo(3)) {
      again.expect(welcome(id, true, 4)).expect(note("d"));
      again.expectNothingYet();
    }
  }

  @Test
  void anAckWrittenAnotherWayIsReadByTheDispatcherAndOneWithoutASeqIsRefused() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket first = TestSocket.welcomed(app, cookie, "page-s2c-spaced-ack")) {
      for (String text : new String[] {"a", "b", "c"}) {
        app.clients().to(ClientId.of(id)).invoke(Notes::note, text);
      }
      first.expect(note("a")).expect(note("b")).expect(note("c"));
      first.send("{ \"seq\": 2, \"t\": \"ack\" }");
      first.send("{\"t\":\"ack\"}");
      first.expect(
          TestSocket.badFrame("the ack frame must carry the last 'seq' the page received"));
    }
    await().until(() -> Notes.seen.of(id).contains("disconnect"));
    try (TestSocket again =
        TestSocket.open(app, cookie, "page-s2c-spaced-ack", 0).receivedUpTo(2)) {
      again.expect(welcome(id, true, 3)).expect(note("c"));
    }
  }

  @Test
  void aNewerConnectionOfThePageTakesOverAndClosesTheOldOne() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    TestSocket old = TestSocket.welcomed(app, cookie, "page-s2c-takeover");
    try (old;
        TestSocket newer = TestSocket.open(app, cookie, "page-s2c-takeover", 0)) {
      assertThat(old.closeStatus()).isEqualTo(4000);
      newer.expect(welcome(id, true, 0));
      app.clients().to(ClientId.of(id)).invoke(Notes::note, "to the newer one");
      newer.expect(note("to the newer one"));
    }
  }

  @Test
  void aPageBackAfterTheGracePeriodStartsAfreshAndWhatWaitedIsDropped() {
    String cookie = issueCookie(impatient);
    String id = idOf(cookie);
    try (TestSocket first = TestSocket.welcomed(impatient, cookie, "page-s2c-late")) {
      impatient.clients().to(ClientId.of(id)).invoke(Notes::note, "seen");
      first.expect(note("seen"));
    }
    await().until(() -> Notes.seen.of(id).contains("disconnect"));
    impatient.clients().to(ClientId.of(id)).invoke(Notes::note, "missed");

    try (TestSocket again = TestSocket.open(impatient, cookie, "page-s2c-late", 1)) {
      again.expect(welcome(id, false, 0));
      impatient.clients().to(ClientId.of(id)).invoke(Notes::note, "fresh");
      // A fresh session numbers from 1 again; "missed" is gone.
      again.expect(note("fresh"));
    }
  }

  @Test
  void aPageThatNeverAcknowledgesIsDroppedWithAReasonAndStartsAfresh() throws Exception {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    int limit = 4096;
    try (TestSocket slow = TestSocket.welcomed(app, cookie, "page-s2c-slow")) {
      for (int i = 0; i <= limit; i++) {
        app.clients().to(ClientId.of(id)).invoke(Notes::note, "n" + i);
      }
      assertThat(slow.closeStatus()).isEqualTo(1013);
    }
    await().until(() -> Notes.seen.of(id).contains("disconnect"));
    await()
        .until(
            TestApps::serverLog,
            log ->
                log.contains(
                    "client "
                        + id
                        + " has not acknowledged 4096 frames, the most a page may leave"
                        + " waiting; dropping its page session"));
    try (TestSocket again = TestSocket.open(app, cookie, "page-s2c-slow", limit)) {
      again.expect(welcome(id, false, 0));
      app.clients().to(ClientId.of(id)).invoke(Notes::note, "after");
      again.expect(note("after"));
    }
  }
}
