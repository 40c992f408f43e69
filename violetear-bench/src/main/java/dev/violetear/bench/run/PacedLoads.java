// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One paced load generator per target ({@code load.js echo|broadcast --paced}), whose windows are
 * taken in slices, each target's in turn, so that the speed this machine's core happens to run at
 * falls on every target alike (see {@link RealtimeScenarios}). The loads connect at once, since
 * nothing is measured then; each warm-up and slice has the server's core to itself.
 *
 * <pre>{@code
 * try (PacedLoads loads = PacedLoads.open(lab, servers, "echo-r1", argsOf, max)) {
 *   loads.warm(0.3, PacedLoads.NOTHING);
 *   Map<Target, Lab.Measured> measured = loads.measure(4, PacedLoads.NOTHING);
 * }
 * }</pre>
 */
final class PacedLoads implements AutoCloseable {
  /** What the orchestrator does to a server before and after each of its slices and warm-ups. */
  interface Around {
    void before(Proc server) throws IOException;

    void after(Proc server) throws IOException;
  }

  /** Nothing around a slice: the load alone drives the server (echo). */
  static final Around NOTHING =
      new Around() {
        @Override
        public void before(Proc server) {}

        @Override
        public void after(Proc server) {}
      };

  private final Map<Target, Proc> servers;
  private final Map<Target, Proc> loads = new LinkedHashMap<>();
  private final Duration max;

  private PacedLoads(Map<Target, Proc> servers, Duration max) {
    this.servers = servers;
    this.max = max;
  }

  /**
   * Starts a paced load for each of {@code servers}' targets that {@code args} gives arguments for
   * (null: the target sits the scenario out), and waits until every one has connected.
   */
  static PacedLoads open(
      Lab lab,
      Map<Target, Proc> servers,
      String name,
      Function<Target, List<String>> args,
      Duration max)
      throws IOException {
    PacedLoads paced = new PacedLoads(servers, max);
    try {
      for (Target target : servers.keySet()) {
        List<String> a = args.apply(target);
        if (a != null) {
          paced.loads.put(target, lab.load(target + "-" + name, a));
        }
      }
      for (Proc load : paced.loads.values()) {
        load.await("paused", max);
      }
      return paced;
    } catch (IOException | RuntimeException e) {
      paced.close();
      throw e;
    }
  }

  /** Loads each target's server in turn for {@code seconds}, unmeasured. */
  void warm(double seconds, Around around) throws IOException {
    for (Map.Entry<Target, Proc> e : loads.entrySet()) {
      Proc server = servers.get(e.getKey());
      around.before(server);
      try {
        e.getValue().send("warm " + seconds);
        e.getValue().await("warmed", max);
      } finally {
        around.after(server);
      }
      e.getValue().await("paused", max);
    }
  }

  /**
   * Takes {@code slices} slices of every target's window in turn, then has each load report: what
   * it reported, with its server's CPU and JIT time summed over its slices.
   */
  Map<Target, Lab.Measured> measure(int slices, Around around) throws IOException {
    Map<Target, double[]> spent = new EnumMap<>(Target.class);
    for (int i = 0; i < slices; i++) {
      for (Map.Entry<Target, Proc> e : loads.entrySet()) {
        Proc server = servers.get(e.getKey());
        around.before(server);
        Lab.Measured m;
        try {
          m = Lab.slice(e.getValue(), server, max);
        } finally {
          around.after(server);
        }
        e.getValue().await("paused", max);
        double[] sum = spent.computeIfAbsent(e.getKey(), t -> new double[2]);
        sum[0] += m.serverCpuSeconds();
        sum[1] += m.jitSeconds();
      }
    }
    // Each load closes its sockets before it reports: all at once, not one after another.
    for (Proc load : loads.values()) {
      load.send("end");
    }
    Map<Target, Lab.Measured> measured = new LinkedHashMap<>();
    for (Map.Entry<Target, Proc> e : loads.entrySet()) {
      double[] sum = spent.get(e.getKey());
      measured.put(e.getKey(), new Lab.Measured(e.getValue().await("result", max), sum[0], sum[1]));
    }
    return measured;
  }

  @Override
  public void close() {
    loads.values().forEach(Proc::close);
  }
}
