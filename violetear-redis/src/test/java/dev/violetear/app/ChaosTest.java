// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.Server;
import dev.violetear.redis.RedisBackplane;
import dev.violetear.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes through one Redis while pages are cut at random and come back on another node, and
 * Redis restarts once: every node keeps sending to everyone, a group and single pages, every page
 * keeps calling the server, and in the end each page has had exactly what was sent to it, once and
 * in each sender's order, and the server ran each page's calls exactly once, in order. The figures
 * are printed, then asserted to be zero.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChaosTest {
  static final int PAGES = 9;
  static final Duration RUN = Duration.ofSeconds(12);
  static final long SEED = 20261203L;

  static final class Chaos {
    static final Map<String, List<Long>> ran = new ConcurrentHashMap<>();
    static final Map<String, PageId> pages = new ConcurrentHashMap<>();

    @Client.Realtime
    static void say(String text) {}

    /** The page's call number {@code n}; its first call also enters the page in the room. */
    @Server.Realtime
    static void record(String page, long n) {
      if (pages.putIfAbsent(page, PageId.caller()) == null) {
        App.current().clients().join(ClientId.caller(), "everyone");
      }
      ran.computeIfAbsent(page, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
    }
  }

  /** One send: its text, and the page it went to (null: to everyone or to the group). */
  record Sent(String text, String page) {}

  RedisServer redis;
  final List<App> nodes = new ArrayList<>();

  @BeforeAll
  void start() {
    redis = RedisServer.start();
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 9);
    for (int i = 0; i < 3; i++) {
      nodes.add(
          TestApps.start(
              c -> c.clientIdSecret(secret).backplane(RedisBackplane.at(redis.url())),
              a -> a.register(Chaos.class)));
    }
  }

  @AfterAll
  void stop() {
    nodes.forEach(App::stop);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void pagesCutAtRandomAndMovedBetweenNodesLoseNothingThroughARedisRestart() throws Exception {
    Random random = new Random(SEED);
    List<ChaosPage> pages = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      ChaosPage page = new ChaosPage("chaos-page-" + i + "-x", TestApps.issueCookie(nodes.get(0)));
      page.connect(nodes.get(i % 3));
      page.call();
      pages.add(page);
    }
    await().until(() -> Chaos.pages.size() == PAGES);
    TestApps.settle(nodes);

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger cuts = new AtomicInteger();
    AtomicInteger moves = new AtomicInteger();
    List<List<Sent>> sent = new ArrayList<>();
    ExecutorService threads = Executors.newCachedThreadPool();
    List<Future<?>> work = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      List<Sent> log = Collections.synchronizedList(new ArrayList<>());
      sent.add(log);
      App node = nodes.get(n);
      String name = "n" + n;
      long seed = random.nextLong();
      work.add(threads.submit(() -> send(node, name, log, new Random(seed), running)));
    }
    for (int i = 0; i < PAGES; i++) {
      ChaosPage page = pages.get(i);
      int first = i % 3;
      long seed = random.nextLong();
      work.add(threads.submit(() -> churn(page, first, new Random(seed), running, cuts, moves)));
    }
    LockSupport.parkNanos(RUN.toNanos() / 2);
    redis.restart();
    LockSupport.parkNanos(RUN.toNanos() / 2);
    running.set(false);
    for (Future<?> f : work) {
      f.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    // Every page back on some node, every call run and every frame in.
    for (ChaosPage page : pages) {
      if (!page.isSettled()) {
        page.cut();
        page.connect(nodes.get(random.nextInt(3)));
      }
    }
    List<List<String>> expected = new ArrayList<>();
    for (ChaosPage page : pages) {
      expected.add(expectedFor(page.name, sent));
    }
    try {
      awaitEverything(pages, expected);
    } catch (ConditionTimeoutException e) {
      // The figures below say what is missing.
    }

    int[] down = new int[3];
    int[] up = new int[3];
    int frames = 0;
    int calls = 0;
    List<String> faults = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      ChaosPage p = pages.get(i);
      count(expected.get(i), p.said(), down);
      frames += p.said().size();
      List<String> wanted = new ArrayList<>();
      for (long n = 1; n <= p.calls(); n++) {
        wanted.add(Long.toString(n));
      }
      count(wanted, ran(p.name).stream().map(String::valueOf).toList(), up);
      calls += ran(p.name).size();
      p.faults().forEach(f -> faults.add(p.name + ": " + f));
    }
    System.out.printf(
        "%nChaos across 3 nodes and a Redis restart (seed %d): %d pages, %d cuts, %d moves to"
            + " another node%n"
            + "  server to pages: %d sends, %d frames delivered, %d lost, %d duplicated, %d"
            + " reordered%n"
            + "  pages to server: %d calls run, %d lost, %d duplicated, %d reordered%n"
            + "  protocol faults: %d%n",
        SEED,
        PAGES,
        cuts.get(),
        moves.get(),
        sent.stream().mapToInt(List::size).sum(),
        frames,
        down[0],
        down[1],
        down[2],
        calls,
        up[0],
        up[1],
        up[2],
        faults.size());
    assertThat(moves.get())
        .as("pages moved to another node")
        .isEqualTo(cuts.get())
        .isGreaterThan(PAGES);
    assertThat(faults).as("protocol faults").isEmpty();
    assertThat(down).as("server to pages: lost, duplicated, reordered").containsExactly(0, 0, 0);
    assertThat(up).as("pages to server: lost, duplicated, reordered").containsExactly(0, 0, 0);
  }

  /** Waits until every page has its frames and every call ran; a page that lost some never does. */
  private static void awaitEverything(List<ChaosPage> pages, List<List<String>> expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (int i = 0; i < PAGES; i++) {
                ChaosPage p = pages.get(i);
                p.ack();
                if (p.said().size() < expected.get(i).size()
                    || ran(p.name).size() < p.calls()
                    || !p.isSettled()) {
                  return false;
                }
              }
              return true;
            });
  }

  /** One node's sender: to everyone, the group or one page, each text numbered for the node. */
  private void send(App node, String name, List<Sent> log, Random random, AtomicBoolean running) {
    List<String> names = new ArrayList<>(Chaos.pages.keySet());
    for (int k = 1; running.get(); k++) {
      String text = name + "-" + k;
      double r = random.nextDouble();
      if (r < 0.4) {
        log.add(new Sent(text, null));
        node.clients().all().invoke(Chaos::say, text);
      } else if (r < 0.7) {
        log.add(new Sent(text, null));
        node.clients().group("everyone").invoke(Chaos::say, text);
      } else {
        String page = names.get(random.nextInt(names.size()));
        log.add(new Sent(text, page));
        node.clients().page(Chaos.pages.get(page)).invoke(Chaos::say, text);
      }
      // A steady rate, not a flood: the point is the faults, not the load.
      LockSupport.parkNanos(10_000_000);
    }
  }

  /** One page's life: calls, and now and then a cut and a return to another node. */
  private void churn(
      ChaosPage page,
      int node,
      Random random,
      AtomicBoolean running,
      AtomicInteger cuts,
      AtomicInteger moves) {
    long nextCut = System.nanoTime() + millis(400 + random.nextInt(1100));
    while (running.get()) {
      page.call();
      page.ack();
      if (System.nanoTime() > nextCut) {
        page.cut();
        cuts.incrementAndGet();
        LockSupport.parkNanos(millis(random.nextInt(300)));
        // Always to one of the two other nodes: every cut moves the page.
        node = (node + 1 + random.nextInt(2)) % 3;
        moves.incrementAndGet();
        page.connect(nodes.get(node));
        nextCut = System.nanoTime() + millis(400 + random.nextInt(1100));
      }
      LockSupport.parkNanos(millis(30));
    }
  }

  /** What {@code page} should have had: each sender's sends to it, in that sender's order. */
  private static List<String> expectedFor(String page, List<List<Sent>> sent) {
    List<String> all = new ArrayList<>();
    for (List<Sent> log : sent) {
      synchronized (log) {
        for (Sent s : log) {
          if (s.page() == null || s.page().equals(page)) {
            all.add(s.text());
          }
        }
      }
    }
    return all;
  }

  /**
   * Adds to {@code totals} what {@code got} lost, repeated and reordered of {@code wanted}; the
   * order is checked within each sender (the text before its last dash).
   */
  private static void count(List<String> wanted, List<String> got, int[] totals) {
    HashSet<String> gotSet = new HashSet<>(got);
    for (String w : wanted) {
      if (!gotSet.contains(w)) {
        totals[0]++;
      }
    }
    totals[1] += got.size() - gotSet.size();
    for (String sender : senders(wanted)) {
      List<String> want = wanted.stream().filter(t -> senderOf(t).equals(sender)).toList();
      List<String> have = got.stream().distinct().filter(t -> senderOf(t).equals(sender)).toList();
      List<String> kept = have.stream().filter(new HashSet<>(want)::contains).toList();
      List<String> wantKept = want.stream().filter(gotSet::contains).toList();
      if (!kept.equals(wantKept)) {
        totals[2]++;
      }
    }
  }

  private static List<String> senders(List<String> texts) {
    return texts.stream().map(ChaosTest::senderOf).distinct().toList();
  }

  private static String senderOf(String text) {
    int dash = text.lastIndexOf('-');
    return dash < 0 ? "" : text.substring(0, dash);
  }

  private static List<Long> ran(String page) {
    List<Long> list = Chaos.ran.getOrDefault(page, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  private static long millis(long ms) {
    return TimeUnit.MILLISECONDS.toNanos(ms);
  }
}
