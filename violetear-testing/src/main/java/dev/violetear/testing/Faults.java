// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import dev.violetear.internal.hooks.RunningApp;
import java.util.concurrent.CountDownLatch;

/**
 * Faults injected into the Violetear apps running in this JVM, for tests that must force a race
 * instead of hoping for it: a slow bundle, a late welcome, a socket that fails while the server
 * registers it, a dropped network. Every fault is off until a test turns it on; turn them off again
 * with {@link #reset()} in a {@code finally} or {@code @AfterEach}.
 *
 * <pre>{@code
 * Faults.holdBundlesUntilAWelcome(); // the socket connects before the bundle runs
 * Faults.dropConnections();        // every socket closes as if the network failed
 * Faults.reset();
 * }</pre>
 *
 * <p>The server reaches these faults through {@link FaultHooks}, which it finds on the classpath
 * when an app starts: an app started before this jar was on the classpath sees none of them. The
 * settings are JVM-wide, so tests that use them must not run in parallel with each other.
 */
public final class Faults {
  private Faults() {}

  /**
   * Delays every bundle response by {@code ms}, so the page's socket is up long before.
   *
   * @param ms the delay in milliseconds; 0 turns it off
   */
  public static void setBundleDelayMs(long ms) {
    FaultHooks.bundleDelayMs = ms;
  }

  /**
   * Delays every welcome frame by {@code ms}, so the bundle is ready long before the socket.
   *
   * @param ms the delay in milliseconds; 0 turns it off
   */
  public static void setWelcomeDelayMs(long ms) {
    FaultHooks.welcomeDelayMs = ms;
  }

  /**
   * Holds every bundle response until the server lets the next welcome frame go, so the page's
   * socket is established before its bundle runs however long the page takes to load. A held
   * response waits at most 60 s.
   *
   * <pre>{@code
   * Faults.holdBundlesUntilAWelcome();
   * driver.get(url);   // returns once the bundle came, after the welcome
   * }</pre>
   */
  public static void holdBundlesUntilAWelcome() {
    FaultHooks.bundleGate = new CountDownLatch(1);
    FaultHooks.isBundleReleasedByWelcome = true;
  }

  /**
   * Holds every welcome frame until {@link #releaseWelcomes()}, so the bundle is ready long before
   * the socket. A held welcome waits at most 60 s.
   *
   * <pre>{@code
   * Faults.holdWelcomes();
   * // the page runs its ready handlers; check it is still connecting
   * Faults.releaseWelcomes();
   * }</pre>
   */
  public static void holdWelcomes() {
    FaultHooks.welcomeGate = new CountDownLatch(1);
  }

  /** Lets the welcome frames held by {@link #holdWelcomes()} go, and the later ones at once. */
  public static void releaseWelcomes() {
    CountDownLatch gate = FaultHooks.welcomeGate;
    FaultHooks.welcomeGate = null;
    FaultHooks.open(gate);
  }

  /**
   * Makes every new socket fail while the server registers it, and holds the registration until the
   * server has seen its close: the order a socket that fails at once can produce, since Jetty
   * reports a close on whichever thread noticed the failure.
   *
   * @param on whether the fault is active
   */
  public static void setCloseWhileRegistering(boolean on) {
    FaultHooks.closeWhileRegistering = on;
  }

  /** Closes every socket of every running app with 1012, as a failing network or restart would. */
  public static void dropConnections() {
    FaultHooks.running.forEach(RunningApp::dropConnections);
  }

  /** Turns every fault off. */
  public static void reset() {
    FaultHooks.bundleDelayMs = 0;
    FaultHooks.welcomeDelayMs = 0;
    FaultHooks.closeWhileRegistering = false;
    FaultHooks.isBundleReleasedByWelcome = false;
    CountDownLatch bundles = FaultHooks.bundleGate;
    FaultHooks.bundleGate = null;
    FaultHooks.open(bundles);
    releaseWelcomes();
  }
}
