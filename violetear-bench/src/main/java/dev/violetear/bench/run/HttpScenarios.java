// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** RPC calls over keep-alive HTTP, against the framework and a raw Javalin endpoint. */
final class HttpScenarios implements AutoCloseable {
  // Seconds of RPC load before a Java target's JIT is first asked whether it is done.
  private static final double JVM_WARMUP = 5;
  // Then steps of this many seconds, until they cost the JIT compilers less than Lab.JIT_BUSY.
  private static final double STEP = 2;
  private static final double JVM_WARMUP_MAX = 40;
  static final String RPC = "RPC, %,d connections";

  private final Lab lab;
  private final Options options;
  private final Results results;
  private final Map<Target, Proc> servers = new EnumMap<>(Target.class);

  HttpScenarios(Lab lab, Options options, Results results) {
    this.lab = lab;
    this.options = options;
    this.results = results;
  }

  int[] connections() {
    return options.quick() ? new int[] {64} : new int[] {64, 256};
  }

  void declareTargets() {
    for (int c : connections()) {
      results.target(
          String.format(Locale.ROOT, RPC, c), Metric.REQUESTS_PER_SECOND, Target.JAVALIN, 0.9);
    }
  }

  /**
   * Runs every RPC scenario against each of {@code targets} (ours and Javalin), their windows in
   * slices taken in turn as the socket scenarios' are (see {@link RealtimeScenarios}), in the order
   * given. Each server is started and warmed up the first time; it then stays up, idle, between the
   * rounds: its JIT took 20-30 s of load to settle, too long to pay again each round, and a window
   * measured before it settles measures the compiler (the rate still doubled from one 2 s window to
   * the next).
   */
  void run(List<Target> targets, int round) throws IOException {
    boolean any = false;
    for (int c : connections()) {
      any |= options.runs(String.format(Locale.ROOT, RPC, c));
    }
    if (!any) {
      return;
    }
    Map<Target, Proc> inOrder = new LinkedHashMap<>();
    for (Target target : targets) {
      Proc server = servers.get(target);
      if (server == null) {
        server = lab.start(target, "rpc", port(target));
        servers.put(target, server);
        warm(server, target);
      }
      server.pin(Lab.MEASURED_CORES);
      inOrder.put(target, server);
    }
    for (int c : connections()) {
      String scenario = String.format(Locale.ROOT, RPC, c);
      if (!options.runs(scenario)) {
        continue;
      }
      Function<Target, List<String>> paced =
          target -> {
            List<String> a = args(target, c, options.duration() / RealtimeScenarios.SLICES);
            a.add("--paced");
            return a;
          };
      Map<Target, Lab.Measured> measured;
      try (PacedLoads loads =
          PacedLoads.open(lab, inOrder, "rpc-r" + round, paced, timeout(options.duration()))) {
        loads.warm(options.warmup(), PacedLoads.NOTHING);
        measured = loads.measure(RealtimeScenarios.SLICES, PacedLoads.NOTHING);
      }
      for (Map.Entry<Target, Lab.Measured> e : measured.entrySet()) {
        Target target = e.getKey();
        Lab.Measured m = e.getValue();
        lab.record(window(target, "round " + round, c), m);
        double requests = m.result().path("requests").asDouble();
        if (requests <= 0 || m.result().path("non2xx").asLong() > 0) {
          throw new IOException(target.label + " failed '" + scenario + "': " + m.result());
        }
        results.add(
            scenario, Metric.REQUESTS_PER_SECOND, target, m.result().path("rate").asDouble());
        results.add(
            scenario, Metric.CPU_PER_REQUEST, target, m.serverCpuSeconds() * 1e6 / requests);
        results.add(scenario, Metric.P50_MICROS, target, m.result().path("p50").asDouble());
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
   * Loads {@code server} on both cores (its JIT compiler then is not confined to the core the load
   * keeps busy) until a step of each connection count in a row costs the JIT compilers less than
   * {@link Lab#JIT_BUSY} of its time, for {@link #JVM_WARMUP_MAX} seconds at most. The steps are
   * slices of one paced load per connection count: a load process per step spent 1.5 s starting and
   * connecting, 30 s of the first round.
   */
  private void warm(Proc server, Target target) throws IOException {
    server.pin(Lab.UNMEASURED_CORES);
    // The steps take the scenarios' connection counts in turn: 256 connections grow the thread
    // pool and take paths 64 do not, and the first window of 256 ran at half the rate of the next.
    int[] counts = connections();
    Map<Integer, Proc> loads = new LinkedHashMap<>();
    Duration max = timeout(JVM_WARMUP_MAX);
    try {
      for (int c : counts) {
        List<String> a = args(target, c, STEP);
        a.add("--paced");
        loads.put(c, lab.load(target + "-rpc-warm-" + c, a));
      }
      for (Proc load : loads.values()) {
        load.await("paused", max);
      }
      double first = options.targetWarmup(target, JVM_WARMUP);
      Proc load = loads.get(counts[0]);
      load.send("warm " + first);
      load.await("warmed", max);
      load.await("paused", max);
      if (!options.quick()) {
        settle(server, target, counts, loads, first, max);
      }
      for (Proc l : loads.values()) {
        l.send("end");
        l.await("result", max);
      }
    } finally {
      loads.values().forEach(Proc::close);
    }
  }

  private void settle(
      Proc server,
      Target target,
      int[] counts,
      Map<Integer, Proc> loads,
      double spent,
      Duration max)
      throws IOException {
    int settledSteps = 0;
    for (int step = 0; spent < JVM_WARMUP_MAX; step++) {
      int c = counts[step % counts.length];
      Proc load = loads.get(c);
      Lab.Measured m = Lab.slice(load, server, max);
      load.await("paused", max);
      ((ObjectNode) m.result()).put("seconds", STEP);
      lab.record(window(target, "warm-up", c), m);
      spent += STEP;
      // The slice's own figure: between slices the load's engine stops, starts and connects, and
      // the JIT time there (a few ticks of the CPU clock) kept a settled server warming 10 s more.
      double share = m.jitSeconds() / STEP;
      settledSteps = share < Lab.JIT_BUSY ? settledSteps + 1 : 0;
      // One quiet step proved too little: a step of 64 connections was quiet while the next
      // window of 256 still spent a fifth of its time compiling.
      if (settledSteps == counts.length) {
        System.err.printf(
            Locale.ROOT,
            "%s: RPC warm-up done after %.0f s (JIT compilers at %.1f%% of the last step)%n",
            target.label,
            spent,
            share * 100);
        return;
      }
    }
    System.err.printf(
        Locale.ROOT,
        "warning: %s's JIT compilers were still busy after %.0f s of RPC warm-up%n",
        target.label,
        spent);
  }

  private String url(Target target) {
    String path = target == Target.OURS ? "/_violetear/rpc/Echo.rpc" : "/rpc";
    return "http://127.0.0.1:" + port(target) + path;
  }

  /** Each RPC server has its own port, since it stays up while the socket targets run. */
  private int port(Target target) {
    return lab.port() + (target == Target.OURS ? 2 : 3);
  }

  private List<String> args(Target target, int connections, double seconds) {
    String url = url(target);
    List<String> args =
        new ArrayList<>(
            List.of(
                "rpc",
                "--url",
                url,
                "--connections",
                "" + connections,
                "--warmup",
                options.warmupArg(),
                "--duration",
                Double.toString(seconds),
                "--body",
                "{\"args\":[\"x\"]}"));
    if (target == Target.OURS) {
      // A browser sends the client cookie its first call was issued.
      args.addAll(List.of("--cookie-url", url));
    }
    return args;
  }

  private static String window(Target target, String step, int connections) {
    return String.format(
        Locale.ROOT, "%s: RPC %s, %,d connections", target.label, step, connections);
  }

  private Duration timeout(double seconds) {
    return Duration.ofSeconds((long) (options.warmup() + seconds) + 60);
  }
}
