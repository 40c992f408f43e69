// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** RPC calls over keep-alive HTTP, against the framework and a raw Javalin endpoint. */
final class HttpScenarios {
  // Seconds of RPC load before a Java target is measured, on both cores.
  private static final double JVM_WARMUP = 5;
  static final String RPC = "RPC, %,d connections";

  private final Lab lab;
  private final Options options;
  private final Results results;

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

  /** Runs every RPC scenario against a fresh server of {@code target} (ours or Javalin). */
  void run(Target target, int round) throws IOException {
    boolean any = false;
    for (int c : connections()) {
      any |= options.runs(String.format(Locale.ROOT, RPC, c));
    }
    if (!any) {
      return;
    }
    String path = target == Target.OURS ? "/_violetear/rpc/Echo.rpc" : "/rpc";
    try (Proc server = lab.start(target, "rpc-r" + round)) {
      String url = lab.base() + path;
      // Warm-up, unrecorded and on both cores: the JIT compiles the request path first.
      server.pin(Lab.UNMEASURED_CORES);
      // A Java target's JIT needs longer: after 2 s raw Javalin still ran at a sixth of its speed.
      call(server, target, round, url, 64, options.targetWarmup(target, JVM_WARMUP));
      server.pin(Lab.MEASURED_CORES);
      for (int c : connections()) {
        String scenario = String.format(Locale.ROOT, RPC, c);
        if (!options.runs(scenario)) {
          continue;
        }
        Lab.Measured m = call(server, target, round, url, c, options.duration());
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

  private Lab.Measured call(
      Proc server, Target target, int round, String url, int connections, double seconds)
      throws IOException {
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
    return lab.measure(
        target + "-rpc-r" + round,
        server,
        args,
        Duration.ofSeconds((long) (options.warmup() + seconds) + 60));
  }
}
