// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The broadcast scenarios of {@link RealtimeScenarios}: 200 B at 20 a second to every socket, at
 * 1,000 sockets and then at the largest fan-out whose p95 delay stays under 500 ms.
 */
final class BroadcastScenarios {
  static final String BROADCAST = "broadcast 200 B × 20/s to %,d sockets";
  static final String FANOUT = "broadcast 200 B × 20/s: largest fan-out";

  private static final int BROADCAST_RATE = 20;
  private static final int BROADCAST_BYTES = 200;
  private static final double P95_LIMIT_MS = 500;
  // The share of its core a fan-out step may take for the next, twice as large, to be tried. The
  // cost per delivery falls as the fan-out grows (about a fifth from 1,000 to 4,000 sockets), so at
  // three quarters a target still kept 4,000 under the limit; past nine tenths twice the load needs
  // over 1.4 cores, and the backlog grows past the limit within the window.
  private static final double SATURATED = 0.9;
  // Seconds of broadcast before the first broadcast is measured: enough for C2 to finish.
  private static final double BROADCAST_WARMUP = 3;

  private final Lab lab;
  private final Options options;
  private final Results results;

  BroadcastScenarios(Lab lab, Options options, Results results) {
    this.lab = lab;
    this.options = options;
    this.results = results;
  }

  int broadcastSockets() {
    return options.quick() ? 200 : 1000;
  }

  void declareTargets() {
    String broadcast = String.format(Locale.ROOT, BROADCAST, broadcastSockets());
    results.target(broadcast, Metric.P95_DELAY_MS, Target.SOCKET_IO, 1.0);
    results.target(broadcast, Metric.CPU_PER_DELIVERY, Target.SOCKET_IO, 1.0);
  }

  /** The names of the scenarios, for {@code --only}. */
  List<String> names() {
    return List.of(String.format(Locale.ROOT, BROADCAST, broadcastSockets()), FANOUT);
  }

  /**
   * Runs the broadcast scenario and returns what the load reported, or null when it did not run.
   */
  JsonNode broadcast(Proc server, Target target, String base, int round) throws IOException {
    String scenario = String.format(Locale.ROOT, BROADCAST, broadcastSockets());
    if (!options.runs(scenario)) {
      return null;
    }
    // The echo warm-up never fans out: with only the scenarios' short warm-up, the JVM targets were
    // still compiling their broadcast paths in the measured window (C2 at a seventh of the core).
    double warmup =
        options.quick() ? options.warmup() : Math.max(BROADCAST_WARMUP, options.warmup());
    JsonNode r = run(server, target, base, round, broadcastSockets(), warmup).result();
    if (!RealtimeScenarios.measured(r.path("delivered").asDouble() > 0, target, scenario, r)) {
      return r;
    }
    results.add(scenario, Metric.P95_DELAY_MS, target, r.path("p95").asDouble());
    results.add(scenario, Metric.CPU_PER_DELIVERY, target, r.path("cpuPerDelivery").asDouble());
    return r;
  }

  /**
   * Doubles the sockets from 1,000 while every message arrives with a p95 under 500 ms, and while
   * the last step left the server's core room for twice its load; the broadcast scenario's run
   * stands for the first step when it had as many sockets.
   */
  void fanout(Proc server, Target target, String base, int round, JsonNode broadcast)
      throws IOException {
    if (!options.runs(FANOUT)) {
      return;
    }
    int largest = 0;
    int limit = options.quick() ? 2000 : 16000;
    for (int n = 1000; n <= limit; n *= 2) {
      // The broadcast scenario before this one has warmed the sending path up.
      JsonNode r =
          n == broadcastSockets() && broadcast != null
              ? broadcast
              : run(server, target, base, round, n, options.warmup()).result();
      double expected = (double) n * BROADCAST_RATE * options.duration();
      if (r.path("p95").asDouble() >= P95_LIMIT_MS
          || r.path("delivered").asDouble() < 0.95 * expected) {
        break;
      }
      largest = n;
      if (r.path("coreShare").asDouble() >= SATURATED) {
        // Twice the sockets would need more than its one core (see SATURATED). Opening 8,000 and
        // finding so took about 10 s a target.
        System.err.printf(
            Locale.ROOT,
            "%s: %,d sockets took %.0f%% of the server's core; %,d are not tried%n",
            target.label,
            n,
            100 * r.path("coreShare").asDouble(),
            2 * n);
        break;
      }
    }
    results.add(FANOUT, Metric.LARGEST_FANOUT, target, largest);
  }

  private Lab.Measured run(Proc server, Target target, String base, int round, int n, double warmup)
      throws IOException {
    List<String> args =
        List.of(
            "broadcast",
            "--proto",
            target.proto,
            "--url",
            base,
            "--sockets",
            "" + n,
            "--warmup",
            Double.toString(warmup),
            "--duration",
            options.durationArg());
    try (Proc load = lab.load(target + "-broadcast-r" + round, args)) {
      load.await("ready", RealtimeScenarios.timeout(options, n));
      server.send("broadcast " + BROADCAST_RATE + " " + BROADCAST_BYTES);
      server.await("broadcasting", Duration.ofSeconds(10));
      Lab.Measured m;
      try {
        m = Lab.measure(load, server, RealtimeScenarios.timeout(options, n));
      } finally {
        server.send("stop");
        server.await("stopped", Duration.ofSeconds(10));
      }
      double delivered = m.result().path("delivered").asDouble();
      ((ObjectNode) m.result()).put("cpuPerDelivery", m.serverCpuSeconds() * 1e6 / delivered);
      ((ObjectNode) m.result())
          .put("coreShare", m.serverCpuSeconds() / m.result().path("seconds").asDouble());
      lab.record(target.label + ": broadcast to " + n + " sockets, round " + round, m);
      return m;
    }
  }
}
