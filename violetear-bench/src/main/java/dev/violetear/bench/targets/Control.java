// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.targets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The command loop every benchmark target runs on its standard input, so the orchestrator drives
 * Java targets and the Socket.IO target alike: {@code gc} answers the heap in use after a full
 * collection, {@code broadcast <perSecond> <bytes>} starts sending every connected socket a
 * timestamped payload, {@code stop} stops it, and the end of input stops the target.
 *
 * <p>Answers are single JSON lines on standard output; everything else a target logs goes to
 * standard error.
 */
final class Control {
  private final Consumer<String> sendToAll;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-broadcast");
            t.setDaemon(true);
            return t;
          });
  private ScheduledFuture<?> broadcast;

  Control(Consumer<String> sendToAll) {
    this.sendToAll = sendToAll;
  }

  /** Says the target listens on {@code port}, then serves commands until standard input ends. */
  void serve(int port) throws IOException {
    answer("{\"event\":\"listening\",\"port\":" + port + "}");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.trim().split("\\s+");
      switch (words[0]) {
        case "gc" -> answer("{\"event\":\"gc\",\"heapUsed\":" + heapAfterGc() + "}");
        case "broadcast" -> {
          start(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
          answer("{\"event\":\"broadcasting\"}");
        }
        case "stop" -> {
          stopBroadcast();
          answer("{\"event\":\"stopped\"}");
        }
        default -> answer("{\"event\":\"error\",\"message\":\"unknown command " + words[0] + "\"}");
      }
    }
  }

  private synchronized void start(int perSecond, int bytes) {
    stopBroadcast();
    long periodNanos = 1_000_000_000L / perSecond;
    broadcast =
        timer.scheduleAtFixedRate(
            () -> sendToAll.accept(stamped(bytes)), 0, periodNanos, TimeUnit.NANOSECONDS);
  }

  private synchronized void stopBroadcast() {
    if (broadcast != null) {
      broadcast.cancel(false);
      broadcast = null;
    }
  }

  /** {@code <epoch ms with a fraction>|<padding>}, exactly {@code bytes} long. */
  static String stamped(int bytes) {
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    StringBuilder s = new StringBuilder(bytes);
    s.append(String.format(Locale.ROOT, "%d.%03d|", micros / 1000, micros % 1000));
    while (s.length() < bytes) {
      s.append('x');
    }
    return s.toString();
  }

  private static long heapAfterGc() {
    // Twice: the first collection may only promote what the second frees.
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static synchronized void answer(String json) {
    System.out.println(json);
    System.out.flush();
  }
}
