// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The socket scenarios: closed-loop echo, broadcast fan-out, idle memory and a reconnect storm.
 * Every target gets the same warm-up first, so the JIT (or V8) has compiled the hot paths before
 * anything is measured: an echo for the receiving path, and a broadcast for the sending path, which
 * the echo does not reach.
 *
 * <p>Every target's server runs beside the others, each on its own port, and a round measures one
 * scenario on every target before the next scenario, and an echo or broadcast window in slices
 * taken in turn: a core of this machine runs at two speeds, 1.6 times apart, for anything from
 * under a second to half a minute at a time (a fixed loop pinned to it took 30 or 48 ms, sampled
 * twice a second), so windows taken one after another, let alone minutes apart, compared different
 * machines. The servers start and warm up in the first round and stay up for the others, as the RPC
 * servers do: with the slices taken in turn, a fresh server each round added no fairness, and its
 * warm-up, idle memory and broadcast warm-up took 75 s a round. Idle memory is measured once, on
 * the fresh servers.
 */
final class RealtimeScenarios implements AutoCloseable {
  static final String IDLE = "idle %,d sockets";
  static final String STORM = "reconnect storm, %,d sockets";

  // Seconds of echo before a Java target's first scenario, on both cores. After a 2 s warm-up on
  // the server's core alone, our C2 thread still took half that core in the 1-socket window (perf),
  // so it measured the compiler; raw Jetty, with less code to compile, was hit less. After 6 s on
  // both cores and 2 s of 1-socket echo, C2 took 1 % of it. After 4 s and 2 s it still took 21 % of
  // ours' first 1-socket window in one run; the warm-up is paid once a run now, so 6 s and 3 s.
  private static final double JVM_WARMUP = 6;
  private static final double JVM_WARMUP_ONE_SOCKET = 3;
  // Slices of each target's echo and broadcast window, taken in turn with the other targets' (see
  // the class).
  // In 0.4 s (the default window of 1.6 s), a slice is long beside its lead-in and the 10 ms tick
  // of the CPU clock.
  static final int SLICES = 4;

  private final Lab lab;
  private final Options options;
  private final Results results;
  private final BroadcastScenarios broadcasts;
  // The targets' servers, started in the first round and kept for the others.
  private final Map<Target, Proc> servers = new EnumMap<>(Target.class);

  RealtimeScenarios(Lab lab, Options options, Results results) {
    this.lab = lab;
    this.options = options;
    this.results = results;
    this.broadcasts = new BroadcastScenarios(lab, options, results);
  }

  int[] sockets() {
    return options.quick() ? new int[] {1, 100} : new int[] {1, 100, 1000};
  }

  int[] sizes() {
    return options.quick() ? new int[] {64} : new int[] {64, 1024};
  }

  int idleSockets() {
    return options.quick() ? 1000 : 5000;
  }

  int stormSockets() {
    return options.quick() ? 100 : 1000;
  }

  static String echo(int sockets, int size, boolean deflate) {
    return String.format(
        Locale.ROOT,
        "echo %,d socket%s, %,d B%s",
        sockets,
        sockets == 1 ? "" : "s",
        size,
        deflate ? ", deflate" : "");
  }

  /** The targets of the issue, as minimum ratios (above 1 is better for us). */
  void declareTargets() {
    for (int n : sockets()) {
      for (int size : sizes()) {
        for (boolean deflate : new boolean[] {false, true}) {
          String s = echo(n, size, deflate);
          results.target(s, Metric.CPU_PER_MESSAGE, Target.JETTY, 1 / 1.25);
          if (!deflate) {
            results.target(s, Metric.CPU_PER_MESSAGE, Target.SOCKET_IO_RECOVERY, 1.0);
          }
          if (n == 1) {
            results.target(s, Metric.P50_MICROS, Target.JETTY, 1 / 1.2);
          }
        }
      }
    }
    broadcasts.declareTargets();
    String idle = String.format(Locale.ROOT, IDLE, idleSockets());
    results.target(idle, Metric.HEAP_PER_SOCKET, Target.SOCKET_IO, 1.0);
    results.target(idle, Metric.RSS_PER_SOCKET, Target.SOCKET_IO, 1.0);
  }

  /**
   * Runs every socket scenario against each of {@code targets}, one scenario on every target before
   * the next, the targets' slices in the order given. The first round starts each target's server,
   * warms it up and measures its idle memory; the servers then stay up for the later rounds (see
   * the class), and {@link #close} stops them.
   */
  void run(List<Target> targets, int round) throws IOException {
    if (!anySelected()) {
      return;
    }
    for (Target target : targets) {
      if (!servers.containsKey(target)) {
        Proc server = lab.start(target, "sockets", port(target));
        servers.put(target, server);
        // Neither is timed: on both cores the JIT finishes compiling in a few seconds, where on
        // the server's core alone, beside the load, it took 15-25 s (perf: C2 at half the core).
        server.pin(Lab.UNMEASURED_CORES);
        warm(server, target);
        // Before any other scenario, so that the heap and RSS are those of a fresh server: after
        // the broadcast's 1,000 sockets, Node's RSS grew by half as much for 5,000 idle ones.
        idle(server, target);
        broadcasts.warm(server, target, base(target));
        server.pin(Lab.MEASURED_CORES);
      }
    }
    Map<Target, Proc> inOrder = new LinkedHashMap<>();
    targets.forEach(t -> inOrder.put(t, servers.get(t)));
    for (int n : sockets()) {
      for (int size : sizes()) {
        for (boolean deflate : new boolean[] {false, true}) {
          echo(inOrder, round, n, size, deflate);
        }
      }
    }
    Map<Target, JsonNode> broadcast = broadcasts.broadcast(inOrder, this::base, round);
    for (Map.Entry<Target, Proc> e : inOrder.entrySet()) {
      if (e.getKey() == Target.OURS || e.getKey() == Target.SOCKET_IO_RECOVERY) {
        storm(e.getValue(), e.getKey(), round);
      }
    }
    for (Map.Entry<Target, Proc> e : inOrder.entrySet()) {
      if (round == 1 && e.getKey() != Target.SOCKET_IO_RECOVERY) {
        broadcasts.fanout(
            e.getValue(), e.getKey(), base(e.getKey()), round, broadcast.get(e.getKey()));
      }
    }
  }

  /** Stops the servers {@link #run} started. */
  @Override
  public void close() {
    servers.values().forEach(Proc::close);
    servers.clear();
  }

  /**
   * Each target's own port, since they run side by side: after the first two (the cross-node pair)
   * and the RPC servers' two.
   */
  private int port(Target target) {
    return lab.port() + 4 + target.ordinal();
  }

  private String base(Target target) {
    return "http://127.0.0.1:" + port(target);
  }

  private boolean anySelected() {
    List<String> names = new ArrayList<>();
    for (int n : sockets()) {
      for (int size : sizes()) {
        names.add(echo(n, size, false));
        names.add(echo(n, size, true));
      }
    }
    names.addAll(broadcasts.names());
    names.add(String.format(Locale.ROOT, IDLE, idleSockets()));
    names.add(String.format(Locale.ROOT, STORM, stormSockets()));
    return names.stream().anyMatch(options::runs);
  }

  /**
   * Echoes on 100 sockets (for {@link #JVM_WARMUP} seconds on a Java target, otherwise for the
   * scenarios' duration, 2 s at least), then a Java target on 1 socket for {@link
   * #JVM_WARMUP_ONE_SOCKET} seconds: one socket takes Jetty's thread hand-off paths, which 100 busy
   * sockets do not, and left C2 compiling in the 1-socket window.
   */
  private void warm(Proc server, Target target) throws IOException {
    double seconds = options.targetWarmup(target, JVM_WARMUP);
    for (int sockets : target.isJvm() ? new int[] {100, 1} : new int[] {100}) {
      List<String> args = echoArgs(target, sockets, 64, false);
      double duration = sockets == 1 ? JVM_WARMUP_ONE_SOCKET : seconds;
      args.set(args.indexOf("--duration") + 1, Double.toString(duration));
      lab.measure(
          target + "-warm",
          target.label + ": warm-up over " + sockets + " socket(s)",
          server,
          args,
          timeout(1000));
    }
  }

  /**
   * Measures one echo scenario on every target, its window cut into {@link #SLICES} slices taken in
   * turn: target A's first slice, B's, …, then A's second, and so on.
   */
  private void echo(Map<Target, Proc> servers, int round, int n, int size, boolean deflate)
      throws IOException {
    String scenario = echo(n, size, deflate);
    if (!options.runs(scenario)) {
      return;
    }
    Function<Target, List<String>> args =
        target -> {
          // Socket.IO compresses nothing by default and browsers cannot make it: no such row.
          if (deflate && target.proto.equals("sio")) {
            return null;
          }
          List<String> a = echoArgs(target, n, size, deflate);
          a.set(a.indexOf("--duration") + 1, Double.toString(options.duration() / SLICES));
          a.add("--paced");
          return a;
        };
    Map<Target, Lab.Measured> measured;
    try (PacedLoads loads = PacedLoads.open(lab, servers, "echo-r" + round, args, timeout(n))) {
      loads.warm(options.warmup(), PacedLoads.NOTHING);
      measured = loads.measure(SLICES, PacedLoads.NOTHING);
    }
    for (Map.Entry<Target, Lab.Measured> e : measured.entrySet()) {
      Target target = e.getKey();
      Lab.Measured m = e.getValue();
      lab.record(target.label + ": " + scenario + ", round " + round, m);
      double msgs = m.result().path("msgs").asDouble();
      if (measured(msgs > 0, target, scenario, m.result())) {
        results.add(scenario, Metric.CPU_PER_MESSAGE, target, m.serverCpuSeconds() * 1e6 / msgs);
        results.add(
            scenario, Metric.MESSAGES_PER_SECOND, target, m.result().path("rate").asDouble());
        results.add(scenario, Metric.P50_MICROS, target, m.result().path("p50").asDouble());
      }
    }
  }

  private List<String> echoArgs(Target target, int n, int size, boolean deflate) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "echo",
                "--proto",
                target.proto,
                "--url",
                base(target),
                "--sockets",
                "" + n,
                "--size",
                "" + size,
                "--warmup",
                options.warmupArg(),
                "--duration",
                options.durationArg()));
    if (deflate) {
      args.add("--deflate");
    }
    return args;
  }

  private void idle(Proc server, Target target) throws IOException {
    int n = idleSockets();
    String scenario = String.format(Locale.ROOT, IDLE, n);
    if (!options.runs(scenario)) {
      return;
    }
    long heapBefore = heap(server);
    long rssBefore = settledRss(server);
    List<String> args =
        List.of("idle", "--proto", target.proto, "--url", base(target), "--sockets", "" + n);
    try (Proc load = lab.load(target + "-idle", args)) {
      load.await("ready", timeout(n));
      long heap = heap(server) - heapBefore;
      long rss = settledRss(server) - rssBefore;
      load.send("close");
      load.await("result", Duration.ofSeconds(60));
      results.add(scenario, Metric.HEAP_PER_SOCKET, target, (double) heap / n);
      results.add(scenario, Metric.RSS_PER_SOCKET, target, (double) rss / n);
    }
  }

  /**
   * The RSS once it holds still: G1 hands back what a collection freed in the background, so read
   * at once after a collection it could still include memory about to go (a long warm-up made the
   * 5,000 sockets' RSS come out negative).
   */
  private static long settledRss(Proc server) throws IOException {
    long rss = server.rssBytes();
    for (int i = 0; i < 30; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the RSS", e);
      }
      long now = server.rssBytes();
      if (Math.abs(now - rss) < 64 * 1024) {
        return now;
      }
      rss = now;
    }
    return rss;
  }

  private static long heap(Proc server) throws IOException {
    server.send("gc");
    return server.await("gc", Duration.ofSeconds(60)).path("heapUsed").asLong();
  }

  private void storm(Proc server, Target target, int round) throws IOException {
    int n = stormSockets();
    String scenario = String.format(Locale.ROOT, STORM, n);
    if (!options.runs(scenario)) {
      return;
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "storm",
                "--proto",
                target.proto,
                "--url",
                base(target),
                "--sockets",
                "" + n,
                "--rate",
                "5",
                "--before",
                "2",
                "--after",
                "2"));
    if (target == Target.OURS) {
      // Each socket stands for a browser with its own cookie, or it could not resume.
      args.addAll(List.of("--cookie-url", base(target) + "/"));
    }
    JsonNode r = lab.measure(target + "-storm-r" + round, server, args, timeout(n)).result();
    results.add(scenario, Metric.ALL_BACK_MS, target, r.path("allBackMs").asDouble());
    results.add(scenario, Metric.LOST, target, r.path("lost").asDouble());
    results.add(scenario, Metric.DUPLICATED, target, r.path("duplicated").asDouble());
  }

  /** How long a load generator on {@code sockets} sockets may take to say anything. */
  static Duration timeout(Options options, int sockets) {
    return Duration.ofSeconds((long) (options.warmup() + options.duration()) + 60 + sockets / 100);
  }

  private Duration timeout(int sockets) {
    return timeout(options, sockets);
  }

  /**
   * Whether a window measured anything. One that did not (a stalled loop on an overloaded machine)
   * is reported and left out, so that one bad window does not void the whole run; its row then
   * shows the other rounds' median, or nothing.
   */
  static boolean measured(boolean ok, Target target, String scenario, JsonNode result) {
    if (!ok) {
      System.err.println(
          "warning: " + target.label + " measured nothing in '" + scenario + "': " + result);
    }
    return ok;
  }
}
