// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Server;
import dev.violetear.State;
import dev.violetear.VioletearException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Server.Only} record components on the wire: left out of a shared state's snapshot and
 * changes and of RPC results, a change of only them sends nothing, and a record holding one may not
 * come from pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerOnlyStateTest {
  record Card(String suit, int rank) {}

  record Table(List<String> players, int pot, @Server.Only List<Card> deck, @Server.Only int pin) {}

  record Lobby(List<Table> tables) {}

  static final class Casino {
    static final State<Table> table =
        State.shared(new Table(List.of("Ada"), 0, List.of(new Card("hearts", 1)), 1234));

    @Server.Rpc
    static Table current() {
      return table.get();
    }
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Casino.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void theSnapshotAndEveryChangeLeaveServerOnlyComponentsOut() {
    Casino.table.set(new Table(List.of("Ada"), 5, List.of(new Card("spades", 12)), 4321));

    try (TestSocket page = TestSocket.welcomed(app, null)) {
      assertThat(page.next().toString())
          .isEqualTo(
              "{\"t\":\"invoke\",\"fn\":\"@Casino.table\",\"args\":[{\"players\":[\"Ada\"],"
                  + "\"pot\":5}]}");

      Casino.table.update(t -> new Table(List.of("Ada", "Bob"), t.pot() + 1, List.of(), 99));

      assertThat(page.next().toString())
          .isEqualTo(
              "{\"t\":\"invoke\",\"fn\":\"@Casino.table\",\"args\":[{\"players\":[\"Ada\",\"Bob\"],"
                  + "\"pot\":6}]}");
      assertThat(Casino.table.get().pin()).as("the server keeps the real value").isEqualTo(99);
    }
  }

  @Test
  void aChangeOfOnlyServerOnlyComponentsSendsNothing() {
    try (TestSocket page = TestSocket.welcomed(app, null)) {
      page.next(); // the snapshot
      Casino.table.update(t -> new Table(t.players(), t.pot(), List.of(new Card("clubs", 3)), 7));
      page.expectNothingYet();
      assertThat(Casino.table.get().deck()).containsExactly(new Card("clubs", 3));

      Casino.table.update(t -> new Table(t.players(), t.pot() + 10, t.deck(), 8));

      assertThat(page.next().path("args").get(0).path("pot").asInt())
          .isEqualTo(Casino.table.get().pot());
    }
  }

  @Test
  void anRpcResultLeavesThemOutToo() {
    Casino.table.set(new Table(List.of("Cy"), 3, List.of(new Card("hearts", 2)), 5));

    assertThat(TestApps.rpc(app, "Casino.current", "{\"args\":[]}").body())
        .isEqualTo("{\"result\":{\"players\":[\"Cy\"],\"pot\":3}}");
  }

  static final class Forged {
    @Server.Rpc
    static void seat(Table table) {}

    @Server.Realtime
    static void join(Optional<Lobby> lobby) {}

    @Server.On("deal")
    static void dealt(List<Table> tables) {}
  }

  @Test
  void aRecordWithAServerOnlyComponentCannotComeFromPages() {
    App forged = App.create("Forged", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE));
    try {
      assertThatThrownBy(() -> forged.register(Forged.class).start(0))
          .isInstanceOf(VioletearException.class)
          .hasMessageContainingAll(
              "Forged.seat parameter 'table' has type '"
                  + Table.class.getTypeName()
                  + "', which holds 'Table.deck', a @Server.Only component: pages never see its"
                  + " value, so they cannot send it. Take what the page knows (an id, say) and"
                  + " look the record up on the server, or remove @Server.Only.",
              "Forged.join parameter 'lobby' has type 'java.util.Optional<"
                  + Lobby.class.getTypeName()
                  + ">', which holds 'Table.deck'",
              "Forged.dealt data parameter has type 'java.util.List<"
                  + Table.class.getTypeName()
                  + ">', which holds 'Table.deck'");
    } finally {
      forged.stop();
    }
  }

  record Entry(String name, @Server.Only String approvedBy) {}

  @Test
  void aFormRecordWithAServerOnlyComponentIsRefused() {
    App forms = App.create("Forms", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE));
    assertThatThrownBy(
            () ->
                forms.form(
                    "/guestbook",
                    Entry.class,
                    f -> dev.violetear.markup.Document.titled("x"),
                    (entry, f) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Entry holds 'Entry.approvedBy', a @Server.Only component: the page never sees its"
                + " value, so its form cannot post it. Declare a record of the fields the visitor"
                + " fills in, or remove @Server.Only.");
  }
}
