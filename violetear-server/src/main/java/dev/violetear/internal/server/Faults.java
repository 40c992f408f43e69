// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Fault hooks for tests that must force races instead of hoping for them: a slow bundle, a late
 * welcome, a dropped connection. Internal, JVM-wide and off by default; each hook costs one
 * volatile read when off.
 *
 * <pre>{@code
 * Faults.setBundleDelayMs(2000);   // the socket connects long before the bundle runs
 * Faults.dropConnections();        // every socket closes as if the network failed
 * Faults.reset();
 * }</pre>
 */
public final class Faults {
  private static volatile long bundleDelayMs;
  private static volatile long welcomeDelayMs;
  private static volatile boolean closeWhileRegistering;
  private static final Set<String> closeReports = ConcurrentHashMap.newKeySet();
  private static final Set<Realtime> running = ConcurrentHashMap.newKeySet();

  private Faults() {}

  /** Delays every bundle response by {@code ms}, so the page's socket is up long before. */
  public static void setBundleDelayMs(long ms) {
    bundleDelayMs = ms;
  }

  /** Delays every welcome frame by {@code ms}, so the bundle is ready long before the socket. */
  public static void setWelcomeDelayMs(long ms) {
    welcomeDelayMs = ms;
  }

  /** Closes every socket of every running app with 1012, as a failing network or restart would. */
  public static void dropConnections() {
    for (Realtime r : running) {
      r.dropConnections();
    }
  }

  /**
   * Makes every new socket fail while the server registers it, and holds the registration until the
   * server has seen its close: the order a socket that fails at once can produce, since Jetty
   * reports a close on whichever thread noticed the failure.
   */
  public static void setCloseWhileRegistering(boolean on) {
    closeWhileRegistering = on;
  }

  /** Turns every hook off. */
  public static void reset() {
    bundleDelayMs = 0;
    welcomeDelayMs = 0;
    closeWhileRegistering = false;
  }

  /** With setCloseWhileRegistering: fails {@code session} and waits for its close report. */
  static void whileRegistering(Session session, String key) {
    if (!closeWhileRegistering) {
      return;
    }
    session.disconnect();
    // A write from another thread (a handler sending the welcome) is what notices the failure.
    new Thread(() -> session.sendText("{}", Callback.NOOP)).start();
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (!closeReports.remove(key) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000L);
    }
  }

  /** Records that the socket {@code key} was reported closed. */
  static void closeReported(String key) {
    if (closeWhileRegistering) {
      closeReports.add(key);
    }
  }

  static void register(Realtime r) {
    running.add(r);
  }

  static void unregister(Realtime r) {
    running.remove(r);
  }

  static void beforeBundle() {
    pause(bundleDelayMs);
  }

  static void beforeWelcome() {
    pause(welcomeDelayMs);
  }

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
