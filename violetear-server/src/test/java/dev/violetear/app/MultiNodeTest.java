// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static dev.violetear.app.TestSocket.frame;
import static dev.violetear.app.TestSocket.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.Server;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Three apps sharing one backplane act as one app: a send on any node reaches the pages on every
 * node, in order, group membership is the same everywhere, and a page that reconnects to another
 * node resumes there. The backplane here is in memory (see {@link SharedBackplane});
 * violetear-redis runs the same tests through a real Redis by overriding {@link #newBackplane} and
 * {@link #loseMessages}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MultiNodeTest {
  static final class Room {
    static final Map<String, PageId> pages = new ConcurrentHashMap<>();

    @Client.Realtime
    static void say(String text) {}

    @Client.On("note")
    static void note(String text) {}

    @Server.Realtime
    static void enter(String room) {
      App.current().clients().join(ClientId.caller(), room);
    }

    @Server.Realtime
    static void exit(String room) {
      App.current().clients().leave(ClientId.caller(), room);
    }

    /** Remembers the calling page under {@code name}, for page sends from other nodes. */
    @Server.Realtime
    static void remember(String name) {
      pages.put(name, PageId.caller());
    }
  }

  private SharedBackplane shared;
  App a;
  App b;
  App c;

  /** A backplane for one more node of the app under test. */
  protected Backplane newBackplane() {
    if (shared == null) {
      shared = new SharedBackplane();
    }
    return shared.node();
  }

  /** Makes every node learn that messages were lost. */
  protected void loseMessages() {
    shared.resyncAll("a test lost messages");
  }

  /** Frees what the backplanes share, after every node stopped. */
  protected void closeBackplanes() {
    if (shared != null) {
      shared.close();
    }
  }

  /** Waits until every node has had everything the three published so far. */
  void settle() {
    TestApps.settle(List.of(a, b, c));
  }

  @BeforeAll
  void startNodes() {
    a = node();
    b = node();
    c = node();
  }

  App node() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 3);
    Backplane backplane = newBackplane();
    return TestApps.start(
        config -> config.clientIdSecret(secret).backplane(backplane),
        app -> app.register(Room.class));
  }

  @AfterAll
  void stopNodes() {
    for (App node : new App[] {a, b, c}) {
      if (node != null) {
        node.stop();
      }
    }
    closeBackplanes();
  }

  @Test
  void broadcastsFromTwoNodesReachEveryPageInOneOrderKeepingEachNodesOrder() {
    try (TestSocket onA = TestSocket.welcomed(a, null);
        TestSocket onB = TestSocket.welcomed(b, null);
        TestSocket onC = TestSocket.welcomed(c, null)) {
      for (int i = 1; i <= 20; i++) {
        b.clients().all().invoke(Room::say, "b" + i);
        c.clients().all().invoke(Room::say, "c" + i);
      }
      List<String> seenOnA = said(onA, 40);
      // Every page sees the same order, and each node's broadcasts in the order it made them.
      assertThat(said(onB, 40)).isEqualTo(seenOnA);
      assertThat(said(onC, 40)).isEqualTo(seenOnA);
      for (String node : List.of("b", "c")) {
        assertThat(seenOnA.stream().filter(line -> line.startsWith(node)))
            .containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> node + i).toList());
      }
    }
  }

  /** The texts of the next {@code count} say calls to {@code page}. */
  private static List<String> said(TestSocket page, int count) {
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonNode frame = page.next();
      assertThat(frame.path("fn").asText()).as(frame.toString()).isEqualTo("Room.say");
      texts.add(frame.path("args").path(0).asText());
    }
    return texts;
  }

  @Test
  void callsAndEventsToAClientReachItsTabsOnEveryNodeAndToAPageOnlyThatPage() {
    String cookie = issueCookie(a);
    try (TestSocket tab1 = TestSocket.welcomed(a, cookie);
        TestSocket tab2 = TestSocket.welcomed(c, cookie);
        TestSocket stranger = TestSocket.welcomed(a, null)) {
      tab2.call(1, "Room.remember", "tab2").expectAck(1);

      b.clients().to(ClientId.of(idOf(cookie))).invoke(Room::say, "to both tabs");
      b.clients().page(Room.pages.get("tab2")).invoke(Room::say, "to tab 2");
      b.clients().page(Room.pages.get("tab2")).emit("note", "an event to tab 2");
      b.clients().all().invoke(Room::say, "to all");
      b.clients().all().emit("note", "an event to all");

      JsonNode toAll = frame("t", "emit", "event", "note", "data", "an event to all");
      tab1.expect(say("to both tabs")).expect(say("to all")).expect(toAll);
      tab2.expect(say("to both tabs"))
          .expect(say("to tab 2"))
          .expect(frame("t", "emit", "event", "note", "data", "an event to tab 2"))
          .expect(say("to all"))
          .expect(toAll);
      stranger.expect(say("to all")).expect(toAll);
    }
  }

  @Test
  void groupsAreTheSameOnEveryNode() {
    try (TestSocket memberOnA = TestSocket.welcomed(a, null);
        TestSocket memberOnC = TestSocket.welcomed(c, null);
        TestSocket otherOnB = TestSocket.welcomed(b, null)) {
      memberOnA.call(1, "Room.enter", "room-1").expectAck(1);
      memberOnC.call(1, "Room.enter", "room-1").expectAck(1);
      settle();
      for (App node : List.of(a, b, c)) {
        assertThat(node.clients().members("room-1"))
            .as("every node knows every member")
            .containsExactlyInAnyOrder(memberOnA.clientId(), memberOnC.clientId());
      }

      b.clients().group("room-1").invoke(Room::say, "hello room");
      memberOnC.expect(say("hello room"));
      memberOnC.call(2, "Room.exit", "room-1").expectAck(2);
      // Node C published the leave; node A's send must come after it in the one order.
      settle();
      a.clients().group("room-1").invoke(Room::say, "after C left");
      a.clients().all().invoke(Room::say, "to all");

      memberOnA.expect(say("hello room")).expect(say("after C left")).expect(say("to all"));
      memberOnC.expect(say("to all"));
      otherOnB.expect(say("to all"));
    }
  }

  @Test
  void aNodeThatStartsLaterKnowsTheGroupsAlready() {
    String cookie = issueCookie(a);
    try (TestSocket member = TestSocket.welcomed(a, cookie)) {
      member.call(1, "Room.enter", "room-late").expectAck(1);
      settle();
      App late = node();
      try (TestSocket sameClientOnLate = TestSocket.welcomed(late, cookie)) {
        late.clients().group("room-late").invoke(Room::say, "from the new node");
        member.expect(say("from the new node"));
        sameClientOnLate.expect(say("from the new node"));
      } finally {
        late.stop();
      }
    }
  }

  @Test
  void whenMessagesWereLostThePagesStartAfresh() {
    String cookie = issueCookie(b);
    TestSocket before = TestSocket.welcomed(b, cookie, "page-resync-1");
    a.clients().all().invoke(Room::say, "before");
    before.expect(say("before"));

    loseMessages();

    assertThat(before.closeStatus()).as("frames to the page may be lost").isEqualTo(1013);
    try (TestSocket after = TestSocket.open(b, cookie, "page-resync-1", 1)) {
      JsonNode welcome = after.next();
      assertThat(welcome.path("resumed").asBoolean()).as(welcome.toString()).isFalse();
    } finally {
      before.close();
    }
  }

  @Test
  void aPageThatReconnectsToAnotherNodeResumesThereWithNothingLostOrRepeated() {
    String cookie = issueCookie(a);
    TestSocket onA = TestSocket.welcomed(a, cookie, "page-moves-1");
    onA.call(1, "Room.remember", "mover").expectAck(1);
    for (int i = 1; i <= 3; i++) {
      c.clients().to(onA.clientId()).invoke(Room::say, "before " + i);
    }
    onA.expect(say("before 1")).expect(say("before 2")).expect(say("before 3"));
    onA.ack(2);
    onA.close();
    await().until(() -> a.stats().connections() == 0);
    // While it is away: to its client, to its page, to everyone, from a node it was never on (one
    // node: the order between two nodes' sends is the backplane's, not the calls').
    c.clients().to(onA.clientId()).invoke(Room::say, "away 1");
    c.clients().page(Room.pages.get("mover")).invoke(Room::say, "away 2");
    c.clients().all().invoke(Room::say, "away 3");

    TestSocket onB = TestSocket.resume(b, cookie, "page-moves-1", 3);
    try {
      JsonNode welcome = onB.next();
      assertThat(welcome.path("resumed").asBoolean()).as(welcome.toString()).isTrue();
      assertThat(welcome.path("lastSeq").asLong()).as("its call ran on node A").isEqualTo(1);
      onB.expect(say("away 1")).expect(say("away 2")).expect(say("away 3"));
      // The page keeps its id, and page sends now reach it on node B.
      a.clients().page(Room.pages.get("mover")).invoke(Room::say, "after");
      onB.expect(say("after"));
      // Its calls go on where they were: seq 1 ran on node A, so 2 is the next.
      onB.call(2, "Room.remember", "mover-on-b").expectAck(2);
      assertThat(Room.pages.get("mover-on-b")).isEqualTo(Room.pages.get("mover"));
    } finally {
      onA.close();
      onB.close();
    }
    a.clients().all().invoke(Room::say, "back to A");

    // Node A let the session go when it moved: back on A, the page resumes from B's state.
    try (TestSocket backOnA = TestSocket.resume(a, cookie, "page-moves-1", 7)) {
      JsonNode welcome = backOnA.next();
      assertThat(welcome.path("resumed").asBoolean()).as(welcome.toString()).isTrue();
      assertThat(welcome.path("lastSeq").asLong()).isEqualTo(2);
      backOnA.expect(say("back to A"));
    }
  }

  @Test
  void aPageWhoseSessionNoNodeHoldsStartsAfreshOnItsNewNode() {
    String cookie = issueCookie(a);
    try (TestSocket page = TestSocket.resume(c, cookie, "page-nowhere-1", 7)) {
      JsonNode welcome = page.next();
      assertThat(welcome.path("resumed").asBoolean()).as(welcome.toString()).isFalse();
      assertThat(welcome.path("lastSeq").asLong()).isZero();
    }
  }

  @Test
  void statsShowTheBackplane() {
    assertThat(a.stats().backplane().isConnected()).isTrue();
    assertThat(a.stats().backplane().name()).isNotEqualTo(Backplane.Health.IN_MEMORY.name());
    App single = TestApps.start(app -> app.register(Room.class));
    try {
      assertThat(single.stats().backplane()).isEqualTo(Backplane.Health.IN_MEMORY);
    } finally {
      single.stop();
    }
  }

  private static JsonNode say(String text) {
    return frame("t", "invoke", "fn", "Room.say", "args", json("[\"" + text + "\"]"));
  }
}
