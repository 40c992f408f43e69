// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's threads for realtime calls and event handlers: a fixed number of threads, shared by
 * every client through {@link SerialQueue}s; the work queue holds at most one drain task per serial
 * queue, so its size is bounded by the number of connections. The app's code runs only here (and on
 * the threads that start and stop the app), never on the selector threads that read sockets.
 */
final class HandlerPool {
  private static final Logger log = LoggerFactory.getLogger(HandlerPool.class);

  private final ThreadPoolExecutor executor;

  HandlerPool(String appName, int threads) {
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

  /**
   * Lets queued tasks finish for up to {@code grace}, then interrupts what still runs. New tasks
   * are refused from the start.
   */
  void shutdown(Duration grace) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn(
            "Handlers still ran {} ms after the app stopped; interrupting them", grace.toMillis());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
