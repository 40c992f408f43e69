// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints how long the showcase takes from process launch to its first HTTP 200, side by side: the
 * shipped jar (prebuilt bundle, {@code --limit-modules} without {@code jdk.compiler}, empty working
 * directory) and dev mode from classes with the compiler (first start compiles, the following ones
 * load the cache). Each figure is the median of three fresh JVMs. {@code bin/figures} runs it.
 *
 * <p>Usage: {@code StartFigures <showcase-jar> <dev-classpath>}, where the dev classpath holds the
 * showcase's classes without {@code META-INF/violetear}, their dependencies and the compiler.
 */
public final class StartFigures {
  private static final Pattern RUNNING =
      Pattern.compile("is running at http://localhost:(\\d+)/ \\(bundle [^,]+, (.*)\\)");
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private StartFigures() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    String devClasspath = args[1];
    Path jarDir = Files.createTempDirectory("figures-jar");
    Path devDir = Files.createTempDirectory("figures-dev");

    List<String> jarCommand =
        List.of(
            JAVA, "--limit-modules", "java.se,jdk.unsupported,jdk.zipfs", "-jar", "" + jar, "0");
    List<String> devCommand =
        List.of(JAVA, "-cp", devClasspath, "dev.violetear.examples.Showcase", "0");

    Run cold = launch(devCommand, devDir);
    long[] dev = new long[3];
    long[] shipped = new long[3];
    String devSource = "";
    String jarSource = "";
    for (int i = 0; i < 3; i++) {
      Run d = launch(devCommand, devDir);
      dev[i] = d.millis;
      devSource = d.source;
      Run j = launch(jarCommand, jarDir);
      shipped[i] = j.millis;
      jarSource = j.source;
    }
    System.out.printf(
        Locale.ROOT,
        "showcase jar %s: %,d bytes%n"
            + "launch to first HTTP 200, median of 3:%n"
            + "  %-52s %6d ms%n"
            + "  %-52s %6d ms   (first start: %s, %d ms)%n",
        jar.getFileName(),
        Files.size(jar),
        "java -jar, bundle " + jarSource,
        median(shipped),
        "dev mode from classes, bundle " + devSource,
        median(dev),
        cold.source,
        cold.millis);
  }

  private record Run(long millis, String source) {}

  /** Starts the command in {@code dir}, waits for its first 200 on {@code GET /}, stops it. */
  private static Run launch(List<String> command, Path dir) throws Exception {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        output.add(line);
        Matcher m = RUNNING.matcher(line);
        if (m.find()) {
          awaitOk(Integer.parseInt(m.group(1)));
          long millis = (System.nanoTime() - start) / 1_000_000;
          return new Run(millis, m.group(2).replaceAll(" in [0-9]+ ms", ""));
        }
      }
      throw new IllegalStateException(
          "No start line from " + command + ":\n" + String.join("\n", output));
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static void awaitOk(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest home = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build();
    for (int tries = 0; tries < 100; tries++) {
      try {
        if (http.send(home, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // The start line follows the bind, so this is rare; try again.
      }
    }
    throw new IllegalStateException("GET / on port " + port + " never answered 200");
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
