// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the acks that connections hold (see {@link Acks}). One timer thread serves the whole app:
 * it wakes once the hold time after an ack is held while none was, and sends every ack held by
 * then. A held ack so costs an entry in a queue, not a scheduled task of its own, and an app whose
 * pages are quiet has no tick pending.
 *
 * <pre>{@code
 * AckTimer timer = new AckTimer("Chat", Acks.HOLD_NANOS);
 * new Acks(outbound, Acks.HOLD_NANOS, System::nanoTime, timer::hold);
 * timer.shutdown();   // sends what is still held
 * }</pre>
 */
final class AckTimer {
  private static final Logger log = LoggerFactory.getLogger(AckTimer.class);

  private final ScheduledThreadPoolExecutor timer;
  private final long holdNanos;
  private final ConcurrentLinkedQueue<Acks> held = new ConcurrentLinkedQueue<>();
  // True while a tick is scheduled; a tick clears it before it looks at the queue, so an ack held
  // meanwhile is either seen by that tick or schedules the next.
  private final AtomicBoolean isScheduled = new AtomicBoolean();
  private final Runnable tick = this::tick;

  AckTimer(String appName, long holdNanos) {
    this.holdNanos = holdNanos;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread t = new Thread(task, "violetear-" + appName + "-acks");
              // The web server's threads keep the JVM alive while the app runs, not this one.
              t.setDaemon(true);
              return t;
            });
  }

  /** Sends {@code acks}' held ack within the hold time. */
  void hold(Acks acks) {
    held.add(acks);
    if (!isScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      timer.schedule(tick, holdNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The app has stopped: nothing is held any more.
      tick();
    }
  }

  private void tick() {
    isScheduled.set(false);
    for (Acks acks = held.poll(); acks != null; acks = held.poll()) {
      try {
        acks.flush();
      } catch (RuntimeException e) {
        log.error("Sending a held acknowledgement failed", e);
      }
    }
  }

  /**
   * Runs {@code task} every {@code periodNanos} on this timer's thread, until {@link #shutdown}:
   * the app's other periodic chores share the thread. A failure is logged; the next run still
   * happens.
   */
  void repeat(Runnable task, long periodNanos) {
    timer.scheduleAtFixedRate(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.error("A periodic task of the app failed", e);
          }
        },
        periodNanos,
        periodNanos,
        TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code task} once, {@code delayNanos} from now, on this timer's thread; failures logged.
   */
  void after(Runnable task, long delayNanos) {
    try {
      timer.schedule(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.error("A timed task of the app failed", e);
            }
          },
          delayNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The app has stopped: what the task would settle no longer matters.
    }
  }

  /** Stops the timer thread, sending what is still held. */
  void shutdown() {
    timer.shutdownNow();
    try {
      // A tick under way may hold an entry it took from the queue; let it finish sending it.
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tick();
  }
}
