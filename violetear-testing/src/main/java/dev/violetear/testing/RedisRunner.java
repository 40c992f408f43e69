// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code redis-server} processes for a {@link RedisServer}: one binary, one data directory,
 * one log, any number of runs one after the other. {@code RedisServer} keeps the state (which
 * process, which port); this class knows how to start, probe and stop one process.
 *
 * <pre>{@code
 * RedisRunner runner = new RedisRunner(RedisRunner.findBinary(System.getenv("PATH")), dir, true);
 * Process process = runner.spawn(port);
 * if (runner.awaitReady(process, port)) { ... }
 * }</pre>
 */
final class RedisRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RedisRunner.class);
  static final String BINARY = "redis-server";
  static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final int LOG_TAIL_LINES = 20;

  private final Path binary;
  private final Path directory;
  private final Path log;
  private final boolean persistent;

  RedisRunner(Path binary, Path directory, boolean persistent) {
    this.binary = binary;
    this.directory = directory;
    this.log = directory.resolve("redis.log");
    this.persistent = persistent;
  }

  /** Returns the first executable {@code redis-server} in the directories of {@code searchPath}. */
  static Path findBinary(String searchPath) {
    for (String entry : searchPath == null ? new String[0] : searchPath.split(File.pathSeparator)) {
      try {
        Path candidate = Path.of(entry.isEmpty() ? "." : entry, BINARY);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      } catch (InvalidPathException e) {
        // Not a directory name: nothing to find there.
      }
    }
    throw new IllegalStateException(
        "'"
            + BINARY
            + "' is not on the PATH ("
            + searchPath
            + "). RedisServer runs the real Redis: install Debian's package 'redis-server' "
            + "(bin/test does it through bin/lib/redis.sh; by hand: "
            + "sudo apt-get install --no-install-recommends redis-server), then run the tests again.");
  }

  static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("RedisServer found no free port: " + e.getMessage(), e);
    }
  }

  /** Waits up to {@code timeout} until nothing listens on the loopback {@code port}. */
  static void awaitPortFree(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        return;
      } catch (IOException e) {
        LockSupport.parkNanos(POLL.toNanos()); // taken: look again shortly
      }
    }
  }

  /** Waits up to {@code timeout} for the process to end; true if it has. */
  static boolean awaitExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  Process spawn(int port) {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(binary.toString(), "--port", String.valueOf(port)));
    command.addAll(List.of("--bind", "127.0.0.1", "--protected-mode", "yes"));
    command.addAll(List.of("--dir", directory.toString(), "--logfile", log.toString()));
    command.addAll(List.of("--save", "", "--daemonize", "no"));
    if (persistent) {
      command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    }
    // Errors in the arguments go to stderr before Redis opens its log file: append them there.
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + binary + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns true once the process answers PING on {@code port} and INFO shows its pid (so a
   * stranger on the port does not count), false if it exits first. After {@link #START_TIMEOUT} it
   * kills the process and throws, with the end of the log.
   */
  boolean awaitReady(Process process, int port) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (process.isAlive()) {
      if (answers(process, port)) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        kill(process);
        throw new IllegalStateException(
            "redis-server did not answer PING on 127.0.0.1:"
                + port
                + " within "
                + START_TIMEOUT.toSeconds()
                + " s; the end of "
                + log
                + ":\n"
                + logTail());
      }
      awaitExit(process, POLL); // the next probe, or at once if the process exits meanwhile
    }
    return false;
  }

  private static boolean answers(Process process, int port) {
    try {
      if (!"PONG".equals(Resp.command(port, "PING"))) {
        return false;
      }
      Object info = Resp.command(port, "INFO", "server");
      return info instanceof String
          && ((String) info).contains("\nprocess_id:" + process.pid() + "\r");
    } catch (IOException e) {
      return false; // not listening yet, or still loading its data (-LOADING)
    }
  }

  /**
   * Stops the process gracefully and waits for it to end: SHUTDOWN syncs the append-only file of a
   * persistent server, SHUTDOWN NOSAVE skips any saving. Falls back to SIGTERM, then SIGKILL.
   */
  void shutdown(Process process, int port) {
    if (process.isAlive()) {
      try {
        Object reply =
            persistent ? Resp.command(port, "SHUTDOWN") : Resp.command(port, "SHUTDOWN", "NOSAVE");
        LOG.warn(
            "redis-server on port {} answered SHUTDOWN with '{}'; terminating it", port, reply);
        process.destroy();
      } catch (EOFException expected) {
        // SHUTDOWN closes the connection instead of replying: the server is going down.
      } catch (IOException e) {
        LOG.warn(
            "redis-server on port {} failed SHUTDOWN ({}); terminating it", port, e.toString());
        process.destroy();
      }
    }
    if (!awaitExit(process, STOP_TIMEOUT)) {
      LOG.warn(
          "redis-server on port {} still runs {} after SHUTDOWN; killing it", port, STOP_TIMEOUT);
      kill(process);
    }
  }

  /** Ends the process with SIGTERM (a graceful exit for Redis), then SIGKILL after a while. */
  void terminate(Process process) {
    process.destroy();
    if (!awaitExit(process, STOP_TIMEOUT)) {
      LOG.warn(
          "redis-server in {} still runs {} after SIGTERM; killing it", directory, STOP_TIMEOUT);
      kill(process);
    }
  }

  /** Ends the process with SIGKILL, as in a crash, and waits until it is gone. */
  static void kill(Process process) {
    process.destroyForcibly();
    awaitExit(process, STOP_TIMEOUT);
  }

  long logSize() {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  String logSince(long offset) {
    try {
      byte[] bytes = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
      int from = (int) Math.min(offset, bytes.length);
      return new String(bytes, from, bytes.length - from, UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  String logTail() {
    List<String> lines = logSince(0).lines().toList();
    if (lines.isEmpty()) {
      return "(the log is empty)";
    }
    return String.join(
        "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }

  void deleteDirectory() {
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete the Redis data directory {}: {}", directory, e.toString());
    }
  }
}
