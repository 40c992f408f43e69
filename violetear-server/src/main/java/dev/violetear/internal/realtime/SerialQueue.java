// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one after another, in the order they were added, on a shared {@link HandlerPool}: the
 * per-client ordering of DESIGN §2. At most one drain of a queue is scheduled or running at any
 * time, so tasks of one queue never overlap, and the lock hand-over between drains makes each task
 * see what the previous one wrote. A drain runs a bounded batch and then goes to the back of the
 * pool's queue, so a client that sends a flood does not keep a thread from the others.
 *
 * <p>A drain takes the waiting tasks under one lock acquisition rather than one per task, and after
 * each batch runs the queue's {@code afterBatch} hook (a connection acknowledges the batch's frames
 * there, once), before it goes idle or yields.
 */
final class SerialQueue {
  private static final Logger log = LoggerFactory.getLogger(SerialQueue.class);
  private static final int BATCH = 32;

  private final HandlerPool pool;
  private final String owner;
  private final Runnable afterBatch;
  private final Object lock = new Object();
  // The one pooled drain task, so scheduling a drain allocates nothing of ours.
  private final Runnable drain = this::drain;
  // A drain's batch, per pool thread rather than per queue: an idle connection should not hold
  // one. A thread runs one drain at a time, so it is not shared.
  private static final ThreadLocal<Runnable[]> BATCHES =
      ThreadLocal.withInitial(() -> new Runnable[BATCH]);

  // Guarded by lock.
  // Sized for an idle connection, as Outbound's queue is.
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(1);
  // Guarded by lock. True while a drain is in the pool's queue or running; it clears
  // the flag when it finds the queue empty, under the same lock that adders check it with. So when
  // the queue is neither scheduled nor held, it is empty.
  private boolean isScheduled;
  // Guarded by lock. While held, tasks wait without a drain: the previous connection of the same
  // page must finish first.
  private boolean isHeld;

  SerialQueue(HandlerPool pool, String owner, Runnable afterBatch) {
    this.pool = pool;
    this.owner = owner;
    this.afterBatch = afterBatch;
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

  /**
   * As {@link #offer}, but when the queue is idle, runs {@code task} on the calling thread at once,
   * then {@code afterBatch}, and hands whatever arrived meanwhile to the pool. Only for a task that
   * never blocks, on the selector thread that read it (see {@code Server.NonBlocking}). Nothing the
   * task throws leaves this method.
   *
   * @return false when the task was not added
   */
  boolean offerInline(Runnable task, int limit) {
    boolean isInline;
    synchronized (lock) {
      // An idle queue is empty, so the limit cannot be reached.
      isInline = !isScheduled && !isHeld && !pool.isShutdown();
      if (isInline) {
        isScheduled = true;
      }
    }
    if (!isInline) {
      return offer(task, limit);
    }
    try {
      runOne(task);
      afterBatch.run();
    } catch (Throwable e) {
      // Not even an Error may reach the selector thread: every other socket it reads must go on.
      log.error("A task of {} failed", owner, e);
    } finally {
      resume();
    }
    return true;
  }

  private void schedule() {
    try {
      pool.execute(drain);
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

  /** The pooled drain: one batch, then the rest goes back to the pool. */
  private void drain() {
    try {
      runBatch();
    } finally {
      resume();
    }
  }

  /**
   * Runs the waiting tasks, one batch in all, then {@code afterBatch}. An Error other than a
   * LinkageError ends it early, after the batch's tasks that did not run are back at the head of
   * the queue.
   */
  private void runBatch() {
    Runnable[] batch = BATCHES.get();
    int ran = 0;
    // While the pool shuts down it refuses a re-scheduled drain, so finish the queue here then.
    while (ran < BATCH || pool.isShutdown()) {
      int taken;
      synchronized (lock) {
        taken = Math.min(tasks.size(), ran < BATCH ? BATCH - ran : BATCH);
        for (int i = 0; i < taken; i++) {
          batch[i] = tasks.poll();
        }
      }
      if (taken == 0) {
        break;
      }
      run(batch, taken);
      ran += taken;
    }
    try {
      afterBatch.run();
    } catch (RuntimeException | LinkageError e) {
      log.error("Finishing a batch of {} failed", owner, e);
    }
  }

  /** Runs the first {@code taken} tasks of {@code batch}. */
  private void run(Runnable[] batch, int taken) {
    int i = 0;
    try {
      for (; i < taken; i++) {
        Runnable task = batch[i];
        batch[i] = null;
        runOne(task);
      }
    } finally {
      if (i < taken) {
        // Another Error ends the drain; the batch's other tasks must still run, first.
        synchronized (lock) {
          for (int j = taken - 1; j > i; j--) {
            tasks.addFirst(batch[j]);
            batch[j] = null;
          }
        }
      }
    }
  }

  private void runOne(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | LinkageError e) {
      // Tasks report their own failures; this keeps the queue alive if one does not.
      log.error("A task of {} failed", owner, e);
    }
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
