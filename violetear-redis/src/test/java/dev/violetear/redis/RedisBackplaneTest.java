// SPDX-License-Identifier: Apache-2.0
package dev.violetear.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.violetear.app.Backplane;
import dev.violetear.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Redis backplane against a real redis-server: one order, once each, across restarts. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisBackplaneTest {
  private final List<AutoCloseable> closing = new ArrayList<>();

  /** What a node was given, in order: "m address body", "+ group member", "- group member". */
  static final class Recorder implements Backplane.Node {
    final List<String> events = new ArrayList<>();
    final List<String> resyncs = new ArrayList<>();

    @Override
    public synchronized void received(String address, String body) {
      events.add("m " + address + " " + body);
    }

    @Override
    public synchronized void joined(String group, String member) {
      events.add("+ " + group + " " + member);
    }

    @Override
    public synchronized void left(String group, String member) {
      events.add("- " + group + " " + member);
    }

    @Override
    public synchronized void resync(String why) {
      resyncs.add(why);
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }

    synchronized int size() {
      return events.size();
    }

    synchronized List<String> resyncs() {
      return List.copyOf(resyncs);
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private RedisServer redis(boolean persistent) {
    RedisServer server = RedisServer.start(RedisServer.Options.defaults().persistent(persistent));
    closing.add(server);
    return server;
  }

  private RedisBackplane node(RedisServer redis, Recorder recorder) {
    RedisBackplane backplane = RedisBackplane.at(redis.url());
    backplane.start("Test", recorder);
    closing.add(backplane);
    return backplane;
  }

  @Test
  void everyNodeGetsEveryMessageOnceInTheSameOrder() {
    RedisServer redis = redis(false);
    Recorder r1 = new Recorder();
    Recorder r2 = new Recorder();
    RedisBackplane n1 = node(redis, r1);
    RedisBackplane n2 = node(redis, r2);

    CompletableFuture<Void> one = CompletableFuture.runAsync(() -> publish(n1, "one", 0, 500));
    CompletableFuture<Void> two = CompletableFuture.runAsync(() -> publish(n2, "two", 0, 500));
    one.join();
    two.join();

    await().until(() -> r1.size() == 1000 && r2.size() == 1000);
    assertThat(r1.events()).isEqualTo(r2.events());
    assertThat(r1.events().stream().filter(e -> e.startsWith("m one")))
        .as("one node's messages in the order it sent them")
        .isEqualTo(expected("one", 0, 500));
    assertThat(n1.health().published()).isEqualTo(500);
    assertThat(n1.health().delivered()).isEqualTo(1000);
    assertThat(n1.health().isConnected()).isTrue();
  }

  @Test
  void membersAreInTheOrderOfTheMessagesAndALateNodeStartsFromThem() {
    RedisServer redis = redis(false);
    Recorder r1 = new Recorder();
    RedisBackplane n1 = node(redis, r1);
    n1.join("room", "ada");
    n1.join("room", "bo");
    n1.publish("groom", "hi");
    n1.leave("room", "ada");
    n1.join("room with spaces: and colons", "cy");
    await().until(() -> r1.size() == 5);
    assertThat(r1.events())
        .containsExactly(
            "+ room ada",
            "+ room bo",
            "m groom hi",
            "- room ada",
            "+ room with spaces: and colons cy");

    Recorder late = new Recorder();
    node(redis, late);
    assertThat(late.events())
        .as("the members now, not the history")
        .containsExactlyInAnyOrder("+ room bo", "+ room with spaces: and colons cy");
    n1.publish("gafter", "later");
    await().until(() -> late.size() == 3);
    assertThat(late.events().get(2)).isEqualTo("m gafter later");
  }

  @Test
  void aRestartOfARedisWithPersistenceLosesNothing() {
    RedisServer redis = redis(true);
    Recorder r1 = new Recorder();
    Recorder r2 = new Recorder();
    RedisBackplane n1 = node(redis, r1);
    node(redis, r2);
    publish(n1, "x", 0, 100);
    await().until(() -> r2.size() == 100);

    redis.stop();
    // Published while Redis is down: held by the client, sent once it is back.
    publish(n1, "x", 100, 200);
    await().until(() -> !n1.health().isConnected());
    redis.restart();
    publish(n1, "x", 200, 300);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(List.of(r1.size(), r2.size()))
                    .as("deliveries; resyncs %s; health %s", r1.resyncs(), n1.health())
                    .containsExactly(300, 300));
    assertThat(r2.events()).isEqualTo(expected("x", 0, 300));
    assertThat(r1.events()).isEqualTo(r2.events());
    assertThat(r1.resyncs()).isEmpty();
    assertThat(r2.resyncs()).isEmpty();
    await().until(() -> n1.health().isConnected());
  }

  @Test
  void aRedisThatLostItsDataHasEveryNodeResyncAndGetsTheMembersBack() {
    RedisServer redis = redis(false);
    Recorder r1 = new Recorder();
    Recorder r2 = new Recorder();
    RedisBackplane n1 = node(redis, r1);
    node(redis, r2);
    n1.join("room", "ada");
    await().until(() -> r2.size() == 1);

    redis.restart();

    await().atMost(Duration.ofSeconds(30)).until(() -> r1.resyncs().size() == 1);
    await().until(() -> r2.resyncs().size() == 1);
    assertThat(r1.resyncs().get(0)).contains("restarted without its data");
    assertThat(n1.health().resyncs()).isEqualTo(1);
    Recorder late = new Recorder();
    node(redis, late);
    assertThat(late.events()).containsExactly("+ room ada");
    n1.publish("a", "after");
    await().until(() -> r2.size() == 2);
    assertThat(r2.events().get(1)).isEqualTo("m a after");
    assertThat(r2.resyncs()).as("one loss, one resync").hasSize(1);
  }

  @Test
  void aBadUrlOrAServerThatDoesNotAnswerSaysWhatToDo() {
    assertThatThrownBy(() -> RedisBackplane.at("http://localhost:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://host:6379");
    RedisServer redis = redis(false);
    String url = redis.url();
    redis.stop();
    RedisBackplane dead = RedisBackplane.at(url);
    assertThatThrownBy(() -> dead.start("Test", new Recorder()))
        .hasMessageContaining("Could not reach Redis at " + url)
        .hasMessageContaining("Check that Redis runs there");
    dead.close();
  }

  private static void publish(Backplane node, String who, int from, int to) {
    for (int i = from; i < to; i++) {
      node.publish(who, Integer.toString(i));
    }
  }

  private static List<String> expected(String who, int from, int to) {
    List<String> all = new ArrayList<>();
    for (int i = from; i < to; i++) {
      all.add("m " + who + " " + i);
    }
    return all;
  }
}
