// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The faults a proxy currently injects, shared by all its connections. Writers park here while the
 * proxy is stalled or a chunk's delay has not passed; every change signals them to look again.
 */
final class FaultState {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // Written under lock (so parked writers see a consistent picture when signalled) and volatile
  // so that the unfaulted fast path in awaitForwardable needs no lock.
  private volatile boolean stalled;
  private volatile long delayNanos;
  private volatile boolean closed;

  // Read only by the acceptor; no waiter depends on it.
  private volatile boolean refusingNew;

  void stall(boolean stall) {
    update(() -> stalled = stall);
  }

  void delayNanos(long nanos) {
    update(() -> delayNanos = nanos);
  }

  void close() {
    update(() -> closed = true);
  }

  void refuseNew(boolean refuse) {
    refusingNew = refuse;
  }

  boolean isRefusingNew() {
    return refusingNew;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Blocks until a chunk read at {@code readAtNanos} may be written: the proxy is not stalled and
   * the current delay has passed since the read. The delay is looked up again on each wake-up, so
   * shortening it releases held chunks early. Returns false once the proxy is closed.
   */
  boolean awaitForwardable(long readAtNanos) throws InterruptedException {
    if (!stalled && !closed && delayNanos == 0) {
      return true;
    }
    lock.lock();
    try {
      while (!closed) {
        if (stalled) {
          changed.await();
          continue;
        }
        long waitNanos = readAtNanos + delayNanos - System.nanoTime();
        if (waitNanos <= 0) {
          return true;
        }
        changed.awaitNanos(waitNanos);
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code millis} or until the proxy closes, whichever comes first. */
  void pauseUnlessClosed(long millis) throws InterruptedException {
    lock.lock();
    try {
      long waitNanos = TimeUnit.MILLISECONDS.toNanos(millis);
      while (!closed && waitNanos > 0) {
        waitNanos = changed.awaitNanos(waitNanos);
      }
    } finally {
      lock.unlock();
    }
  }

  private void update(Runnable change) {
    lock.lock();
    try {
      change.run();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
