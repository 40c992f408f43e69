// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.internal.hooks.OpenSocket;
import dev.violetear.internal.hooks.RunningApp;
import dev.violetear.internal.hooks.ServerHooks;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The faults this module's own tests inject, found by the server through {@code META-INF/services}
 * in the test resources. (violetear-testing's {@code Faults} offers the full set to other modules;
 * it depends on this one, so these tests cannot use it.)
 */
public final class TestFaults implements ServerHooks {
  private static final Set<RunningApp> running = ConcurrentHashMap.newKeySet();
  private static final Map<String, CountDownLatch> closeReports = new ConcurrentHashMap<>();
  private static volatile boolean closeWhileRegistering;
  private static volatile String traced;
  private static volatile StackTraceElement[] tracedRead;
  private static volatile String tracedReader;

  /** Created by the server's ServiceLoader at each app start. */
  public TestFaults() {}

  /** Closes every socket of every running app with 1012, as a failing network would. */
  static void dropConnections() {
    running.forEach(RunningApp::dropConnections);
  }

  /** Makes new sockets fail while the server registers them; see {@link #registering}. */
  static void setCloseWhileRegistering(boolean on) {
    closeWhileRegistering = on;
  }

  /** Keeps the stack of the thread that reads the next socket message containing {@code marker}. */
  static void traceRead(String marker) {
    tracedRead = null;
    tracedReader = null;
    traced = marker;
  }

  /** The stack {@link #traceRead} asked for, or null while no such message was read. */
  static StackTraceElement[] tracedRead() {
    return tracedRead;
  }

  /** The name of the thread whose stack {@link #tracedRead} is, or null. */
  static String tracedReader() {
    return tracedReader;
  }

  @Override
  public void read(String key, String text) {
    String marker = traced;
    if (marker != null && text.contains(marker)) {
      tracedReader = Thread.currentThread().getName();
      tracedRead = Thread.currentThread().getStackTrace();
      traced = null;
    }
  }

  @Override
  public void started(RunningApp app) {
    running.add(app);
  }

  @Override
  public void stopped(RunningApp app) {
    running.remove(app);
  }

  /** Fails the socket and holds its registration until the server has seen it close. */
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
      reported.await(2, TimeUnit.SECONDS);
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
}
