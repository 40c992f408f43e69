// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private {@code redis-server} for one test: the real Redis binary found on the PATH, on a free
 * loopback port, with a fresh temporary data directory. Tests of apps that share state through
 * Redis start one, point their app nodes at {@link #url()}, and restart, kill or empty it to see
 * how the apps cope.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *   App first = startNode(redis.url());     // e.g. "redis://127.0.0.1:41234"
 *   App second = startNode(redis.url());
 *   redis.restart();                        // graceful: with persistence no data is lost
 *   redis.kill();                           // a crash: SIGKILL, no chance to clean up
 *   redis.restart();                        // ...and back, on the same port and data
 *   redis.flushAll();                       // Redis lost its data
 * }                                         // process ended, data directory deleted
 * }</pre>
 *
 * <p>Redis runs in the foreground of a child process with {@code --bind 127.0.0.1 --protected-mode
 * yes --save ""}, writes its log to {@code redis.log} in its data directory and, unless {@link
 * Options#persistent(boolean)} turned it off, keeps an append-only file synced on every write
 * ({@code --appendonly yes --appendfsync always}), so even {@link #kill()} loses nothing
 * acknowledged. Servers not closed when the JVM exits are killed by a shutdown hook; only a JVM
 * killed with SIGKILL can leave one behind. Methods are thread-safe.
 *
 * <p>On Debian, {@code apt-get install redis-server} provides the binary; {@code bin/test} does it
 * through {@code bin/lib/redis.sh}.
 */
public final class RedisServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
  private static final int BIND_ATTEMPTS = 5;
  private static final Duration PORT_WAIT = Duration.ofSeconds(2);
  // Every server not yet closed: the shutdown hook kills them, so no redis-server outlives the JVM
  // even when a test forgets close() or the run is cut short (CI machines must stay clean).
  private static final Set<RedisServer> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> OPEN.forEach(RedisServer::reap), "violetear-redis-reaper"));
  }

  private final RedisRunner runner;
  private final Path directory;
  // Chosen on the first start and kept, so clients find the server again after restart().
  private volatile int port;
  // Null while stopped; volatile because the shutdown hook reads it without the lock.
  private volatile Process process;
  private boolean closed;

  private RedisServer(RedisRunner runner, Path directory) {
    this.runner = runner;
    this.directory = directory;
  }

  /**
   * Starts a persistent server with the default {@link Options} and waits until it answers PING.
   *
   * <pre>{@code
   * try (RedisServer redis = RedisServer.start()) {
   *   config.redis(redis.url());
   * }
   * }</pre>
   *
   * @return the running server; close it when the test ends
   * @throws IllegalStateException if {@code redis-server} is not on the PATH, or does not answer
   *     PING within 10 seconds (the message ends with its log)
   * @throws UncheckedIOException if the temporary data directory cannot be created
   */
  public static RedisServer start() {
    return start(Options.defaults());
  }

  /**
   * Starts a server with {@code options} and waits until it answers PING.
   *
   * <pre>{@code
   * RedisServer redis = RedisServer.start(RedisServer.Options.defaults().persistent(false));
   * }</pre>
   *
   * @param options how to run it
   * @return the running server; close it when the test ends
   * @throws IllegalStateException if {@code redis-server} is not on the PATH, or does not answer
   *     PING within 10 seconds (the message ends with its log)
   * @throws UncheckedIOException if the temporary data directory cannot be created
   */
  public static RedisServer start(Options options) {
    return start(options, System.getenv("PATH"));
  }

  // The search path is a parameter so a test can prove the message for a missing binary.
  static RedisServer start(Options options, String searchPath) {
    Objects.requireNonNull(options, "options == null");
    Path binary = RedisRunner.findBinary(searchPath);
    Path directory;
    try {
      directory = Files.createTempDirectory("violetear-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "RedisServer cannot create its data directory: " + e.getMessage(), e);
    }
    RedisServer server =
        new RedisServer(new RedisRunner(binary, directory, options.persistent()), directory);
    OPEN.add(server);
    try {
      synchronized (server) {
        server.launch(true);
      }
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    LOG.debug("{} started", server);
    return server;
  }

  /**
   * Returns the loopback port the server listens on; it stays the same across {@link #restart()}.
   *
   * <pre>{@code
   * Socket socket = new Socket("127.0.0.1", redis.port());
   * }</pre>
   *
   * @return the port, also while stopped and after {@link #close()}
   */
  public int port() {
    return port;
  }

  /**
   * Returns the URL that Redis clients connect to.
   *
   * <pre>{@code
   * RedisClient client = RedisClient.create(redis.url());
   * }</pre>
   *
   * @return {@code redis://127.0.0.1:<port>}
   */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Returns whether the server process is running: false after {@link #stop()}, {@link #kill()} and
   * {@link #close()}, true again after {@link #restart()}.
   *
   * <pre>{@code
   * redis.kill();
   * assertThat(redis.isRunning()).isFalse();
   * }</pre>
   *
   * @return true while the process is alive
   */
  public boolean isRunning() {
    Process running = process;
    return running != null && running.isAlive();
  }

  /**
   * Stops the server gracefully if it runs, then starts it again on the same port and data, and
   * waits until it answers PING. After {@link #stop()} or {@link #kill()} it just starts it again.
   *
   * <pre>{@code
   * redis.restart();    // the app nodes see their connections drop, then reconnect
   * }</pre>
   *
   * <p>A persistent server keeps every key; otherwise the restarted server is empty. If the port is
   * briefly taken by another process, it tries again a few times.
   *
   * @throws IllegalStateException if the server is closed, or does not answer PING within 10
   *     seconds (the message ends with its log)
   */
  public synchronized void restart() {
    checkOpen();
    stopGracefully();
    launch(false);
    LOG.debug("{} restarted", this);
  }

  /**
   * Stops the server gracefully, as an administrator would: SHUTDOWN, which first syncs the
   * append-only file of a persistent server. The data directory stays; {@link #restart()} starts
   * the server again. Does nothing if it is not running.
   *
   * <pre>{@code
   * redis.stop();       // Redis is down: the app must degrade, not fail
   * redis.restart();
   * }</pre>
   *
   * @throws IllegalStateException if the server is closed
   */
  public synchronized void stop() {
    checkOpen();
    if (process != null) {
      stopGracefully();
      LOG.debug("{} stopped", this);
    }
  }

  /**
   * Kills the server with SIGKILL, as in a crash, and waits until the process is gone. The data
   * directory stays; {@link #restart()} starts the server again. Does nothing if it is not running.
   *
   * <pre>{@code
   * redis.kill();
   * redis.restart();    // a persistent server still has every acknowledged write
   * }</pre>
   *
   * @throws IllegalStateException if the server is closed
   */
  public synchronized void kill() {
    checkOpen();
    Process running = process;
    if (running != null) {
      RedisRunner.kill(running);
      process = null;
      LOG.debug("{} killed", this);
    }
  }

  /**
   * Deletes every key of every database (FLUSHALL), as if Redis had lost its data; a persistent
   * server records that too, so the keys do not come back on restart.
   *
   * <pre>{@code
   * redis.flushAll();   // the apps' shared state is gone: they must rebuild or report it
   * }</pre>
   *
   * @throws IllegalStateException if the server is closed or not running
   * @throws UncheckedIOException if the server does not answer
   */
  public synchronized void flushAll() {
    checkOpen();
    if (!isRunning()) {
      throw new IllegalStateException(this + " is not running; call restart() first.");
    }
    try {
      Resp.command(port, "FLUSHALL");
    } catch (IOException e) {
      throw new UncheckedIOException(this + " failed FLUSHALL: " + e.getMessage(), e);
    }
  }

  /**
   * Ends the server process (SIGTERM, then SIGKILL after 10 seconds) and deletes its data
   * directory. Calling it again does nothing.
   *
   * <pre>{@code
   * try (RedisServer redis = RedisServer.start()) {
   *   // the test
   * }                   // closed here
   * }</pre>
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Process running = process;
    if (running != null) {
      runner.terminate(running);
      process = null;
    }
    runner.deleteDirectory();
    OPEN.remove(this);
    LOG.debug("{} closed", this);
  }

  @Override
  public String toString() {
    return "RedisServer[127.0.0.1:" + port + ", " + directory + "]";
  }

  /**
   * How a {@link RedisServer} runs. Immutable: each setter returns a new instance.
   *
   * <pre>{@code
   * RedisServer.Options volatileData = RedisServer.Options.defaults().persistent(false);
   * try (RedisServer redis = RedisServer.start(volatileData)) {
   *   redis.restart();   // comes back empty
   * }
   * }</pre>
   */
  public static final class Options {
    private static final Options DEFAULTS = new Options(true);

    private final boolean persistent;

    private Options(boolean persistent) {
      this.persistent = persistent;
    }

    /**
     * Returns the defaults: persistent.
     *
     * <pre>{@code
     * RedisServer redis = RedisServer.start(RedisServer.Options.defaults());
     * }</pre>
     *
     * @return the default options
     */
    public static Options defaults() {
      return DEFAULTS;
    }

    /**
     * Sets whether the server keeps its data across {@link RedisServer#restart()} and {@link
     * RedisServer#kill()}; the default is true. A persistent server writes an append-only file
     * synced on every write ({@code --appendonly yes --appendfsync always}); the other keeps data
     * only in memory and shuts down with {@code SHUTDOWN NOSAVE}.
     *
     * <pre>{@code
     * RedisServer.Options.defaults().persistent(false)   // a restart loses every key
     * }</pre>
     *
     * @param persistent true to keep data across restarts
     * @return new options with that setting
     */
    public Options persistent(boolean persistent) {
      return new Options(persistent);
    }

    /**
     * Returns whether the server keeps its data across restarts.
     *
     * <pre>{@code
     * assertThat(RedisServer.Options.defaults().persistent()).isTrue();
     * }</pre>
     *
     * @return true if persistent
     */
    public boolean persistent() {
      return persistent;
    }

    @Override
    public String toString() {
      return "RedisServer.Options[persistent=" + persistent + "]";
    }
  }

  Path directory() { // for tests
    return directory;
  }

  Optional<ProcessHandle> processHandle() { // for tests
    return Optional.ofNullable(process).map(Process::toHandle);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed.");
    }
  }

  // Starts the process and waits until it answers PING. Another process may grab the port between
  // our probe and Redis's bind (or, on restart, right after the old server let it go): Redis then
  // exits with "Address already in use", and we try again, on a new free port only on first start.
  private void launch(boolean anyPort) {
    for (int attempt = 1; ; attempt++) {
      if (anyPort) {
        port = RedisRunner.freePort();
      }
      long logOffset = runner.logSize();
      Process started = runner.spawn(port);
      process = started;
      if (runner.awaitReady(started, port)) {
        return;
      }
      process = null;
      if (attempt < BIND_ATTEMPTS
          && runner.logSince(logOffset).contains("Address already in use")) {
        LOG.debug("{} found its port taken; trying again (attempt {})", this, attempt + 1);
        if (!anyPort) {
          RedisRunner.awaitPortFree(port, PORT_WAIT);
        }
        continue;
      }
      throw new IllegalStateException(
          this
              + ": redis-server exited with status "
              + started.exitValue()
              + " before it answered PING; the end of its log:\n"
              + runner.logTail());
    }
  }

  private void stopGracefully() {
    Process running = process;
    if (running != null) {
      runner.shutdown(running, port);
      process = null;
    }
  }

  // Run by the shutdown hook: no lock (a test thread may hold it), no grace.
  private void reap() {
    Process running = process;
    if (running != null) {
      RedisRunner.kill(running);
    }
    runner.deleteDirectory();
  }
}
