// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.violetear.app.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SerialQueue#offerInline}: frames run on the socket's thread when nothing waits. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialQueueInlineTest {
  @Test
  void anIdleQueueRunsTheTaskOnTheCallingThreadThenTheHook() {
    HandlerPool pool = new HandlerPool("test", 2);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    AtomicReference<Thread> hookOn = new AtomicReference<>();
    try {
      SerialQueue queue =
          pool.newQueue(
              "idle",
              () -> {
                hookOn.set(Thread.currentThread());
                events.add("batch");
              });

      assertThat(
              queue.offerInline(
                  () -> {
                    ranOn.set(Thread.currentThread());
                    events.add("task");
                  },
                  1))
          .isTrue();

      // Both ran before offerInline returned, on this thread.
      assertThat(ranOn).hasValue(Thread.currentThread());
      assertThat(hookOn).hasValue(Thread.currentThread());
      assertThat(events).containsExactly("task", "batch");
    } finally {
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void anOfferWhileAnInlineTaskRunsQueuesBehindItAndJoinsItsBatch() throws Exception {
    HandlerPool pool = new HandlerPool("test", 2);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicReference<Thread> secondOn = new AtomicReference<>();
    try {
      SerialQueue queue = pool.newQueue("busy", () -> events.add("batch"));
      Thread socket =
          onSocket(
              () ->
                  queue.offerInline(
                      () -> {
                        enter(running, overlaps);
                        events.add("1 start");
                        started.countDown();
                        awaitQuietly(gate);
                        events.add("1 end");
                        running.set(false);
                      },
                      10));
      awaitQuietly(started);

      assertThat(
              queue.offerInline(
                  () -> {
                    enter(running, overlaps);
                    secondOn.set(Thread.currentThread());
                    events.add("2");
                    running.set(false);
                  },
                  10))
          .isTrue();
      // Returned without running it: the first one still holds the queue.
      assertThat(events).containsExactly("1 start");

      gate.countDown();
      socket.join(10_000);

      assertThat(events).containsExactly("1 start", "1 end", "2", "batch");
      assertThat(overlaps).hasValue(0);
      // It arrived meanwhile, so the inline drain ran it in the same batch.
      assertThat(secondOn).hasValue(socket);
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void withEveryPermitTakenOffersGoToThePoolAndNoMoreThanItsThreadsRunAtOnce() {
    int threads = 2;
    int sockets = 6;
    HandlerPool pool = new HandlerPool("test", threads);
    CountDownLatch gate = new CountDownLatch(1);
    CyclicBarrier together = new CyclicBarrier(sockets - threads);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger returned = new AtomicInteger();
    List<Thread> socketThreads = Collections.synchronizedList(new ArrayList<>());
    List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
    try {
      for (int s = 0; s < sockets; s++) {
        SerialQueue queue = pool.newQueue("queue " + s);
        Runnable task =
            () -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              ranOn.add(Thread.currentThread());
              awaitQuietly(gate);
              running.decrementAndGet();
              done.incrementAndGet();
            };
        boolean late = s >= threads;
        socketThreads.add(
            onSocket(
                () -> {
                  if (late) {
                    awaitQuietly(together);
                  }
                  queue.offerInline(task, 10);
                  returned.incrementAndGet();
                }));
        if (!late) {
          // The first sockets take the permits one by one, each with a task that blocks.
          int n = s + 1;
          await().until(() -> running.get() == n);
        }
      }
      // The later sockets offer at once; with no permit left, their offers return without
      // running, and the pool's threads wait for a permit with two of the drains.
      await().until(() -> returned.get() == sockets - threads);
      await().until(() -> pool.waitingDrains() == threads || running.get() > threads);

      assertThat(running).hasValue(threads);
      assertThat(ranOn).hasSize(threads).allMatch(socketThreads::contains);

      gate.countDown();
      await().until(() -> done.get() == sockets);
      assertThat(most).hasValue(threads);
      // The ones that waited ran on the pool, not on the sockets that offered them.
      assertThat(ranOn.subList(threads, sockets)).noneMatch(socketThreads::contains);
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void aHeldQueueNeverRunsInline() {
    HandlerPool pool = new HandlerPool("test", 2);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    try {
      SerialQueue queue = pool.newQueue("held");
      queue.hold();

      assertThat(queue.offerInline(() -> ranOn.set(Thread.currentThread()), 10)).isTrue();
      assertThat(ranOn).hasValue(null);

      queue.release();
      await().until(() -> ranOn.get() != null);
      assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
      assertThat(ranOn.get().getName()).startsWith("violetear-test-handler-");
    } finally {
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void aFailingInlineTaskIsLoggedAndTheQueueGoesOn() throws Exception {
    HandlerPool pool = new HandlerPool("test", 2);
    String marker = "inline failure " + UUID.randomUUID();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try {
      SerialQueue queue = pool.newQueue("failing", () -> events.add("batch"));

      assertThatCode(
              () ->
                  queue.offerInline(
                      () -> {
                        throw new IllegalStateException(marker);
                      },
                      10))
          .doesNotThrowAnyException();
      // An Error too stays out of the web server's thread.
      assertThatCode(
              () ->
                  queue.offerInline(
                      () -> {
                        throw new AssertionError(marker + " (error)");
                      },
                      10))
          .doesNotThrowAnyException();
      queue.offerInline(() -> events.add("next"), 10);

      assertThat(events).containsExactly("batch", "next", "batch");
      await().until(() -> log().contains("IllegalStateException: " + marker));
      await().until(() -> log().contains("AssertionError: " + marker + " (error)"));
    } finally {
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void anErrorInAnInlineBatchLeavesTheRestToThePoolInOrder() throws Exception {
    HandlerPool pool = new HandlerPool("test", 2);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Thread> lastOn = new AtomicReference<>();
    try {
      SerialQueue queue = pool.newQueue("erring");
      Thread socket =
          onSocket(
              () ->
                  queue.offerInline(
                      () -> {
                        started.countDown();
                        awaitQuietly(gate);
                        events.add("first");
                      },
                      10));
      awaitQuietly(started);
      queue.offerInline(
          () -> {
            throw new AssertionError("ends the inline batch");
          },
          10);
      queue.offerInline(
          () -> {
            lastOn.set(Thread.currentThread());
            events.add("last");
          },
          10);
      gate.countDown();
      socket.join(10_000);

      await().until(() -> events.size() == 2);
      assertThat(events).containsExactly("first", "last");
      assertThat(lastOn.get().getName()).startsWith("violetear-test-handler-");
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void afterShutdownNothingRunsInline() {
    HandlerPool pool = new HandlerPool("test", 2);
    AtomicBoolean ran = new AtomicBoolean();
    SerialQueue queue = pool.newQueue("stopped");
    pool.shutdown(Duration.ofSeconds(5));

    queue.offerInline(() -> ran.set(true), 10);

    // Inline it would have run before offerInline returned; the pool refused it.
    assertThat(ran).isFalse();
  }

  @Test
  void whileThePoolShutsDownNothingStartsInline() {
    HandlerPool pool = new HandlerPool("test", 2);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    // A pooled task keeps the shutdown waiting, with a permit to spare.
    pool.newQueue("pooled")
        .add(
            () -> {
              started.countDown();
              awaitQuietly(gate);
            });
    awaitQuietly(started);
    Thread stopper = new Thread(() -> pool.shutdown(Duration.ofSeconds(10)));
    stopper.start();
    await().until(pool::isShutdown);

    pool.newQueue("late").offerInline(() -> ranOn.set(Thread.currentThread()), 10);

    // Inline it would have run before offerInline returned; while the pool shuts down it
    // refuses new drains, so the task is dropped as one offered to the pool would be.
    assertThat(ranOn).hasValue(null);
    gate.countDown();
    await().until(() -> !stopper.isAlive());
    assertThat(ranOn).hasValue(null);
  }

  @Test
  void shutdownWaitsForARunningInlineTask() {
    HandlerPool pool = new HandlerPool("test", 2);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    SerialQueue queue = pool.newQueue("stopping");
    onSocket(
        () ->
            queue.offerInline(
                () -> {
                  started.countDown();
                  awaitQuietly(gate);
                  finished.set(true);
                },
                10));
    awaitQuietly(started);

    Thread stopper = new Thread(() -> pool.shutdown(Duration.ofSeconds(10)));
    stopper.start();
    // The pool itself has nothing to run; the stopper waits for the inline task's permit.
    await().until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
    assertThat(finished).isFalse();

    gate.countDown();
    await().until(() -> !stopper.isAlive());
    assertThat(finished).isTrue();
  }

  private static Thread onSocket(Runnable body) {
    Thread t = new Thread(body, "socket");
    t.start();
    return t;
  }

  private static void enter(AtomicBoolean running, AtomicInteger overlaps) {
    if (!running.compareAndSet(false, true)) {
      overlaps.incrementAndGet();
    }
  }

  private static String log() {
    return CapturedLog.ofTest();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
