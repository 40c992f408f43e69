// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gate in front of Javalin: while a fresh server's first request is being handled, the others
 * wait for it (a bounded time), and after it they pass as they come.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FirstRequestGateTest {
  /** Records which requests reached it; the one named "first" stays inside until released. */
  private static final class Inner extends Handler.Abstract {
    final List<String> entered = new CopyOnWriteArrayList<>();
    final CountDownLatch firstInside = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    volatile Thread first;

    @Override
    public boolean handle(Request req, Response res, Callback callback) throws Exception {
      String name = Thread.currentThread().getName();
      entered.add(name);
      if (name.equals("first")) {
        firstInside.countDown();
        releaseFirst.await();
      }
      return true;
    }
  }

  private static Thread request(FirstRequestGate gate, String name) {
    Thread t =
        new Thread(
            () -> {
              try {
                gate.handle(null, null, Callback.NOOP);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            name);
    t.start();
    return t;
  }

  /** A gate in front of {@code inner} whose first request is inside, held there. */
  private static FirstRequestGate holdingTheFirst(Inner inner) throws InterruptedException {
    FirstRequestGate gate = new FirstRequestGate();
    gate.setHandler(inner);
    inner.first = request(gate, "first");
    inner.firstInside.await();
    return gate;
  }

  @Test
  void laterRequestsWaitUntilTheFirstIsHandledThenPassAsTheyCome() throws Exception {
    Inner inner = new Inner();
    FirstRequestGate gate = holdingTheFirst(inner);

    Thread second = request(gate, "second");
    await().until(() -> second.getState() == Thread.State.TIMED_WAITING);
    assertThat(inner.entered).containsExactly("first");

    inner.releaseFirst.countDown();
    inner.first.join();
    second.join();
    request(gate, "third").join();
    assertThat(inner.entered).containsExactly("first", "second", "third");
  }

  @Test
  void aFirstRequestThatTakesLongHoldsTheOthersTwoSecondsAtMost() throws Exception {
    Inner inner = new Inner();
    FirstRequestGate gate = holdingTheFirst(inner);

    long start = System.nanoTime();
    request(gate, "second").join();
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(inner.entered).containsExactly("first", "second");
    assertThat(waitedMs)
        .isBetween(FirstRequestGate.MOST_WAIT_MS, 10 * FirstRequestGate.MOST_WAIT_MS);
    inner.releaseFirst.countDown();
    inner.first.join();
  }
}
