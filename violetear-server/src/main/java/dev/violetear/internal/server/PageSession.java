// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import java.util.concurrent.CompletableFuture;

/**
 * What the server remembers of one page load across its reconnects: the last seq it processed,
 * so that frames the browser resends after a drop run at most once, and the connection that came
 * before, so that a reconnect's handlers start only after the old connection's have finished.
 */
final class PageSession {
  // Written only from the serial queue of the session's current connection, which starts after
  // the previous connection's queue has finished (see handOver), so reads there see every write.
  private volatile long lastSeq;
  // Guarded by this.
  private CompletableFuture<Void> lastConnection = CompletableFuture.completedFuture(null);
  private volatile long idleSinceNanos = System.nanoTime();

  long lastSeq() {
    return lastSeq;
  }

  /** Records that the frame with {@code seq} was processed. */
  void processed(long seq) {
    if (seq > lastSeq) {
      lastSeq = seq;
    }
  }

  /**
   * Makes {@code next} the session's current connection and returns the future of the one before
   * it, which completes when that connection's disconnect handlers have run.
   */
  synchronized CompletableFuture<Void> handOver(CompletableFuture<Void> next) {
    CompletableFuture<Void> previous = lastConnection;
    lastConnection = next;
    next.whenComplete((v, e) -> idleSinceNanos = System.nanoTime());
    return previous;
  }

  /** Whether no connection has used the session for longer than {@code graceNanos}. */
  synchronized boolean isExpired(long nowNanos, long graceNanos) {
    return lastConnection.isDone() && nowNanos - idleSinceNanos >= graceNanos;
  }
}
