// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.hooks;

import java.util.ServiceLoader;

/**
 * Points where a test may force a race instead of hoping for it: a slow bundle, a late welcome, a
 * socket that fails while it registers, a dropped network. The server finds at most one
 * implementation through {@link ServiceLoader} when an app starts; without one (production) it
 * calls nothing, so each point costs a null check. {@code dev.violetear.testing.Faults} provides
 * one.
 *
 * <pre>{@code
 * // META-INF/services/dev.violetear.internal.hooks.ServerHooks names the implementation
 * public final class SlowBundle implements ServerHooks {
 *   public void beforeBundle() { ... }
 * }
 * }</pre>
 *
 * <p>Every method may be called on any server thread, concurrently; the defaults do nothing.
 */
public interface ServerHooks {
  /** The realtime side of {@code app} started; it may be dropped until {@link #stopped}. */
  default void started(RunningApp app) {}

  /** The app behind {@code app} stopped. */
  default void stopped(RunningApp app) {}

  /** Runs before the bundle script is served, on the request's thread. */
  default void beforeBundle() {}

  /** Runs before a socket's welcome frame is queued, after its connect handlers. */
  default void beforeWelcome() {}

  /**
   * Runs while a new socket is being registered, before the server can see its close; {@code key}
   * is the socket's id, as later given to {@link #closeReported}.
   */
  default void registering(OpenSocket socket, String key) {}

  /**
   * Runs on the thread that read the text message {@code text} of the socket {@code key}, before
   * the message is answered or queued for the handlers.
   */
  default void read(String key, String text) {}

  /** Runs when the server learns that the socket {@code key} closed. */
  default void closeReported(String key) {}

  /**
   * Returns the first implementation on the class or module path, or null when there is none.
   * Called once per app start.
   */
  static ServerHooks load() {
    return ServiceLoader.load(ServerHooks.class).findFirst().orElse(null);
  }
}
