// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.ClientId;
import dev.violetear.app.App;
import dev.violetear.testing.FaultProxy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Delivery under chaos (issue 5): several browser-like pages (the real violetear.js in Node, with
 * its own WebSocket and timers) stream numbered realtime calls to the server while the server
 * streams numbered invokes to them, and a TCP proxy between them cuts every connection at random
 * intervals. Both directions must arrive complete: nothing lost, nothing twice, nothing out of
 * order. The figures are printed for the closing note.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ChaosIT {
  private static final int PAGES = 4;
  private static final int CALLS = 2_500;
  private static final int MAX_CUTS = 100;
  private static final Path WORK = Path.of("target", "chaos");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void tenThousandCallsEachWayArriveOnceInOrderWhileConnectionsAreCut() throws Exception {
    Chaos.calls = CALLS;
    App app =
        App.create(
                "Chaos",
                c ->
                    c.bundleCacheDir(WORK.resolve("cache"))
                        // The pages pace themselves to what the welcome announces; a high rate
                        // keeps the test short, the default would only make it slower.
                        .maxMessagesPerSecond(20_000))
            .register(Chaos.class)
            .view("/", Chaos::page);
    app.start(0);
    ScheduledExecutorService chaos = Executors.newScheduledThreadPool(2);
    Process pages = null;
    try (FaultProxy proxy = FaultProxy.start(app.port())) {
      pages = startPages("http://localhost:" + proxy.port());
      InputStream pagesOut = pages.getInputStream();
      CompletableFuture<String> report = CompletableFuture.supplyAsync(() -> readAll(pagesOut));

      new FluentWait<>(PAGES)
          .withTimeout(Duration.ofSeconds(60))
          .pollingEvery(Duration.ofMillis(20))
          .until(n -> Chaos.connected.size() >= n);
      List<ClientId> ids = new ArrayList<>(Chaos.connected);
      AtomicInteger sentDown = new AtomicInteger();
      // The server's stream: a few invokes per page every 10 ms, like the pages' own stream.
      chaos.scheduleAtFixedRate(
          () -> {
            for (int i = 0; i < 5 && sentDown.get() < CALLS; i++) {
              int n = sentDown.incrementAndGet();
              ids.forEach(id -> app.clients().to(id).invoke(Chaos::down, n));
            }
          },
          0,
          10,
          TimeUnit.MILLISECONDS);
      // The network: every connection cut after a random 100-500 ms, over and over, until done
      // (at most MAX_CUTS times, so that a slow machine, where reconnecting takes longer, still
      // finishes).
      AtomicInteger cuts = new AtomicInteger();
      AtomicBoolean done = new AtomicBoolean();
      Random random = new Random(42);
      Runnable cut =
          new Runnable() {
            @Override
            public void run() {
              if (done.get() || cuts.get() >= MAX_CUTS) {
                return;
              }
              proxy.cutAll();
              cuts.incrementAndGet();
              chaos.schedule(this, 100 + random.nextInt(400), TimeUnit.MILLISECONDS);
            }
          };
      chaos.schedule(cut, 100, TimeUnit.MILLISECONDS);

      assertThat(pages.waitFor(180, TimeUnit.SECONDS)).as("the pages finished").isTrue();
      done.set(true);
      String output = report.get(10, TimeUnit.SECONDS);
      assertThat(pages.exitValue()).as(output).isZero();
      JsonNode result = JSON.readTree(output);

      long sentUp = (long) PAGES * CALLS;
      long down = (long) PAGES * CALLS;
      Counts upCounts = new Counts();
      Counts downCounts = new Counts();
      List<String> problems = new ArrayList<>();
      for (JsonNode page : result.get("pages")) {
        String id = page.get("clientId").asText();
        List<Integer> received = new ArrayList<>();
        page.get("received").forEach(n -> received.add(n.asInt()));
        downCounts.add(received);
        upCounts.add(Chaos.upsFrom(id));
        page.get("errors").forEach(e -> problems.add(id + ": " + e.asText()));
      }
      System.out.printf(
          "%nChaos: %d pages, %d calls each way per page, %d cuts injected, %d bytes forwarded"
              + " by the proxy%n"
              + "  page -> server: sent %d, arrived %d, lost %d, duplicated %d, reordered %d%n"
              + "  server -> page: sent %d, arrived %d, lost %d, duplicated %d, reordered %d%n",
          PAGES,
          CALLS,
          cuts.get(),
          proxy.bytesForwarded().total(),
          sentUp,
          upCounts.arrived,
          upCounts.lost,
          upCounts.duplicated,
          upCounts.reordered,
          down,
          downCounts.arrived,
          downCounts.lost,
          downCounts.duplicated,
          downCounts.reordered);

      assertThat(problems).as("console errors and warnings of the pages").isEmpty();
      assertThat(cuts.get()).as("cuts injected").isGreaterThanOrEqualTo(5);
      assertThat(List.of(upCounts.lost, upCounts.duplicated, upCounts.reordered))
          .as("page -> server lost, duplicated, reordered")
          .containsOnly(0L);
      assertThat(List.of(downCounts.lost, downCounts.duplicated, downCounts.reordered))
          .as("server -> page lost, duplicated, reordered")
          .containsOnly(0L);
      assertThat(upCounts.arrived).isEqualTo(sentUp);
      assertThat(downCounts.arrived).isEqualTo(down);
    } finally {
      // A failed assertion or a timeout above must not leave the pages running: they would keep
      // reconnecting to whatever takes the port next, and outlive the build.
      if (pages != null) {
        stop(pages);
      }
      chaos.shutdownNow();
      app.stop();
    }
  }

  /**
   * Ends {@code process} and whatever it started, and waits for it to be gone; asserts nothing, so
   * that the test's own failure is the one reported.
   */
  private static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Lost, duplicated and reordered numbers in streams that should each be 1..CALLS. */
  private static final class Counts {
    long arrived;
    long lost;
    long duplicated;
    long reordered;

    void add(List<Integer> stream) {
      arrived += stream.size();
      Set<Integer> seen = new HashSet<>();
      int highest = 0;
      for (int n : stream) {
        if (!seen.add(n)) {
          duplicated++;
        } else if (n < highest) {
          reordered++;
        }
        highest = Math.max(highest, n);
      }
      for (int n = 1; n <= CALLS; n++) {
        if (!seen.contains(n)) {
          lost++;
        }
      }
    }
  }

  private static Process startPages(String base) throws IOException {
    Files.createDirectories(WORK);
    // A page that listens to the server runs the runtime's socket half first, then violetear.js.
    Path runtime = WORK.resolve("violetear-runtime.js");
    try (InputStream socket =
            App.class.getResourceAsStream("/dev/violetear/internal/runtime/violetear-socket.js");
        InputStream rest =
            App.class.getResourceAsStream("/dev/violetear/internal/runtime/violetear.js")) {
      byte[] socketHalf = socket.readAllBytes();
      byte[] baseHalf = rest.readAllBytes();
      byte[] both = new byte[socketHalf.length + 1 + baseHalf.length];
      System.arraycopy(socketHalf, 0, both, 0, socketHalf.length);
      both[socketHalf.length] = '\n';
      System.arraycopy(baseHalf, 0, both, socketHalf.length + 1, baseHalf.length);
      Files.write(runtime, both);
    }
    List<String> command = new ArrayList<>(List.of("node"));
    if (!nodeHasWebSocket()) {
      command.add("--experimental-websocket");
    }
    command.addAll(
        List.of(
            Path.of("src", "test", "js", "chaos-pages.mjs").toString(),
            runtime.toString(),
            base,
            String.valueOf(PAGES),
            String.valueOf(CALLS)));
    return new ProcessBuilder(command)
        .redirectError(WORK.resolve("pages.stderr.log").toFile())
        .start();
  }

  /** Node 22 has WebSocket built in; Node 20 behind a flag. */
  private static boolean nodeHasWebSocket() throws IOException {
    Process probe =
        new ProcessBuilder("node", "-e", "process.exit(typeof WebSocket === 'function' ? 0 : 3)")
            .redirectErrorStream(true)
            .start();
    try {
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      probe.destroyForcibly();
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
