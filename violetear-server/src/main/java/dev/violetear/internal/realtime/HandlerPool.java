// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's threads for realtime calls and event handlers: a fixed number of threads, shared by
 * every client through {@link SerialQueue}s; the work queue holds at most one drain task per serial
 * queue, so its size is bounded by the number of connections.
 *
 * <p>A socket thread may also run a frame's handlers itself (see {@link SerialQueue#offerInline}),
 * which saves waking one of these threads, but only with one of the pool's permits, one per thread.
 * Every drain holds a permit while it runs tasks: a pooled drain waits for one, an inline drain
 * takes a free one or leaves the frame to the pool. So at most {@code threads} handlers run at
 * once, on whichever threads, and a slow handler holds one permit and one thread, as before. Inline
 * drains take a permit only while no pooled drain waits for one, so queued work keeps priority.
 */
final class HandlerPool {
  private static final Logger log = LoggerFactory.getLogger(HandlerPool.class);

  private final ThreadPoolExecutor executor;
  private final int threads;
  // Not fair: the pool's drains take permits in any order, and inline drains check for waiters.
  private final Semaphore permits;

  HandlerPool(String appName, int threads) {
    this.threads = threads;
    this.permits = new Semaphore(threads);
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread t =
              new Thread(task, "violetear-" + appName + "-handler-" + count.incrementAndGet());
          // The web server's threads keep the JVM alive while the app runs, not these.
          t.setDaemon(true);
          t.setUncaughtExceptionHandler(
              (thread, e) -> log.error("A handler thread died: {}", thread.getName(), e));
          return t;
        };
    executor =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    executor.allowCoreThreadTimeOut(true);
  }

  /** A new queue whose tasks run one after another, in order, on this pool. */
  SerialQueue newQueue(String owner) {
    return newQueue(owner, () -> {});
  }

  /** A new queue as {@link #newQueue(String)} that runs {@code afterBatch} after each batch. */
  SerialQueue newQueue(String owner, Runnable afterBatch) {
    return new SerialQueue(this, owner, afterBatch);
  }

  /**
   * Queues a serial queue's drain for a pool thread.
   *
   * @throws java.util.concurrent.RejectedExecutionException once the pool has shut down
   */
  void execute(Runnable drain) {
    executor.execute(drain);
  }

  boolean isShutdown() {
    return executor.isShutdown();
  }

  /** Takes a permit for a pooled drain, waiting while every permit is taken. */
  void enter() {
    // Not interruptible: a drain that has started must run its tasks; shutdownNow interrupts the
    // handlers themselves.
    permits.acquireUninterruptibly();
  }

  /**
   * Takes a permit for an inline drain if one is free, no pooled drain waits for one and the pool
   * runs; never waits. A true result must be followed by {@link #exit}.
   */
  boolean tryEnterInline() {
    if (permits.hasQueuedThreads() || !permits.tryAcquire()) {
      return false;
    }
    // Checked after the permit is taken: either this sees the shutdown, or shutdown() waits for
    // the permit (both are synchronization actions, in one order).
    if (executor.isShutdown()) {
      permits.release();
      return false;
    }
    return true;
  }

  /** Returns a drain's permit. */
  void exit() {
    permits.release();
  }

  /** How many pooled drains wait for a permit, an estimate; tests wait for it. */
  int waitingDrains() {
    return permits.getQueueLength();
  }

  /**
   * Lets queued tasks, and inline drains already running, finish for up to {@code grace}, then
   * interrupts what still runs on the pool. New tasks are refused from the start, inline too.
   */
  void shutdown(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn(
            "Handlers still ran {} ms after the app stopped; interrupting them", grace.toMillis());
        executor.shutdownNow();
        return;
      }
      // The pool has ended, so the permits still taken are inline drains': wait for them too.
      // They stay taken afterwards, one more reason no drain starts again.
      if (!permits.tryAcquire(threads, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        // They run on the web server's threads, which are not this pool's to interrupt.
        log.warn(
            "Handlers still ran on socket threads {} ms after the app stopped", grace.toMillis());
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
