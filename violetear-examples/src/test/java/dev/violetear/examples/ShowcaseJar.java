// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The showcase jar ({@code target/violetear-showcase.jar}) running as a process of its own, the way
 * it ships: {@code java --limit-modules java.se,jdk.unsupported,jdk.zipfs -jar ... 0} in a fresh
 * working directory, so there is neither a compiler ({@code jdk.compiler}) nor a bundle cache.
 * Output is kept for the failure message.
 *
 * <pre>{@code
 * try (ShowcaseJar jar = ShowcaseJar.start()) {
 *   URI home = URI.create("http://localhost:" + jar.port() + "/");
 * }
 * }</pre>
 */
final class ShowcaseJar implements BrowserFixture.Target {
  static final Path JAR =
      Path.of(System.getProperty("violetear.test.showcaseJar", "target/violetear-showcase.jar"));

  /**
   * Java SE plus what Jetty needs beyond it (sun.misc.Unsafe, the zip file system that serves
   * /static from the jar); {@code jdk.compiler} is left out on purpose.
   */
  static final String MODULES = "java.se,jdk.unsupported,jdk.zipfs";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern RUNNING =
      Pattern.compile("is running at http://localhost:(\\d+)/ \\(bundle .*\\)");

  private final Path workDir;
  private final Process process;
  private final List<String> output;
  private final int port;
  private final String startLine;
  private final Duration toFirstOk;

  private ShowcaseJar(
      Path workDir,
      Process process,
      List<String> output,
      int port,
      String startLine,
      Duration toFirstOk) {
    this.workDir = workDir;
    this.process = process;
    this.output = output;
    this.port = port;
    this.startLine = startLine;
    this.toFirstOk = toFirstOk;
  }

  /** Launches the jar and waits until {@code GET /} answers 200; kills it on failure. */
  static ShowcaseJar start() {
    Path work;
    Process process;
    List<String> output = new CopyOnWriteArrayList<>();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    long launched = System.nanoTime();
    try {
      work = Files.createTempDirectory("showcase-jar");
      process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--limit-modules",
                  MODULES,
                  "-jar",
                  JAR.toAbsolutePath().toString(),
                  "0")
              .directory(work.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  output.add(line);
                  lines.add(line);
                }
              } catch (IOException e) {
                output.add("(output unreadable: " + e + ")");
              }
            },
            "showcase-jar-output");
    reader.setDaemon(true);
    reader.start();
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError(
              "The showcase jar did not log its start line within "
                  + START_TIMEOUT.toSeconds()
                  + " s"
                  + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                  + ":\n"
                  + String.join("\n", output));
        }
        Matcher m = RUNNING.matcher(line);
        if (m.find()) {
          int port = Integer.parseInt(m.group(1));
          awaitOk(port, deadline);
          return new ShowcaseJar(
              work, process, output, port, line, Duration.ofNanos(System.nanoTime() - launched));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("Interrupted while the showcase jar started", e);
    } catch (RuntimeException | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static void awaitOk(int port, long deadline) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest home =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    // The start line is logged once the server listens, so the first request normally answers.
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(home, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw new AssertionError("GET / on the showcase jar never answered 200", last);
  }

  @Override
  public int port() {
    return port;
  }

  /** The working directory it runs in, fresh and otherwise empty. */
  Path workDir() {
    return workDir;
  }

  /** The "... is running at http://localhost:N/ (bundle ...)" line. */
  String startLine() {
    return startLine;
  }

  /** From launching the process to the first 200 answer. */
  Duration toFirstOk() {
    return toFirstOk;
  }

  /** Everything it printed so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try (Stream<Path> paths = Files.walk(workDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A leftover temp directory is harmless.
      }
    }
  }
}
