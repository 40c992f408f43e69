// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialQueueTest {
  @Test
  void tasksOfOneQueueRunInOrderAndNeverOverlap() {
    HandlerPool pool = new HandlerPool("test", 4);
    int queues = 20;
    int tasks = 500;
    List<List<Integer>> seen = new ArrayList<>();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    try {
      for (int q = 0; q < queues; q++) {
        List<Integer> order = new ArrayList<>();
        seen.add(order);
        SerialQueue queue = pool.newQueue("queue " + q);
        AtomicBoolean running = new AtomicBoolean();
        for (int t = 0; t < tasks; t++) {
          int n = t;
          queue.add(
              () -> {
                if (!running.compareAndSet(false, true)) {
                  overlaps.incrementAndGet();
                }
                order.add(n);
                running.set(false);
                done.incrementAndGet();
              });
        }
      }
      await().until(() -> done.get() == queues * tasks);
    } finally {
      pool.shutdown(Duration.ofSeconds(5));
    }

    assertThat(overlaps).hasValue(0);
    for (List<Integer> order : seen) {
      assertThat(order).hasSize(tasks).isSorted();
    }
  }

  @Test
  void racingSendersKeepTheirOrderAndTasksRunOnlyOnThePoolsThreads() throws Exception {
    int threads = 2;
    HandlerPool pool = new HandlerPool("test", threads);
    int senders = 6;
    int queues = 3;
    int tasks = 2000;
    SerialQueue[] shared = new SerialQueue[queues];
    List<List<Integer>> seen = new ArrayList<>();
    AtomicBoolean[] running = new AtomicBoolean[queues];
    for (int q = 0; q < queues; q++) {
      shared[q] = pool.newQueue("shared " + q);
      running[q] = new AtomicBoolean();
    }
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger elsewhere = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threadsOfSenders = new ArrayList<>();
    try {
      for (int s = 0; s < senders; s++) {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        seen.add(order);
        int q = s % queues;
        Thread sender =
            new Thread(
                () -> {
                  awaitQuietly(go);
                  for (int t = 0; t < tasks; t++) {
                    int n = t;
                    shared[q].offer(
                        () -> {
                          most.accumulateAndGet(now.incrementAndGet(), Math::max);
                          if (!Thread.currentThread()
                              .getName()
                              .startsWith("violetear-test-handler-")) {
                            elsewhere.incrementAndGet();
                          }
                          if (!running[q].compareAndSet(false, true)) {
                            overlaps.incrementAndGet();
                          }
                          order.add(n);
                          running[q].set(false);
                          now.decrementAndGet();
                          done.incrementAndGet();
                        },
                        Integer.MAX_VALUE);
                  }
                });
        threadsOfSenders.add(sender);
        sender.start();
      }
      go.countDown();
      for (Thread sender : threadsOfSenders) {
        sender.join(20_000);
      }
      await().until(() -> done.get() == senders * tasks);
    } finally {
      pool.shutdown(Duration.ofSeconds(5));
    }

    assertThat(overlaps).hasValue(0);
    assertThat(elsewhere).hasValue(0);
    assertThat(most.get()).isLessThanOrEqualTo(threads);
    for (List<Integer> order : seen) {
      assertThat(order).hasSize(tasks).isSorted();
    }
  }

  @Test
  void aBlockedQueueDoesNotHoldUpAnother() throws InterruptedException {
    HandlerPool pool = new HandlerPool("test", 2);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch otherRan = new CountDownLatch(1);
    try {
      pool.newQueue("slow").add(() -> awaitQuietly(gate));
      pool.newQueue("fast").add(otherRan::countDown);

      assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void offerRefusesTasksBeyondTheLimit() {
    HandlerPool pool = new HandlerPool("test", 1);
    CountDownLatch gate = new CountDownLatch(1);
    try {
      SerialQueue queue = pool.newQueue("limited");
      CountDownLatch started = new CountDownLatch(1);
      queue.add(
          () -> {
            started.countDown();
            awaitQuietly(gate);
          });
      awaitQuietly(started);

      assertThat(queue.offer(() -> {}, 2)).isTrue();
      assertThat(queue.offer(() -> {}, 2)).isTrue();
      assertThat(queue.offer(() -> {}, 2)).isFalse();
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void queuedTasksStillRunWhileThePoolShutsDown() {
    HandlerPool pool = new HandlerPool("test", 1);
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    SerialQueue queue = pool.newQueue("draining");
    queue.add(() -> awaitQuietly(gate));
    for (int i = 0; i < 100; i++) {
      queue.add(ran::incrementAndGet);
    }

    Thread stopper = new Thread(() -> pool.shutdown(Duration.ofSeconds(10)));
    stopper.start();
    gate.countDown();

    await().until(() -> !stopper.isAlive());
    assertThat(ran).hasValue(100);
  }

  @Test
  void tasksWaitingBehindARunningOneFormOneBatchAndTheHookRunsAfterIt() {
    HandlerPool pool = new HandlerPool("test", 2);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try {
      SerialQueue queue = pool.newQueue("batched", () -> events.add("batch"));
      queue.add(
          () -> {
            started.countDown();
            awaitQuietly(gate);
            events.add("0");
          });
      awaitQuietly(started);
      for (int i = 1; i <= 10; i++) {
        String n = String.valueOf(i);
        queue.add(() -> events.add(n));
      }
      gate.countDown();

      await().until(() -> events.contains("batch"));
      assertThat(events)
          .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "batch");
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void aFloodIsSplitIntoBoundedBatchesEachFollowedByTheHook() {
    HandlerPool pool = new HandlerPool("test", 1);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try {
      SerialQueue queue = pool.newQueue("flooded", () -> events.add("batch"));
      queue.add(
          () -> {
            started.countDown();
            awaitQuietly(gate);
          });
      awaitQuietly(started);
      for (int i = 0; i < 100; i++) {
        queue.add(() -> events.add("task"));
      }
      gate.countDown();

      await().until(() -> events.stream().filter("task"::equals).count() == 100);
      await().until(() -> events.get(events.size() - 1).equals("batch"));
      List<String> copy = List.copyOf(events);
      // At most 32 tasks (the held one included) between two runs of the hook, and none after
      // the last.
      int run = 1;
      for (String e : copy) {
        if (e.equals("batch")) {
          run = 0;
        } else {
          run++;
          assertThat(run).isLessThanOrEqualTo(32);
        }
      }
      assertThat(copy.stream().filter("batch"::equals).count()).isGreaterThanOrEqualTo(4);
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void anErrorThatEndsAThreadLeavesTheRestOfItsBatchToRunInOrder() {
    HandlerPool pool = new HandlerPool("test", 1);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try {
      SerialQueue queue = pool.newQueue("failing");
      queue.add(
          () -> {
            started.countDown();
            awaitQuietly(gate);
          });
      awaitQuietly(started);
      queue.add(() -> events.add("before"));
      queue.add(
          () -> {
            throw new AssertionError("ends the thread");
          });
      queue.add(() -> events.add("after 1"));
      queue.add(() -> events.add("after 2"));
      gate.countDown();

      await().until(() -> events.size() == 3);
      assertThat(events).containsExactly("before", "after 1", "after 2");
    } finally {
      gate.countDown();
      pool.shutdown(Duration.ofSeconds(5));
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
