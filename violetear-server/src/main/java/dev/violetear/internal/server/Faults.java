// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /** Turns every hook off. */
  public static void reset() {
    bundleDelayMs = 0;
    welcomeDelayMs = 0;
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
