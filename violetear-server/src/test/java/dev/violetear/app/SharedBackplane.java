// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several apps in one JVM as the nodes of one app, for tests of what crosses nodes without a Redis:
 * one thread delivers every message to every node, so all see one order, as the contract of {@link
 * Backplane} asks. {@link #resyncAll} plays a store that lost messages.
 */
final class SharedBackplane implements AutoCloseable {
  // One thread: the one order of every message.
  private final ExecutorService order = Executors.newSingleThreadExecutor();
  private final List<Backplane.Node> nodes = new ArrayList<>();
  private final Set<List<String>> members = new HashSet<>();
  private volatile CountDownLatch held = new CountDownLatch(0);

  /** A backplane for one more node. */
  Backplane node() {
    return new Backplane() {
      private final AtomicLong published = new AtomicLong();
      private final AtomicLong delivered = new AtomicLong();
      private Backplane.Node self;

      @Override
      public void start(String app, Node node) {
        self = node;
        run(
            () -> {
              // The snapshot, not counted as deliveries: those count what was published since.
              members.forEach(m -> node.joined(m.get(0), m.get(1)));
              nodes.add(countingDeliveries(node, delivered));
            });
      }

      @Override
      public void publish(String address, String body) {
        published.incrementAndGet();
        order.execute(() -> nodes.forEach(n -> n.received(address, body)));
      }

      @Override
      public void join(String group, String member) {
        published.incrementAndGet();
        order.execute(
            () -> {
              members.add(List.of(group, member));
              nodes.forEach(n -> n.joined(group, member));
            });
      }

      @Override
      public void leave(String group, String member) {
        published.incrementAndGet();
        order.execute(
            () -> {
              members.remove(List.of(group, member));
              nodes.forEach(n -> n.left(group, member));
            });
      }

      @Override
      public Health health() {
        return new Health("shared", true, published.get(), delivered.get(), 0);
      }

      @Override
      public void close() {
        run(() -> nodes.removeIf(n -> n instanceof Counting c && c.node == self));
      }
    };
  }

  /**
   * Holds back every message published from now on until {@link #release}: a backplane that is
   * slow, so that what waits on it can be raced.
   */
  void hold() {
    CountDownLatch latch = new CountDownLatch(1);
    held = latch;
    order.execute(
        () -> {
          try {
            latch.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Delivers what {@link #hold} held back, in order. */
  void release() {
    held.countDown();
  }

  /** Tells every node that messages were lost. */
  void resyncAll(String why) {
    run(() -> nodes.forEach(n -> n.resync(why)));
  }

  private void run(Runnable task) {
    try {
      order.submit(task).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Backplane.Node countingDeliveries(Backplane.Node node, AtomicLong delivered) {
    return new Counting(node, delivered);
  }

  private record Counting(Backplane.Node node, AtomicLong delivered) implements Backplane.Node {
    @Override
    public void received(String address, String body) {
      delivered.incrementAndGet();
      node.received(address, body);
    }

    @Override
    public void joined(String group, String member) {
      delivered.incrementAndGet();
      node.joined(group, member);
    }

    @Override
    public void left(String group, String member) {
      delivered.incrementAndGet();
      node.left(group, member);
    }

    @Override
    public void resync(String why) {
      node.resync(why);
    }
  }

  @Override
  public void close() {
    order.shutdownNow();
  }
}
