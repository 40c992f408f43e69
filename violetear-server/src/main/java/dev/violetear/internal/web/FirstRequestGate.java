// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a fresh server's first request reach Javalin on its own. Javalin 7.2.3 builds its servlet's
 * per-request settings during the first request, in a lazy that is not thread-safe, so requests
 * racing to be first could fail with a NullPointerException, answered 500: a benchmark's 1,000
 * pages reconnecting at once to a restarted app met it. The first request goes through; the others
 * wait until it has been handled, or {@link #MOST_WAIT_MS} at most so that a first request whose
 * body trickles in holds nobody long; from then on requests pass with one read of the latch's
 * count.
 *
 * <pre>{@code
 * upgrades.setHandler(new FirstRequestGate());   // Javalin attaches its context inside
 * }</pre>
 */
final class FirstRequestGate extends Handler.Wrapper {
  static final long MOST_WAIT_MS = 2_000;

  private final AtomicBoolean isTaken = new AtomicBoolean();
  private final CountDownLatch firstHandled = new CountDownLatch(1);

  @Override
  public boolean handle(Request req, Response res, Callback callback) throws Exception {
    if (firstHandled.getCount() == 0) {
      return super.handle(req, res, callback);
    }
    if (isTaken.compareAndSet(false, true)) {
      try {
        return super.handle(req, res, callback);
      } finally {
        firstHandled.countDown();
      }
    }
    firstHandled.await(MOST_WAIT_MS, TimeUnit.MILLISECONDS);
    return super.handle(req, res, callback);
  }
}
