// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.Client;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Isolation (issue 5): a page that stops reading is dropped with a logged reason once it leaves
 * 4,096 frames unacknowledged, while the pages that read keep receiving a broadcast stream in full
 * and in order, and the frames the server holds stay bounded throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowConsumerTest {
  static final class Ticks {
    @Client.Realtime
    static void tick(int n) {}
  }

  private static final int TICKS = 12_000;
  private static final int MAX_PENDING = 4096;
  // TestSocket.autoAck acknowledges every 64th frame.
  private static final int ACK_EVERY = 64;

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Ticks.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  /**
   * The frames the server must hold once the readers' acks are in: the frozen page's, up to the
   * 4,096 it may hold, none once dropped; each reader's since its last acknowledged 64th.
   */
  private static long settledPending(int sent, int readers) {
    long frozen = sent <= MAX_PENDING ? sent : 0;
    return frozen + (long) readers * (sent % ACK_EVERY);
  }

  @Test
  void aPageThatStopsReadingIsDroppedAndTheOthersKeepReceiving() throws Exception {
    List<TestSocket> readers =
        List.of(
            TestSocket.welcomed(app, null).autoAck(),
            TestSocket.welcomed(app, null).autoAck(),
            TestSocket.welcomed(app, null).autoAck());
    TestSocket frozen = TestSocket.welcomed(app, null).stopReading();
    try {
      // Checkpoints where the readers catch up, so that the server's count is exact there: every
      // 1,000 ticks, and on either side of the frozen page's limit.
      SortedSet<Integer> checkpoints = new TreeSet<>(List.of(MAX_PENDING, MAX_PENDING + 1, TICKS));
      for (int n = 1_000; n < TICKS; n += 1_000) {
        checkpoints.add(n);
      }
      int sent = 0;
      for (int checkpoint : checkpoints) {
        // The readers' acks up to the last checkpoint are in: each holds at most what came since.
        long acked = (long) sent / ACK_EVERY * ACK_EVERY;
        for (int n = sent + 1; n <= checkpoint; n++) {
          app.clients().all().invoke(Ticks::tick, n);
          // The broadcast appends to each page session on this thread, so the count is current.
          long frozenHolds = n <= MAX_PENDING ? n : 0;
          assertThat(app.stats().pendingFrames())
              .as(
                  "frames waiting after tick %d: at most the frozen page's %d and what the readers"
                      + " received since their last ack",
                  n, frozenHolds)
              .isLessThanOrEqualTo(frozenHolds + readers.size() * (n - acked));
        }
        for (TestSocket reader : readers) {
          for (int n = sent + 1; n <= checkpoint; n++) {
            reader.expect(frame("t", "invoke", "fn", "Ticks.tick", "args", new int[] {n}));
          }
        }
        sent = checkpoint;
        long expected = settledPending(sent, readers.size());
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(app.stats().pendingFrames())
                        .as("frames waiting once the readers acknowledged tick %d", checkpoint)
                        .isEqualTo(expected));
      }

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              TestApps::serverLog,
              log ->
                  log.contains(
                      "client "
                          + frozen.id()
                          + " has not acknowledged 4096 frames, the most a page may leave"
                          + " waiting; dropping its page session and closing its connection with"
                          + " 1013"));
      RealtimeStats stats = app.stats();
      System.out.printf(
          "Slow consumer: %d ticks broadcast to %d pages; the frozen one dropped; now %s%n",
          TICKS, readers.size() + 1, stats);

      assertThat(stats.droppedPages()).isEqualTo(1);
      assertThat(readers).allSatisfy(TestSocket::expectNothingYet);
    } finally {
      readers.forEach(TestSocket::close);
      frozen.close();
    }
  }
}
