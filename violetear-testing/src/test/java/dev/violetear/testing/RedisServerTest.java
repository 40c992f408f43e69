// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Runs the real redis-server (Debian's package; bin/test installs it through bin/lib/redis.sh).
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisServerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @Test
  void startedServerAnswersPingAtItsUrl() throws IOException {
    try (RedisServer redis = RedisServer.start()) {
      assertThat(Resp.command(redis.port(), "PING")).isEqualTo("PONG");
      assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
      assertThat(redis.isRunning()).isTrue();
      assertThat(Files.exists(redis.directory().resolve("redis.log"))).isTrue();
    }
  }

  @Test
  void twoServersRunSideBySideOnTheirOwnPortsAndData() throws IOException {
    try (RedisServer first = RedisServer.start();
        RedisServer second = RedisServer.start()) {
      Resp.command(first.port(), "SET", "who", "first");

      assertThat(second.port()).isNotEqualTo(first.port());
      assertThat(second.directory()).isNotEqualTo(first.directory());
      assertThat(Resp.command(second.port(), "GET", "who")).isNull();
    }
  }

  @Test
  void persistentServerKeepsItsDataAndPortAcrossRestart() throws IOException {
    try (RedisServer redis = RedisServer.start()) {
      int port = redis.port();
      assertThat(Resp.command(port, "SET", "greeting", "hello")).isEqualTo("OK");
      long pidBefore = redis.processHandle().orElseThrow().pid();

      redis.restart();

      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.processHandle().orElseThrow().pid()).isNotEqualTo(pidBefore);
      assertThat(Resp.command(port, "GET", "greeting")).isEqualTo("hello");
    }
  }

  @Test
  void serverWithoutPersistenceComesBackEmptyAfterRestart() throws IOException {
    try (RedisServer redis = RedisServer.start(RedisServer.Options.defaults().persistent(false))) {
      Resp.command(redis.port(), "SET", "greeting", "hello");

      redis.restart();

      assertThat(Resp.command(redis.port(), "PING")).isEqualTo("PONG");
      assertThat(Resp.command(redis.port(), "GET", "greeting")).isNull();
      assertThat(Resp.command(redis.port(), "DBSIZE")).isEqualTo(0L);
    }
  }

  @Test
  void killedServerStopsAnsweringAndRestartBringsBackEveryAcknowledgedWrite() throws IOException {
    try (RedisServer redis = RedisServer.start()) {
      Resp.command(redis.port(), "SET", "greeting", "hello");
      ProcessHandle handle = redis.processHandle().orElseThrow();

      redis.kill();

      assertThat(handle.isAlive()).isFalse();
      assertThat(redis.isRunning()).isFalse();
      assertThatThrownBy(() -> Resp.command(redis.port(), "PING")).isInstanceOf(IOException.class);
      redis.restart();
      assertThat(Resp.command(redis.port(), "GET", "greeting")).isEqualTo("hello");
    }
  }

  @Test
  void stoppedServerKeepsItsDataDirectoryAndRestartsFromIt() throws IOException {
    try (RedisServer redis = RedisServer.start()) {
      Resp.command(redis.port(), "SET", "greeting", "hello");

      redis.stop();

      assertThat(redis.isRunning()).isFalse();
      assertThat(redis.processHandle()).isEmpty();
      assertThatThrownBy(() -> Resp.command(redis.port(), "PING")).isInstanceOf(IOException.class);
      assertThat(Files.isDirectory(redis.directory())).isTrue();
      redis.stop(); // stopping a stopped server does nothing
      redis.restart();
      assertThat(Resp.command(redis.port(), "GET", "greeting")).isEqualTo("hello");
    }
  }

  @Test
  void flushAllDropsEveryKeyForGood() throws IOException {
    try (RedisServer redis = RedisServer.start()) {
      Resp.command(redis.port(), "SET", "a", "1");
      Resp.command(redis.port(), "SET", "b", "2");
      assertThat(Resp.command(redis.port(), "DBSIZE")).isEqualTo(2L);

      redis.flushAll();

      assertThat(Resp.command(redis.port(), "DBSIZE")).isEqualTo(0L);
      redis.restart();
      assertThat(Resp.command(redis.port(), "DBSIZE")).isEqualTo(0L);
      redis.stop();
      assertThatThrownBy(redis::flushAll)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not running");
    }
  }

  @Test
  void closeEndsTheProcessAndDeletesTheDataDirectory() throws IOException {
    RedisServer redis = RedisServer.start();
    Resp.command(redis.port(), "SET", "greeting", "hello");
    ProcessHandle handle = redis.processHandle().orElseThrow();
    Path directory = redis.directory();

    redis.close();

    assertThat(handle.isAlive()).isFalse();
    assertThat(directory).doesNotExist();
    assertThat(redis.isRunning()).isFalse();
    assertThatThrownBy(() -> Resp.command(redis.port(), "PING")).isInstanceOf(IOException.class);
    redis.close(); // a second close does nothing
    assertThatThrownBy(redis::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"exit", "sigterm"})
  void noServerOutlivesItsJvm(String howTheJvmEnds) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm =
        new ProcessBuilder(
                java,
                // Its log must not truncate the file this JVM logs to: warnings to our stderr.
                "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-Dorg.slf4j.simpleLogger.log.dev.violetear.testing=warn",
                "-cp",
                System.getProperty("java.class.path"),
                Orphan.class.getName(),
                howTheJvmEnds)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Optional<ProcessHandle> server = Optional.empty();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("the child JVM's report").isNotNull();
      String[] started = line.split(" ", 2);
      server = ProcessHandle.of(Long.parseLong(started[0]));
      if (howTheJvmEnds.equals("sigterm")) {
        jvm.destroy(); // as a build tool's timeout would
      }

      assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Optional<ProcessHandle> orphan = server;
      await().atMost(PATIENCE).until(() -> orphan.map(handle -> !handle.isAlive()).orElse(true));
      assertThat(Path.of(started[1])).doesNotExist();
    } finally {
      // Should the test fail, it must not leave a JVM or a server behind either.
      jvm.destroyForcibly();
      server.ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  // Run in a child JVM: starts a server, reports its pid and directory, and never closes it.
  static final class Orphan {
    public static void main(String[] args) throws IOException {
      RedisServer redis = RedisServer.start();
      System.out.println(redis.processHandle().orElseThrow().pid() + " " + redis.directory());
      System.out.flush();
      if (args[0].equals("sigterm")) {
        System.in.read(); // blocks until the test ends this JVM
      }
    }
  }

  @Test
  void restartWaitsWhileAnotherProcessBrieflyHoldsThePort() throws Exception {
    try (RedisServer redis = RedisServer.start(RedisServer.Options.defaults().persistent(false))) {
      int port = redis.port();
      redis.stop();
      Path log = redis.directory().resolve("redis.log");
      long logLength = Files.size(log);
      ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
      // The squatter leaves once Redis has failed to bind, while restart() is trying again.
      CompletableFuture<Void> released =
          CompletableFuture.runAsync(
              () -> {
                await().atMost(PATIENCE).until(() -> mentionsPortTaken(log, logLength));
                closeQuietly(squatter);
              });
      try {
        redis.restart();
      } finally {
        closeQuietly(squatter);
      }

      released.get(10, TimeUnit.SECONDS);
      assertThat(redis.port()).isEqualTo(port);
      assertThat(Resp.command(port, "PING")).isEqualTo("PONG");
    }
  }

  @Test
  void missingBinaryNamesThePackageAndTheInstaller(@TempDir Path emptyDir) {
    assertThatThrownBy(() -> RedisServer.start(RedisServer.Options.defaults(), emptyDir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'redis-server' is not on the PATH")
        .hasMessageContaining("bin/lib/redis.sh")
        .hasMessageContaining("apt-get install --no-install-recommends redis-server");
  }

  @Test
  void serverThatExitsAtOnceFailsWithTheEndOfItsLog(@TempDir Path binDir) throws IOException {
    Path fake = binDir.resolve("redis-server");
    Files.writeString(fake, "#!/bin/sh\necho 'FATAL CONFIG FILE ERROR: pretend' >&2\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> RedisServer.start(RedisServer.Options.defaults(), binDir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with status 1 before it answered PING")
        .hasMessageContaining("FATAL CONFIG FILE ERROR: pretend");
  }

  private static boolean mentionsPortTaken(Path log, long from) throws IOException {
    String text = Files.readString(log);
    return text.substring((int) Math.min(from, text.length())).contains("Address already in use");
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closed already
    }
  }
}
