// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import dev.violetear.internal.client.ClientRuntime;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * A task scheduled with {@link Timers#every} or {@link Timers#after}; cancel it to stop it.
 *
 * <pre>{@code
 * Timer poll = Timers.every(5000, Inbox::refresh);
 * ...
 * poll.cancel();
 * }</pre>
 *
 * <p>After {@link #cancel()} the task does not start again; a run already in progress (for example
 * one waiting for an RPC answer) finishes. Cancelling twice, or after a one-off task ran, does
 * nothing.
 */
public final class Timer {
  private final boolean isRepeating;
  private final Runnable task;
  private final String label;
  private int id;
  private boolean isCancelled;
  private boolean isRunning;

  private Timer(boolean isRepeating, Runnable task, String label) {
    this.isRepeating = isRepeating;
    this.task = task;
    this.label = label;
  }

  static Timer start(boolean isRepeating, int millis, Runnable task, String label) {
    Browser.require();
    Timer timer = new Timer(isRepeating, task, label);
    timer.id = Browser.run(() -> schedule(isRepeating, millis, timer::tick));
    return timer;
  }

  /** Stops the task: it does not start again. Idempotent. */
  public void cancel() {
    if (isCancelled) {
      return;
    }
    isCancelled = true;
    Browser.exec(() -> unschedule(isRepeating, id));
  }

  // Called by the browser's timer, outside any green thread; the page's JavaScript is single
  // threaded, so the flags need no lock.
  private void tick() {
    if (isCancelled || isRunning) {
      return;
    }
    isRunning = true;
    if (!isRepeating) {
      isCancelled = true;
    }
    ClientRuntime.spawn(
        label,
        () -> {
          try {
            // A cancel between this tick and the thread's start still wins for an interval.
            if (!isRepeating || !isCancelled) {
              task.run();
            }
          } finally {
            isRunning = false;
          }
        });
  }

  /** What the browser's timer calls. */
  @JSFunctor
  interface Tick extends JSObject {
    void tick();
  }

  @JSBody(
      params = {"repeat", "ms", "f"},
      script = "return repeat ? setInterval(f, ms) : setTimeout(f, ms);")
  private static native int schedule(boolean repeat, int ms, Tick f);

  @JSBody(
      params = {"repeat", "id"},
      script = "if (repeat) { clearInterval(id); } else { clearTimeout(id); }")
  private static native void unschedule(boolean repeat, int id);
}
