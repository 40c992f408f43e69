// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Memory bounded in bytes (issue 11): 500 pages connect and stop reading while a storm of ~200-byte
 * broadcasts runs. The heap after GC stays under the heap with those sockets open plus the server's
 * buffer budget and a stated slack, every non-reading page is dropped, the pages that read receive
 * every broadcast in order, and once the 500 are gone a broadcast visits only the readers.
 *
 * <p>Before the budgets, 2,000 such sockets grew the heap from 74 to 702 MB: each page kept up to
 * 4,096 frames and each socket up to 8,192 unwritten ones, whatever their size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemoryBudgetTest {
  static final class Storm {
    @Client.Realtime
    static void tick(int n, String pad) {}
  }

  private static final int STOPPED = 500;
  private static final int READERS = 3;
  // Untimed, so that the timed broadcasts run compiled code.
  private static final int WARM_UP = 5_000;
  private static final int BEFORE = 1_000;
  private static final int DURING = 5_000;
  private static final int AFTER = 1_000;
  // With the seq, the function's name and n, a frame of about 200 bytes.
  private static final String PAD = "p".repeat(150);
  private static final long PAGE_BUDGET = 256L << 10;
  private static final long TOTAL_BUDGET = 16L << 20;
  // What a GC measurement may differ by run to run: the test's own objects, Jetty's pools, JIT.
  private static final long SLACK = 8L << 20;

  // How far a reader may fall behind before a storm waits for it: 750 frames with the 250 of a
  // round, about 150 KB, under the page budget, so a starved test thread is not dropped as a page
  // that stopped reading.
  private static final int LAG = 500;

  App app;
  private final List<AtomicInteger> progress = new ArrayList<>();

  @BeforeAll
  void start() {
    app =
        TestApps.start(
            c ->
                c.limits(
                    l ->
                        l.pageBufferBytes(PAGE_BUDGET)
                            .bufferedBytes(TOTAL_BUDGET)
                            .socketsPerAddress(2 * STOPPED)),
            a -> a.register(Storm.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void pagesThatStopReadingDuringABroadcastStormCostABoundedHeap() throws Exception {
    List<TestSocket> readers = new ArrayList<>();
    List<LoopbackSocket> stopped = new ArrayList<>();
    ExecutorService reading = Executors.newFixedThreadPool(READERS);
    try {
      for (int i = 0; i < READERS; i++) {
        readers.add(TestSocket.welcomed(app, null).autoAck());
      }
      List<Future<?>> received = new ArrayList<>();
      for (TestSocket reader : readers) {
        AtomicInteger read = new AtomicInteger();
        progress.add(read);
        received.add(
            reading.submit(() -> expectTicks(reader, WARM_UP + BEFORE + DURING + AFTER, read)));
      }

      storm(1, WARM_UP);
      double before = storm(WARM_UP + 1, BEFORE);
      long baseline = heapAfterGc();
      // One of the 500 is a page that will come back: it names its session, as violetear.js does.
      String cookie = TestApps.issueCookie(app);
      TestSocket returning = TestSocket.welcomed(app, cookie, "page-returning").stopReading();
      for (int i = 1; i < STOPPED; i++) {
        LoopbackSocket socket = LoopbackSocket.open(app, "127.0.0.1");
        assertThat(socket.status()).as(socket.head()).isEqualTo(101);
        stopped.add(socket);
      }
      // Asserted, so that a timeout shows the count reached (one CI run on JDK 25 timed out here).
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(app.stats())
                      .as(() -> "every page open, none dropped yet: " + app.stats())
                      .extracting(RealtimeStats::pageSessions)
                      .isEqualTo(READERS + STOPPED));
      long connected = heapAfterGc();

      // The storm, measured after every 250 broadcasts; the broadcasts alone are timed.
      long peak = 0;
      long peakCounted = 0;
      long stormNanos = 0;
      int first = WARM_UP + BEFORE + 1;
      for (int from = first; from < first + DURING; from += 250) {
        long start = System.nanoTime();
        storm(from, 250);
        stormNanos += System.nanoTime() - start;
        peakCounted = Math.max(peakCounted, app.stats().bufferedBytes());
        peak = Math.max(peak, heapAfterGc());
      }
      double during = DURING / (stormNanos / 1e9);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(app.stats().droppedPages())
                      .as("pages dropped: every one that stopped reading")
                      .isEqualTo(STOPPED));
      assertThat(app.stats().pageSessions())
          .as("sessions a broadcast visits once the 500 are dropped: the readers'")
          .isEqualTo(READERS);
      double after = storm(first + DURING, AFTER);
      for (Future<?> r : received) {
        r.get(60, TimeUnit.SECONDS);
      }
      long bound = connected + TOTAL_BUDGET + SLACK;
      RealtimeStats stats = app.stats();
      System.out.printf(
          Locale.ROOT,
          "Memory budget: heap after GC %.1f MB with %d readers, %.1f MB with %d more pages that"
              + " stopped reading, at most %.1f MB during %d broadcasts of %d bytes (bound %.1f MB"
              + " = connected + bufferedBytes %d MiB + slack %d MiB; the server counted at most"
              + " %.1f MB held); %d pages dropped; broadcasts/s %.0f before, %.0f during, %.0f"
              + " after; now %s%n",
          mb(baseline),
          READERS,
          mb(connected),
          STOPPED,
          mb(peak),
          DURING,
          frameLength(),
          mb(bound),
          TOTAL_BUDGET >> 20,
          SLACK >> 20,
          mb(peakCounted),
          stats.droppedPages(),
          before,
          during,
          after,
          stats);

      List<String> drops =
          TestApps.serverLog()
              .lines()
              .filter(l -> l.contains("dropping its page session"))
              .toList();
      long overTotal = drops.stream().filter(l -> l.contains("(Limits.bufferedBytes")).count();
      System.out.printf(
          "Memory budget: %d dropped over the server's budget, the rest over their own; e.g. %s%n",
          overTotal, drops.isEmpty() ? "" : drops.get(0));

      assertThat(peak).as("the heap after GC during the storm, in bytes").isLessThan(bound);
      assertThat(drops).as("one warning per dropped page").hasSize(STOPPED);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(app.stats().bufferedBytes())
                      .as("bytes held once the readers acknowledged, at most 63 frames each")
                      .isLessThan(READERS * 64L * (frameLength() + 48)));

      // Told so when it returns: its browser gives up on the socket and reconnects.
      returning.close();
      TestSocket back = TestSocket.open(app, cookie, "page-returning");
      assertThat(back.next().path("resumed").asBoolean(true))
          .as("the welcome's resumed, after the page was dropped")
          .isFalse();
      back.close();
    } finally {
      reading.shutdownNow();
      readers.forEach(TestSocket::close);
      stopped.forEach(LoopbackSocket::close);
    }
  }

  @Test
  void budgetsDefaultToFourMibAPageAndAQuarterOfTheHeapAndRefuseValuesOutOfRange() {
    AtomicReference<Limits> limits = new AtomicReference<>();
    new AppConfig().limits(limits::set);
    assertThat(limits.get().pageBufferBytes()).isEqualTo(4L << 20);
    assertThat(limits.get().bufferedBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);

    assertThatThrownBy(() -> limits.get().pageBufferBytes(1_023))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Limits.pageBufferBytes(1023): the budget must be between 1,024 bytes and 2^50 bytes,"
                + " such as 4L << 20 (4 MiB)");
    assertThatThrownBy(() -> limits.get().bufferedBytes((1L << 50) + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Limits.bufferedBytes(1125899906842625): the budget must be");
    assertThat(limits.get().pageBufferBytes(1_024).bufferedBytes(1L << 50).bufferedBytes())
        .isEqualTo(1L << 50);
  }

  /**
   * Broadcasts ticks {@code from} on, {@code count} of them, in rounds of 250 that each wait for
   * the readers to come within {@link #LAG}; returns how many it sent a second, the waits left out.
   */
  private double storm(int from, int count) {
    long nanos = 0;
    for (int round = from; round < from + count; round += 250) {
      int end = Math.min(round + 250, from + count);
      long start = System.nanoTime();
      for (int n = round; n < end; n++) {
        app.clients().all().invoke(Storm::tick, n, PAD);
      }
      nanos += System.nanoTime() - start;
      int caughtUp = end - 1 - LAG;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> progress.stream().allMatch(p -> p.get() >= caughtUp));
    }
    return count / (nanos / 1e9);
  }

  /** Reads ticks 1 to {@code last} from {@code reader}, each once and in order. */
  private static Void expectTicks(TestSocket reader, int last, AtomicInteger read) {
    for (int n = 1; n <= last; n++) {
      JsonNode frame = reader.next();
      assertThat(frame.path("fn").asText()).as(frame.toString()).isEqualTo("Storm.tick");
      assertThat(frame.path("args").path(0).asInt()).as("the tick after %d", n - 1).isEqualTo(n);
      read.set(n);
    }
    return null;
  }

  private static int frameLength() {
    return ("{\"seq\":9999,\"t\":\"invoke\",\"fn\":\"Storm.tick\",\"args\":[9999,\"" + PAD + "\"]}")
        .length();
  }

  /** The heap in use after a full collection that this call asked for and waited on. */
  private static long heapAfterGc() {
    List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    long before = collections(gcs);
    System.gc();
    await().atMost(Duration.ofSeconds(10)).until(() -> collections(gcs) > before);
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long collections(List<GarbageCollectorMXBean> gcs) {
    return gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
