// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.markup.Document;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fresh server's first request reaches Javalin on its own. Javalin 7.2.3 builds its servlet's
 * per-request settings during the first request, in a lazy that is not thread-safe: requests racing
 * to be first failed with a NullPointerException, answered 500, when every page of a restarted app
 * reconnected at once. The race itself is too narrow to force here; this checks that requests
 * behind a first one that is still being handled wait for it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirstRequestsTest {
  @Test
  void requestsBehindAFreshServersFirstOneWaitUntilItIsHandled() throws Exception {
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    App app =
        TestApps.start(
            a ->
                a.view(
                    "/first",
                    () -> {
                      firstInside.countDown();
                      try {
                        releaseFirst.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return Document.titled("First");
                    }));
    try {
      CompletableFuture<HttpResponse<String>> first =
          CompletableFuture.supplyAsync(() -> TestApps.get(app, "/first"));
      firstInside.await();
      CompletableFuture<HttpResponse<String>> second =
          CompletableFuture.supplyAsync(() -> TestApps.get(app, "/nothing-here"));
      await().until(FirstRequestsTest::aRequestWaitsAtTheGate);
      assertThat(second).isNotDone();

      releaseFirst.countDown();
      assertThat(first.get().statusCode()).isEqualTo(200);
      assertThat(second.get().statusCode()).isEqualTo(404);
      // From now on nothing waits: the gate is open.
      assertThat(TestApps.get(app, "/nothing-here").statusCode()).isEqualTo(404);
    } finally {
      releaseFirst.countDown();
      app.stop();
    }
  }

  private static boolean aRequestWaitsAtTheGate() {
    ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
    return Arrays.stream(threads)
        .anyMatch(
            t ->
                t.getThreadState() == Thread.State.TIMED_WAITING
                    && Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getClassName().endsWith(".FirstRequestGate")));
  }
}
