// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cross-node broadcast: what it costs an app to run as two nodes joined through Redis rather
 * than as one, measured side by side in the first round. The same broadcast (200 B, 100 a second,
 * stamped when node A sends it) goes to 200 sockets twice: once all on one node without a
 * backplane, once split between two nodes through a Redis server the bench starts. Its deliveries
 * per second, its delay on the sending node's pages and on the other node's, and the CPU time per
 * delivery of everything serving it (the nodes, and Redis when there is one) are compared.
 *
 * <p>Both nodes run in one process on the server core, with Redis beside them: the server side gets
 * the same single core as the one node, so the ratio is the backplane's cost, not a second core's
 * gain. The two-node run stands in the table's violetear column and the one-node run is its
 * baseline ({@link Target#IN_MEMORY}); the one node's figures stand for both of its "nodes", since
 * every page is local there. The rate is fixed, so deliveries per second show whether the
 * cross-node path keeps up, and CPU per delivery how much of the core each delivery takes.
 */
final class XnodeScenarios {
  static final String SCENARIO = "xnode broadcast %d B × %d/s to %,d sockets";

  private static final int RATE = 100;
  private static final int BYTES = 200;
  private static final int SOCKETS = 200;
  // Seconds of broadcast on both cores before the measured one: the broadcast's sending path and,
  // for the two nodes, the backplane's, which no other warm-up reaches.
  private static final double JVM_WARMUP = 5;

  private final Lab lab;
  private final Options options;
  private final Results results;

  XnodeScenarios(Lab lab, Options options, Results results) {
    this.lab = lab;
    this.options = options;
    this.results = results;
  }

  static String scenario() {
    return String.format(Locale.ROOT, SCENARIO, BYTES, RATE, SOCKETS);
  }

  /**
   * Measures both setups in round 1 only, the one node first: the starts of three JVMs and Redis
   * took half a minute a round, and with it in every round the bench ran over its 15 minutes (954
   * s). With {@code --only xnode} every round runs it, the one that runs first alternating.
   */
  void run(int round) throws IOException {
    if (!options.runs(scenario()) || round > 1 && !options.isOnly(scenario())) {
      return;
    }
    boolean redisFirst = round % 2 == 0;
    for (boolean redis : new boolean[] {redisFirst, !redisFirst}) {
      if (redis) {
        runRedis(round);
      } else {
        runInMemory(round);
      }
    }
  }

  private void runInMemory(int round) throws IOException {
    try (Proc server = lab.start(Target.IN_MEMORY, "r" + round)) {
      measure(Target.IN_MEMORY, round, server, server::cpuSeconds, List.of());
    }
  }

  private void runRedis(int round) throws IOException {
    // Closed in reverse: the nodes stop first, then their Redis.
    try (BenchRedis redis = BenchRedis.start();
        Proc server = lab.startRedisNodes("r" + round, redis.url())) {
      measure(
          Target.OURS,
          round,
          server,
          () -> server.cpuSeconds() + redis.cpuSeconds(),
          List.of("--other-url", lab.otherNodeBase()));
    }
  }

  /** Warms {@code server} up on both cores, then measures one window on the server core. */
  private void measure(
      Target target, int round, Proc server, Lab.CpuClock cpu, List<String> nodeArgs)
      throws IOException {
    String name = (target == Target.OURS ? "REDIS_NODES" : target.name()) + "-xnode-r" + round;
    server.pin(Lab.UNMEASURED_CORES);
    double warm = options.targetWarmup(target, JVM_WARMUP);
    broadcast(name + "-warm", server, cpu, nodeArgs, 0, warm);
    server.pin(Lab.MEASURED_CORES);
    JsonNode r =
        broadcast(name, server, cpu, nodeArgs, options.warmup(), options.duration()).result();
    double delivered = r.path("delivered").asDouble();
    JsonNode nodes = r.path("nodes");
    // A node whose pages got nothing (a backplane that never delivered) has no delay to compare.
    boolean everyNode = nodes.size() > 0;
    for (JsonNode node : nodes) {
      everyNode &= node.path("delivered").asDouble() > 0;
    }
    if (delivered <= 0 || !everyNode) {
      System.err.println(
          "warning: " + target.label + " measured nothing in '" + scenario() + "': " + r);
      return;
    }
    if (r.path("errors").asInt() > 0) {
      System.err.println("warning: " + target.label + " had errors in '" + scenario() + "': " + r);
    }
    String s = scenario();
    results.add(s, Metric.DELIVERIES_PER_SECOND, target, delivered / r.path("seconds").asDouble());
    JsonNode sending = nodes.path(0);
    // One node: every page is on the sending node, and is what a page on another node is up to.
    JsonNode other = nodes.size() > 1 ? nodes.path(1) : sending;
    results.add(s, Metric.P50_SENDING_NODE_MS, target, sending.path("p50").asDouble());
    results.add(s, Metric.P99_SENDING_NODE_MS, target, sending.path("p99").asDouble());
    results.add(s, Metric.P50_OTHER_NODE_MS, target, other.path("p50").asDouble());
    results.add(s, Metric.P99_OTHER_NODE_MS, target, other.path("p99").asDouble());
    results.add(s, Metric.CPU_PER_DELIVERY, target, r.path("cpuMicros").asDouble() / delivered);
  }

  /**
   * One broadcast run: opens the sockets, has node A broadcast while the generator measures, and
   * returns its result with {@code cpuMicros}, the CPU time of what serves it in the window, added.
   */
  private Lab.Measured broadcast(
      String name, Proc server, Lab.CpuClock cpu, List<String> nodeArgs, double warmup, double s)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "broadcast",
                "--proto",
                "ours",
                "--url",
                lab.base(),
                "--sockets",
                Integer.toString(SOCKETS),
                "--warmup",
                Double.toString(warmup),
                "--duration",
                Double.toString(s)));
    args.addAll(nodeArgs);
    Duration max = Duration.ofSeconds((long) (warmup + s) + 60);
    try (Proc load = lab.load(name, args)) {
      load.await("ready", max);
      server.send("broadcast " + RATE + " " + BYTES);
      server.await("broadcasting", Duration.ofSeconds(10));
      Lab.Measured m;
      try {
        m = Lab.measure(load, cpu, max);
      } finally {
        server.send("stop");
        server.await("stopped", Duration.ofSeconds(10));
      }
      ((ObjectNode) m.result()).put("cpuMicros", m.serverCpuSeconds() * 1e6);
      return m;
    }
  }

  /**
   * The closing note: each figure of the two nodes through Redis divided by the one node's (above 1
   * means more deliveries, delay or CPU across nodes), and the share of the one node's deliveries
   * that a core carries across nodes, the inverse of the CPU ratio; empty when the scenario did not
   * run.
   */
  static Optional<String> note(List<Results.Row> rows) {
    Map<String, Double> ratios = new HashMap<>();
    for (Results.Row r : rows) {
      if (r.scenario().equals(scenario())
          && r.ours() != null
          && r.baselineValue() != null
          && r.baselineValue() != 0) {
        ratios.put(r.metric(), r.ours() / r.baselineValue());
      }
    }
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    Double cpu = ratios.get(Metric.CPU_PER_DELIVERY.label);
    return Optional.of(
        String.format(
            Locale.ROOT,
            "Cross-node broadcast, 2 nodes through Redis against 1 node in memory: deliveries/s %s"
                + " at %d broadcasts/s; server CPU per delivery (Redis included) %s, so one core"
                + " carries %s as many; delay %s (p50) and %s (p99) on the sending node's pages,"
                + " %s and %s on the other node's.",
            multiple(ratios.get(Metric.DELIVERIES_PER_SECOND.label)),
            RATE,
            multiple(cpu),
            multiple(cpu == null || cpu == 0 ? null : 1 / cpu),
            multiple(ratios.get(Metric.P50_SENDING_NODE_MS.label)),
            multiple(ratios.get(Metric.P99_SENDING_NODE_MS.label)),
            multiple(ratios.get(Metric.P50_OTHER_NODE_MS.label)),
            multiple(ratios.get(Metric.P99_OTHER_NODE_MS.label))));
  }

  private static String multiple(Double ratio) {
    return ratio == null ? "(not measured)" : String.format(Locale.ROOT, "×%.2f", ratio);
  }
}
