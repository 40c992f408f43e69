// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where and how the benchmark runs its processes: targets on core 0, load generators on core 1, so
 * that a target's CPU time is its own and the load never competes with it.
 *
 * @param root the repository's root
 * @param java the {@code java} executable targets run with
 * @param classpath the benchmark's runtime classpath
 * @param port the first of the ports targets listen on: the scenarios that keep several servers up
 *     give each a port of its own after it
 * @param profile whether Java targets record a Flight Recorder profile into {@link #logs()}
 */
record Lab(Path root, String java, String classpath, int port, boolean profile) {
  static final int SERVER_CORE = 0;
  static final int LOAD_CORE = 1;

  /**
   * Where a target runs while nothing of it is measured (warm-ups, idle memory): both cores, so
   * that its JIT compiler is not confined to the core the load keeps busy.
   */
  static final String UNMEASURED_CORES = SERVER_CORE + "," + LOAD_CORE;

  /** Where a target runs while it is measured, as a {@code taskset} list. */
  static final String MEASURED_CORES = Integer.toString(SERVER_CORE);

  /** The same JVM settings for every Java target; one CPU would otherwise mean SerialGC. */
  private static final List<String> JVM_FLAGS = List.of("-XX:+UseG1GC", "-Xmx2g");

  /**
   * What a load generator printed, the target's CPU time inside its measured window, and the time
   * the CPU time its JIT compiler threads took in it (NaN for Node, see Proc#jitSeconds).
   */
  record Measured(JsonNode result, double serverCpuSeconds, double jitSeconds) {}

  /** A window that cost a target's JIT compilers this share of it or more measured them too. */
  static final double JIT_BUSY = 0.02;

  /** CPU time used so far by the processes that serve a scenario, in seconds. */
  interface CpuClock {
    double seconds() throws IOException;
  }

  Path node() {
    return root.resolve("violetear-bench/node");
  }

  Path logs() {
    return root.resolve("violetear-bench/target/bench-logs");
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts {@code target} on {@link #port()} and waits until it listens. */
  Proc start(Target target, String round) throws IOException {
    return start(target, round, port);
  }

  /** Starts {@code target} on {@code port} and waits until it listens. */
  Proc start(Target target, String round, int port) throws IOException {
    List<String> command = new ArrayList<>();
    switch (target) {
      case OURS, IN_MEMORY -> {
        javaCommand(command, target.name(), round, port, "dev.violetear.bench.targets.OursTarget");
        command.add(bundleCache());
      }
      case JETTY ->
          javaCommand(
              command, target.name(), round, port, "dev.violetear.bench.targets.JettyTarget");
      case JAVALIN, HAND_PAGE ->
          javaCommand(
              command, target.name(), round, port, "dev.violetear.bench.targets.JavalinTarget");
      case SOCKET_IO, SOCKET_IO_RECOVERY -> {
        command.addAll(List.of("node", "--expose-gc", "sio-server.js", "--port", "" + port));
        if (target == Target.SOCKET_IO_RECOVERY) {
          command.add("--recovery");
        }
      }
      default -> throw new IllegalArgumentException(target + " has no server");
    }
    Path dir = target.proto != null && target.proto.equals("sio") ? node() : root;
    // The first start of ours compiles its bundle (then cached): allow for TeaVM.
    return listening(Proc.start(target.name() + "-" + round, SERVER_CORE, dir, logs(), command));
  }

  /**
   * Starts ours as two nodes of one app in one process, joined through the Redis server at {@code
   * redisUrl}: node A on {@link #port()}, node B on the port after it. Waits until both listen.
   */
  Proc startRedisNodes(String round, String redisUrl) throws IOException {
    String name = "REDIS_NODES";
    List<String> command = new ArrayList<>();
    javaCommand(command, name, round, port, "dev.violetear.bench.targets.RedisNodesTarget");
    command.addAll(List.of(bundleCache(), redisUrl));
    return listening(Proc.start(name + "-" + round, SERVER_CORE, root, logs(), command));
  }

  /** Waits until {@code server} listens, or stops it: a target that failed to start is not left. */
  private static Proc listening(Proc server) throws IOException {
    try {
      server.await("listening", Duration.ofMinutes(3));
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The URL of the second node that {@link #startRedisNodes} starts. */
  String otherNodeBase() {
    return "http://127.0.0.1:" + (port + 1);
  }

  private String bundleCache() {
    return root.resolve("violetear-bench/target/bench-cache").toString();
  }

  private void javaCommand(List<String> command, String name, String round, int port, String main) {
    command.add(java);
    command.addAll(JVM_FLAGS);
    // Each collection with its time, to tell a window that a collection fell into.
    command.add("-Xlog:gc:file=" + logs().resolve(name + "-" + round + "-gc.log") + ":utctime");
    if (profile) {
      Path file = logs().resolve(name + "-" + round + ".jfr");
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + file);
    }
    command.addAll(List.of("-cp", classpath, main, Integer.toString(port)));
  }

  /** Starts {@code node load.js <args>} on the load core. */
  Proc load(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", "load.js"));
    command.addAll(args);
    if (!args.get(0).equals("rpc")) {
      // Thousands of handshakes on one server core: patience, not failure, when it is busy.
      command.addAll(List.of("--connect-timeout", "30"));
    }
    return Proc.start(name, LOAD_CORE, node(), logs(), command);
  }

  /**
   * Runs a load generator to its result, sampling {@code server}'s CPU time when it says the
   * measured window starts and ends.
   */
  Measured measure(String name, Proc server, List<String> args, Duration max) throws IOException {
    return measure(name, name, server, args, max);
  }

  /**
   * As {@link #measure(String, Proc, List, Duration)}, naming the window {@code window} in {@code
   * measures.log} rather than by the load generator's log name.
   */
  Measured measure(String name, String window, Proc server, List<String> args, Duration max)
      throws IOException {
    try (Proc load = load(name, args)) {
      Measured m = measure(load, server, max);
      record(window, m);
      return m;
    }
  }

  /**
   * Appends one window's figures to {@code measures.log} in {@link #logs()}: the table shows
   * medians over the rounds, and a row that varies is explained by the rounds behind it. A window
   * in which the target's JIT compilers were busy is also noted on standard error.
   */
  void record(String window, Measured m) throws IOException {
    double seconds = m.result().path("seconds").asDouble();
    double jitShare = m.jitSeconds() / seconds;
    // A scenario without a fixed window (the reconnect storm) gives no share.
    if (seconds > 0 && jitShare >= JIT_BUSY) {
      System.err.printf(
          Locale.ROOT,
          "note: the JIT compiler threads used %.0f%% of a core in the window '%s'%n",
          jitShare * 100,
          window);
    }
    String line =
        String.format(
            Locale.ROOT,
            "%s %s serverCpuSeconds=%.3f jitSeconds=%.3f %s%n",
            Instant.now(),
            window,
            m.serverCpuSeconds(),
            m.jitSeconds(),
            m.result());
    Files.writeString(
        logs().resolve("measures.log"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Reads a running load generator to its result, as {@link #measure(String, Proc, List,
   * Duration)}.
   */
  static Measured measure(Proc load, Proc server, Duration max) throws IOException {
    return measure(load, server::cpuSeconds, server::jitSeconds, max, "result");
  }

  /**
   * Has a paced load generator (one that waits on stdin, see {@code node/lib/echo.js}) measure one
   * slice of its window, and reads it until the slice ends: the server's CPU and JIT time in the
   * slice. The load then prints {@code paused} when it is ready for the next.
   */
  static Measured slice(Proc load, Proc server, Duration max) throws IOException {
    load.send("go");
    return measure(load, server::cpuSeconds, server::jitSeconds, max, "measured");
  }

  /**
   * Reads a running load generator to its result, as {@link #measure(String, Proc, List,
   * Duration)}, sampling the CPU time of whatever serves it: for the nodes through Redis, their
   * process and Redis's.
   */
  static Measured measure(Proc load, CpuClock server, Duration max) throws IOException {
    return measure(load, server, () -> Double.NaN, max, "result");
  }

  private static Measured measure(
      Proc load, CpuClock server, CpuClock jit, Duration max, String until) throws IOException {
    double start = Double.NaN;
    double end = Double.NaN;
    double jitStart = Double.NaN;
    double jitEnd = Double.NaN;
    while (true) {
      JsonNode line = load.next(max);
      String event = line.path("event").asText();
      switch (event) {
        case "measuring" -> {
          start = server.seconds();
          jitStart = jit.seconds();
        }
        case "measured" -> {
          end = server.seconds();
          jitEnd = jit.seconds();
        }
        case "error" -> throw new IOException(line.path("message").asText());
        default -> {}
      }
      if (event.equals(until)) {
        return new Measured(line, end - start, jitEnd - jitStart);
      }
    }
  }
}
