// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.Client;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
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

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Ticks.class));
  }

  @AfterAll
  void stop() {
    app.stop();
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
      long mostPending = 0;
      for (int n = 1; n <= TICKS; n++) {
        app.clients().all().invoke(Ticks::tick, n);
        if (n % 500 == 0) {
          mostPending = Math.max(mostPending, app.stats().pendingFrames());
        }
      }

      for (TestSocket reader : readers) {
        for (int n = 1; n <= TICKS; n++) {
          reader.expect(frame("t", "invoke", "fn", "Ticks.tick", "args", new int[] {n}));
        }
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> Files.readString(TestApps.LOG_FILE),
              log ->
                  log.contains(
                      "client "
                          + frozen.id()
                          + " has not acknowledged 4096 frames, the most a page may leave"
                          + " waiting; dropping its page session and closing its connection with"
                          + " 1013"));
      RealtimeStats stats = app.stats();
      System.out.printf(
          "Slow consumer: %d ticks broadcast to %d pages; the frozen one dropped; at most %d"
              + " frames waited for acknowledgement (sampled); now %s%n",
          TICKS, readers.size() + 1, mostPending, stats);

      // Bounded: no page ever held more than its 4,096 waiting frames, and the dropped one
      // holds none; the readers hold at most what they have not acknowledged yet.
      assertThat(mostPending).isLessThanOrEqualTo((long) MAX_PENDING * (readers.size() + 1));
      assertThat(stats.droppedPages()).isEqualTo(1);
      assertThat(stats.pendingFrames()).isLessThan(64L * readers.size());
      assertThat(readers).allSatisfy(TestSocket::expectNothingYet);
    } finally {
      readers.forEach(TestSocket::close);
      frozen.close();
    }
  }
}
