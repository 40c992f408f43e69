// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark: every scenario against the framework and its baselines, in interleaved rounds so
 * that drift hits every target alike, then one table of medians and ratios, also written to {@code
 * violetear-bench/target/bench.json}. {@code bin/bench} builds everything and runs this.
 *
 * <p>System properties: {@code bench.root} (the repository), {@code bench.classpath} (the
 * benchmark's runtime classpath), {@code bench.port} (19100 by default).
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
    String classpath = System.getProperty("bench.classpath");
    if (classpath == null) {
      throw new IllegalArgumentException("set -Dbench.classpath (bin/bench does)");
    }
    int port = Integer.getInteger("bench.port", 19100);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Lab lab = new Lab(root, java, classpath, port, options.profile());
    npmInstall(lab.node());
    // measures.log holds this run's windows only.
    Files.createDirectories(lab.logs());
    Files.deleteIfExists(lab.logs().resolve("measures.log"));

    Results results = new Results();
    RealtimeScenarios realtime = new RealtimeScenarios(lab, options, results);
    HttpScenarios http = new HttpScenarios(lab, options, results);
    ClientScenarios client =
        new ClientScenarios(lab, options, results, devClasspath(root, classpath));
    XnodeScenarios xnode = new XnodeScenarios(lab, options, results);
    realtime.declareTargets();
    http.declareTargets();
    client.declareTargets();

    long started = System.nanoTime();
    List<Target> sockets =
        new ArrayList<>(
            List.of(Target.OURS, Target.JETTY, Target.SOCKET_IO, Target.SOCKET_IO_RECOVERY));
    List<Target> rpc = new ArrayList<>(List.of(Target.OURS, Target.JAVALIN));
    // The socket and RPC servers stay up across the rounds (see RealtimeScenarios and
    // HttpScenarios.run); this stops them.
    try (realtime;
        http) {
      for (int round = 1; round <= options.rounds(); round++) {
        progress(started, "round " + round + ": sockets");
        realtime.run(sockets, round);
        progress(started, "round " + round + ": RPC");
        http.run(rpc, round);
        progress(started, "round " + round + ": client cost");
        client.run(round);
        progress(started, "round " + round + ": cross-node broadcast");
        xnode.run(round);
        // The next round starts with another target, so none always runs first.
        Collections.rotate(sockets, -1);
        Collections.rotate(rpc, -1);
      }
    }
    List<Results.Row> rows = results.rows();
    System.out.println();
    Results.print(rows, System.out);
    XnodeScenarios.note(rows).ifPresent(note -> System.out.printf("%n%s%n", note));
    Path json = root.resolve("violetear-bench/target/bench.json");
    Results.write(rows, json);
    long missed = rows.stream().filter(Results.Row::missed).count();
    System.out.printf(
        "%n%d rounds in %d s; %d of %d targets missed; written to %s%n",
        options.rounds(),
        (System.nanoTime() - started) / 1_000_000_000L,
        missed,
        rows.stream().filter(r -> r.target() != null).count(),
        json);
  }

  private static void progress(long started, String what) {
    System.err.printf("[%4d s] %s%n", (System.nanoTime() - started) / 1_000_000_000L, what);
  }

  /** Installs the load generator's packages once, from its lock file. */
  private static void npmInstall(Path node) throws IOException, InterruptedException {
    if (Files.isDirectory(node.resolve("node_modules"))) {
      return;
    }
    Process p =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(node.toFile())
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IOException("npm ci failed in " + node + "; is the npm registry reachable?");
    }
  }

  /**
   * The classpath with the examples' classes but not their prebuilt bundle, so that starting the
   * counter compiles it (the cold start figure).
   */
  private static String devClasspath(Path root, String classpath) throws IOException {
    Path classes = root.resolve("violetear-examples/target/classes");
    Path copy = root.resolve("violetear-bench/target/bench-work/examples-classes");
    if (Files.exists(copy)) {
      try (Stream<Path> all = Files.walk(copy)) {
        for (Path p : all.sorted(Collections.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> all = Files.walk(classes)) {
      for (Path from : all.toList()) {
        Path rel = classes.relativize(from);
        if (rel.startsWith(Path.of("META-INF", "violetear"))) {
          continue;
        }
        Path to = copy.resolve(rel.toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    List<String> entries =
        Arrays.stream(classpath.split(":"))
            .filter(e -> !e.contains("violetear-examples"))
            .collect(Collectors.toCollection(ArrayList::new));
    entries.add(1, copy.toString());
    return String.join(":", entries);
  }
}
