// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started, pinned to one core: a target server or a load generator. Its
 * standard output is read as JSON lines (the only thing either kind writes there); its standard
 * error goes to a log file under {@code target/bench-logs}, named in every failure message.
 */
final class Proc implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CLOCK_TICKS = clockTicks();

  private final String name;
  private final Process process;
  private final Path log;
  private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

  private Proc(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::read, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} on {@code core} (with {@code taskset}), in {@code dir}. */
  static Proc start(String name, int core, Path dir, Path logs, List<String> command)
      throws IOException {
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(core)));
    pinned.addAll(command);
    Files.createDirectories(logs);
    Path log = logs.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".log");
    Process p =
        new ProcessBuilder(pinned)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new Proc(name, p, log);
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          lines.add(JSON.createObjectNode().put("event", "noise").put("line", line));
        }
      }
    } catch (IOException e) {
      // The process ended; waiters see the timeout or the exit.
    }
  }

  /**
   * Waits for the next line whose {@code event} is {@code event}, skipping others.
   *
   * @throws IOException when the process reports an error, exits, or is silent for {@code max}
   */
  JsonNode await(String event, Duration max) throws IOException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode line;
      try {
        line = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for " + name);
      }
      if (line == null) {
        String state = process.isAlive() ? "is silent" : "exited with " + process.exitValue();
        throw new IOException(
            name + " " + state + " before '" + event + "' (waited " + max + "); see " + log);
      }
      String got = line.path("event").asText();
      if (got.equals(event)) {
        return line;
      }
      if (got.equals("error")) {
        throw new IOException(name + ": " + line.path("message").asText() + "; see " + log);
      }
    }
  }

  /**
   * Waits for the next line, whatever its event.
   *
   * @throws IOException when the process exits or is silent for {@code max}
   */
  JsonNode next(Duration max) throws IOException {
    JsonNode line;
    try {
      line = lines.poll(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + name);
    }
    if (line == null) {
      String state = process.isAlive() ? "is silent" : "exited with " + process.exitValue();
      throw new IOException(name + " " + state + " (waited " + max + "); see " + log);
    }
    return line;
  }

  /** Sends one command line to the process's standard input. */
  void send(String command) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /**
   * Moves every thread of the process to {@code cores} (a {@code taskset} list such as "0" or
   * "0,1"); threads it starts later inherit that.
   */
  void pin(String cores) throws IOException {
    pin(process.pid(), name, cores);
  }

  /** Moves every thread of the process {@code pid} (called {@code name}) to {@code cores}. */
  static void pin(long pid, String name, String cores) throws IOException {
    Process p =
        new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(pid))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("could not pin " + name + " to cores " + cores + ": " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while pinning " + name, e);
    }
  }

  /**
   * CPU time the process's JIT compiler threads (HotSpot's C1 and C2) have used so far, in seconds;
   * NaN for a process without them (Node, whose compiler threads are not told apart from its
   * others). Read from the kernel, not asked of the JVM: its own figure is elapsed time, which on a
   * shared core counts the time the compiler waited for it, and asking wakes the target up.
   */
  double jitSeconds() throws IOException {
    long ticks = 0;
    boolean any = false;
    try (DirectoryStream<Path> threads =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      for (Path thread : threads) {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            ticks += ticks(stat);
            any = true;
          }
        } catch (NoSuchFileException e) {
          // HotSpot starts and stops compiler threads as the queue grows and shrinks.
        }
      }
    }
    return any ? (double) ticks / CLOCK_TICKS : Double.NaN;
  }

  /** CPU time the process (all its threads) has used so far, in seconds. */
  double cpuSeconds() throws IOException {
    return cpuSeconds(process.pid());
  }

  /** CPU time the process {@code pid} (all its threads) has used so far, in seconds. */
  static double cpuSeconds(long pid) throws IOException {
    return (double) ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
        / CLOCK_TICKS;
  }

  /** User and system clock ticks of a {@code /proc} stat line. */
  private static long ticks(String stat) {
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The process's resident set size in bytes. */
  long rssBytes() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for " + name);
  }

  /** Waits for the process to end by itself. */
  boolean waitFor(Duration max) throws InterruptedException {
    return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Closes standard input (targets then stop), then kills what is still running after 10 s. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      return p.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | InterruptedException | NumberFormatException e) {
      return 100;
    }
  }
}
