// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import dev.violetear.internal.hooks.OpenSocket;
import dev.violetear.internal.hooks.RunningApp;
import dev.violetear.internal.hooks.ServerHooks;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The server's view of {@link Faults}: registered in {@code META-INF/services}, so that an app
 * started with this jar on the classpath calls it at each fault point. Tests use {@link Faults};
 * this class is public only because {@link java.util.ServiceLoader} needs it to be.
 *
 * <pre>{@code
 * // found by the server, never called by tests
 * ServiceLoader.load(ServerHooks.class).findFirst()   // a FaultHooks
 * }</pre>
 *
 * <p>Thread-safe: the settings are volatile (one read per fault point while off) and every app
 * shares them.
 */
public final class FaultHooks implements ServerHooks {
  static volatile long bundleDelayMs;
  static volatile long welcomeDelayMs;
  static volatile boolean closeWhileRegistering;
  // Open gates are null: one read per fault point while off.
  static volatile CountDownLatch bundleGate;
  static volatile CountDownLatch welcomeGate;
  static volatile boolean isBundleReleasedByWelcome;
  static final Set<RunningApp> running = ConcurrentHashMap.newKeySet();

  /** The longest a held bundle or welcome waits, so that a test that forgot to release ends. */
  private static final long MAX_HOLD_SECONDS = 60;

  /** How long a socket's registration waits for its close report; ample on a loaded machine. */
  private static final long CLOSE_REPORT_SECONDS = 2;

  // Keyed by socket id; whichever of registering and closeReported comes first creates the latch.
  private static final Map<String, CountDownLatch> closeReports = new ConcurrentHashMap<>();

  /** Created by {@link java.util.ServiceLoader} once per app start. */
  public FaultHooks() {}

  @Override
  public void started(RunningApp app) {
    running.add(app);
  }

  @Override
  public void stopped(RunningApp app) {
    running.remove(app);
  }

  @Override
  public void beforeBundle() {
    pause(bundleDelayMs);
    pass(bundleGate);
  }

  @Override
  public void beforeWelcome() {
    pause(welcomeDelayMs);
    pass(welcomeGate);
    if (isBundleReleasedByWelcome) {
      isBundleReleasedByWelcome = false;
      open(bundleGate);
    }
  }

  static void open(CountDownLatch gate) {
    if (gate != null) {
      gate.countDown();
    }
  }

  private static void pass(CountDownLatch gate) {
    if (gate == null) {
      return;
    }
    try {
      gate.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void registering(OpenSocket socket, String key) {
    if (!closeWhileRegistering) {
      return;
    }
    CountDownLatch reported = closeReports.computeIfAbsent(key, k -> new CountDownLatch(1));
    socket.disconnect();
    // A write from another thread (a handler sending the welcome) is what notices the failure.
    new Thread(() -> socket.write("{}")).start();
    try {
      reported.await(CLOSE_REPORT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeReports.remove(key);
    }
  }

  @Override
  public void closeReported(String key) {
    if (closeWhileRegistering) {
      closeReports.computeIfAbsent(key, k -> new CountDownLatch(1)).countDown();
    }
  }

  // The fault is the delay itself: a slow network or a busy server, on the request's own thread.
  private static void pause(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
