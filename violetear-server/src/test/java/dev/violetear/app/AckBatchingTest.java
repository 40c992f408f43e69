// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.ClientId;
import dev.violetear.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Acknowledgements as the page sees them: cumulative, shared by the frames of a batch, and never a
 * reason to run a frame twice across a reconnect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AckBatchingTest {
  static final class Desk {
    static final Seen seen = new Seen();
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @Server.Realtime
    static void hold() {
      seen.add(ClientId.caller(), "hold");
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Server.Realtime
    static void note(int n) {
      seen.add(ClientId.caller(), "note " + n);
    }

    @Server.On("disconnect")
    static void disconnected(ClientId id) {
      seen.add(id, "disconnect");
    }
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Desk.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void framesHandledInOneBatchShareOneAck() {
    int frames = 20;
    Desk.gate = new CountDownLatch(1);
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.call(1, "Desk.hold");
      await().until(() -> Desk.seen.of(s.id()).contains("hold"));
      // These wait behind the held frame, so the queue hands them to its handler as a batch.
      for (int seq = 2; seq <= frames; seq++) {
        s.call(seq, "Desk.note", seq);
      }
      Desk.gate.countDown();

      assertThat(s.expectAcksUpTo(frames)).isLessThan(frames);
      List<String> expected = new ArrayList<>(List.of("hold"));
      for (int seq = 2; seq <= frames; seq++) {
        expected.add("note " + seq);
      }
      assertThat(Desk.seen.of(s.id())).containsExactlyElementsOf(expected);
    } finally {
      Desk.gate.countDown();
    }
  }

  @Test
  void aLoneFrameIsStillAcknowledged() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      // The second ack follows the first within the hold time, so it is the timer's to send.
      s.call(1, "Desk.note", 1).expectAck(1);
      s.call(2, "Desk.note", 2).expectAck(2);
      s.call(3, "Desk.note", 3).expectAck(3);
    }
  }

  @Test
  void acksHeldWhenTheConnectionClosedNeitherReachTheNextOneNorRunAFrameTwice() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    String session = "ack-batching-resume";
    int frames = 30;
    try (TestSocket first = TestSocket.welcomed(app, cookie, session)) {
      // Back to back and closed at once: some of their acks are held or lost with the socket.
      for (int seq = 1; seq <= frames; seq++) {
        first.call(seq, "Desk.note", seq);
      }
      first.closeCleanly();
    }
    await().until(() -> Desk.seen.of(id).contains("disconnect"));

    try (TestSocket again = TestSocket.welcomed(app, cookie, session)) {
      assertThat(again.lastSeq()).isEqualTo(frames);
      // A page that missed the last ack resends the last frame: acknowledged again, not run. Its
      // ack is the first frame after the welcome, so nothing held for the old socket leaked here.
      again.call(frames, "Desk.note", frames).expectAck(frames);
      again.call(frames + 1, "Desk.note", frames + 1).expectAck(frames + 1);
    }

    await().until(() -> Desk.seen.of(id).size() == frames + 3);
    List<String> expected = new ArrayList<>();
    for (int seq = 1; seq <= frames; seq++) {
      expected.add("note " + seq);
    }
    expected.add("disconnect");
    expected.add("note " + (frames + 1));
    expected.add("disconnect");
    assertThat(Desk.seen.of(id)).containsExactlyElementsOf(expected);
  }
}
