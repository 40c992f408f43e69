// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import java.util.Objects;

/**
 * Runs client code later or repeatedly, each run on its own green thread, so that it may call the
 * server and wait for the answer.
 *
 * <pre>{@code
 * @Client.On("ready")
 * public static void ready() {
 *   Timer clock = Timers.every(1000, () -> Dom.find("clock").text(serverTime()));  // blocking RPC
 *   Timers.after(30_000, clock::cancel);
 * }
 * }</pre>
 *
 * <p>An exception thrown by the task is logged to the console like a handler's ({@code Uncaught
 * exception in Timers.every(1000 ms): ...}) and does not stop an interval. A repeating task never
 * runs twice at once: a tick that comes while the previous run is still busy (say, waiting for the
 * server) is skipped. Works only in the browser; on the JVM each method checks its arguments, then
 * throws {@link IllegalStateException}.
 */
public final class Timers {
  private Timers() {}

  /**
   * Runs {@code task} every {@code millis} milliseconds, the first time {@code millis} from now,
   * until the returned timer is cancelled or the page unloads.
   *
   * @param millis the interval in milliseconds, at least 1
   * @param task what to run on each tick
   * @return the timer, to cancel it
   * @throws IllegalArgumentException when {@code millis} is below 1
   */
  public static Timer every(int millis, Runnable task) {
    Objects.requireNonNull(task, "task == null");
    if (millis < 1) {
      throw new IllegalArgumentException(
          "Timers.every: millis must be at least 1, got "
              + millis
              + ". Give the interval in milliseconds, for example Timers.every(1000, task) for"
              + " once a second.");
    }
    return Timer.start(true, millis, task, "Timers.every(" + millis + " ms)");
  }

  /**
   * Runs {@code task} once, {@code millis} milliseconds from now, unless the returned timer is
   * cancelled first.
   *
   * @param millis the delay in milliseconds, 0 or more; 0 runs it as soon as the page is idle
   * @param task what to run
   * @return the timer, to cancel it
   * @throws IllegalArgumentException when {@code millis} is negative
   */
  public static Timer after(int millis, Runnable task) {
    Objects.requireNonNull(task, "task == null");
    if (millis < 0) {
      throw new IllegalArgumentException(
          "Timers.after: millis must not be negative, got "
              + millis
              + ". Give the delay in milliseconds, for example Timers.after(500, task).");
    }
    return Timer.start(false, millis, task, "Timers.after(" + millis + " ms)");
  }
}
