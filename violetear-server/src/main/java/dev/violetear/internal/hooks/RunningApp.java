// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.hooks;

/**
 * A handle on one running app, handed to {@link ServerHooks} while the app's realtime side runs.
 *
 * <pre>{@code
 * public void started(RunningApp app) { running.add(app); }
 * ...
 * running.forEach(RunningApp::dropConnections);
 * }</pre>
 */
@FunctionalInterface
public interface RunningApp {
  /** Closes every socket of the app with 1012, as a failing network or a restart would. */
  void dropConnections();
}
