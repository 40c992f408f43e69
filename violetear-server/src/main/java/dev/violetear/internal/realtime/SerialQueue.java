// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one after another, in the order they were added, on a shared pool: the per-client
 * ordering of DESIGN §2. At most one drain task of a queue is in the pool at any time, so tasks of
 * one queue never overlap, and the lock hand-over between drains makes each task see what the
 * previous one wrote. A drain runs a bounded batch and then goes to the back of the pool's queue,
 * so a client that sends a flood does not keep a thread from the others.
 */
final class SerialQueue {
  private static final Logger log = LoggerFactory.getLogger(SerialQueue.class);
  private static final int BATCH = 32;

  private final ExecutorService pool;
  private final String owner;
  private final Object lock = new Object();

  // Guarded by lock.
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  // Guarded by lock. True while a drain is in the pool or running; it clears the flag when it
  // finds the queue empty, under the same lock that adders check it with.
  private boolean isScheduled;
  // Guarded by lock. While held, tasks wait without a drain: the previous connection of the same
  // page must finish first.
  private boolean isHeld;

  SerialQueue(ExecutorService pool, String owner) {
    this.pool = pool;
    this.owner = owner;
  }

  /** Keeps added tasks from running until {@link #release()}. */
  void hold() {
    synchronized (lock) {
      isHeld = true;
    }
  }

  /** Lets held tasks run. */
  void release() {
    synchronized (lock) {
      isHeld = false;
      if (isScheduled || tasks.isEmpty()) {
        return;
      }
      isScheduled = true;
    }
    schedule();
  }

  /** Adds a task that must run, however many wait already (lifecycle handlers). */
  void add(Runnable task) {
    offer(task, Integer.MAX_VALUE);
  }

  /**
   * Adds a task unless {@code limit} tasks already wait.
   *
   * @return false when the task was not added
   */
  boolean offer(Runnable task, int limit) {
    synchronized (lock) {
      if (tasks.size() >= limit) {
        return false;
      }
      tasks.add(task);
      if (isScheduled || isHeld) {
        return true;
      }
      isScheduled = true;
    }
    schedule();
    return true;
  }

  private void schedule() {
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      int dropped;
      synchronized (lock) {
        dropped = tasks.size();
        tasks.clear();
        isScheduled = false;
      }
      log.debug("Dropped {} task(s) of {}: the app has stopped", dropped, owner);
    }
  }

  private void drain() {
    // While the pool shuts down it refuses a re-scheduled drain, so finish the queue here then.
    for (int i = 0; i < BATCH || pool.isShutdown(); i++) {
      Runnable task;
      synchronized (lock) {
        task = tasks.poll();
        if (task == null) {
          isScheduled = false;
          return;
        }
      }
      boolean isFinished = false;
      try {
        task.run();
        isFinished = true;
      } catch (RuntimeException | LinkageError e) {
        // Tasks report their own failures; this keeps the queue alive if one does not.
        log.error("A task of {} failed", owner, e);
        isFinished = true;
      } finally {
        if (!isFinished) {
          // Another Error ends this thread; the queue's other tasks must still run.
          resume();
        }
      }
    }
    resume();
  }

  /** Hands the rest of the queue to a new drain, or marks the queue idle when it is empty. */
  private void resume() {
    synchronized (lock) {
      if (tasks.isEmpty()) {
        isScheduled = false;
        return;
      }
    }
    schedule();
  }
}
