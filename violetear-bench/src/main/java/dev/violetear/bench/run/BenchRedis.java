// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import dev.violetear.testing.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Redis server that the cross-node broadcast's two nodes share: violetear-testing's private
 * {@code redis-server} on a free port, pinned to the server core beside the nodes, since it serves
 * the broadcast as much as they do and the load core is the generator's. Its CPU time counts with
 * theirs.
 *
 * <p>It keeps nothing on disk: a persistent server syncs its append-only file on every write, which
 * would measure this machine's disk rather than the backplane.
 */
final class BenchRedis implements AutoCloseable {
  private final RedisServer server;
  private final long pid;

  private BenchRedis(RedisServer server, long pid) {
    this.server = server;
    this.pid = pid;
  }

  /**
   * Starts a fresh server and pins it to the server core.
   *
   * @throws IOException when it cannot be found among this JVM's children or pinned
   * @throws IllegalStateException when {@code redis-server} is missing or does not start
   */
  static BenchRedis start() throws IOException {
    RedisServer server = RedisServer.start(RedisServer.Options.defaults().persistent(false));
    try {
      long pid = pidOf(server.port());
      Proc.pin(pid, "redis-server", Lab.MEASURED_CORES);
      return new BenchRedis(server, pid);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  String url() {
    return server.url();
  }

  /** CPU time the server has used so far, in seconds. */
  double cpuSeconds() throws IOException {
    return Proc.cpuSeconds(pid);
  }

  /** Ends the server and deletes its data directory. */
  @Override
  public void close() {
    server.close();
  }

  /**
   * The server's process: a child of this JVM (RedisServer starts it directly) whose title, which
   * Redis writes over its command line as {@code /usr/bin/redis-server 127.0.0.1:<port>}, names the
   * port.
   */
  private static long pidOf(int port) throws IOException {
    List<ProcessHandle> children = ProcessHandle.current().children().toList();
    for (ProcessHandle child : children) {
      Path cmdline = Path.of("/proc", Long.toString(child.pid()), "cmdline");
      String title;
      try {
        title = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
      } catch (IOException e) {
        continue; // ended meanwhile: not the running server
      }
      if (title.contains("redis-server") && title.contains(":" + port + "\0")) {
        return child.pid();
      }
    }
    throw new IOException("no redis-server on port " + port + " among this JVM's children");
  }
}
