// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PageSessionsTest {
  // Budgets no test here reaches.
  private static final BufferBudget UNLIMITED = new BufferBudget(1L << 40, 1L << 50);
  private static final ClientId ALICE = ClientId.of("alice");
  private static final ClientId BOB = ClientId.of("bob");

  private final HandlerPool pool = new HandlerPool("test", 2);

  @AfterEach
  void stop() {
    pool.shutdown(Duration.ofSeconds(1));
  }

  /** A socket that records what is written to it. */
  private static final class Wire implements Outbound.Wire {
    final List<String> written = new ArrayList<>();

    @Override
    public void sendText(String text, Callback callback) {
      written.add(text);
      callback.succeeded();
    }

    @Override
    public void close(int code, String reason) {
      written.add("close " + code);
    }
  }

  private Connection connection(PageSession page, Wire wire) {
    Outbound out = new Outbound(wire, "alice", UNLIMITED);
    return new Connection(
        ALICE,
        null,
        "1",
        pool.newQueue("alice"),
        out,
        new Acks(out, Acks.HOLD_NANOS, System::nanoTime, acks -> {}),
        new CompletableFuture<>(),
        page,
        new CompletableFuture<>());
  }

  @Test
  void aSessionDroppedBetweenTheLookupAndTheAttachRefusesItAndTheNextLookupStartsAfresh() {
    PageSessions sessions =
        new PageSessions(Duration.ofMinutes(1), 10, PageSessions.MAX_PENDING, UNLIMITED);
    PageSession page = sessions.attach(ALICE, "page-0001");
    Connection first = connection(page, new Wire());
    assertThat(page.open(first, 0)).isNotNull();
    page.detach(first); // a blip
    first.finished().complete(null);
    assertThat(sessions.attach(ALICE, "page-0001"))
        .as("the lookup of the reconnect")
        .isSameAs(page);

    page.drop("fell behind (a test)"); // before the reconnect attaches

    assertThat(page.open(connection(page, new Wire()), 0)).as("a dropped session").isNull();
    PageSession fresh = sessions.attach(ALICE, "page-0001");
    assertThat(fresh).isNotSameAs(page);
    PageSession.Opened opened = fresh.open(connection(fresh, new Wire()), 0);
    assertThat(opened.resume().resumed()).as("the page learns that its resume failed").isFalse();
    assertThat(sessions.of(ALICE)).containsExactly(fresh);
  }

  @Test
  void aPageThatLeftWhileANewerConnectionAttachedKeepsItsSession() {
    PageSessions sessions =
        new PageSessions(Duration.ofMinutes(1), 10, PageSessions.MAX_PENDING, UNLIMITED);
    PageSession page = sessions.attach(ALICE, "page-0001");
    Connection old = connection(page, new Wire());
    page.open(old, 0);
    // Shown again from the back/forward cache: the new socket attaches before the old one's 4001
    // close is handled.
    Connection newer = connection(page, new Wire());
    assertThat(page.open(newer, 0)).isNotNull();
    page.detach(old);
    old.finished().complete(null);

    sessions.detached(page, old.finished(), true);

    assertThat(sessions.attach(ALICE, "page-0001")).as("still the page's session").isSameAs(page);
    sessions.detached(page, newer.finished(), true);
    assertThat(sessions.of(ALICE)).as("gone once its latest connection left").isEmpty();
  }

  @Test
  void aPageResumesItsOwnSessionOnly() {
    PageSessions sessions =
        new PageSessions(Duration.ofMinutes(1), 10, PageSessions.MAX_PENDING, UNLIMITED);
    PageSession first = sessions.attach(ALICE, "page-0001");

    assertThat(sessions.attach(ALICE, "page-0001")).isSameAs(first);
    assertThat(sessions.attach(BOB, "page-0001")).isNotSameAs(first);
    assertThat(sessions.attach(ALICE, "bad id!")).isNotSameAs(sessions.attach(ALICE, "bad id!"));
    assertThat(sessions.attach(ALICE, null)).isNotSameAs(first);
  }

  @Test
  void aSessionIdleLongerThanTheGraceIsForgotten() {
    PageSessions sessions =
        new PageSessions(Duration.ZERO, 10, PageSessions.MAX_PENDING, UNLIMITED);
    PageSession first = sessions.attach(ALICE, "page-0001");
    first.processed(5);
    CompletableFuture<Void> connection = new CompletableFuture<>();
    first.handOver(connection);

    assertThat(sessions.attach(ALICE, "page-0001")).as("still connected").isSameAs(first);
    connection.complete(null);
    PageSession later = sessions.attach(ALICE, "page-0001");
    assertThat(later).isNotSameAs(first);
    assertThat(later.lastSeq()).isZero();
  }

  @Test
  void pastTheCapNewPagesWorkWithoutBeingRemembered() {
    PageSessions sessions =
        new PageSessions(Duration.ofMinutes(1), 2, PageSessions.MAX_PENDING, UNLIMITED);
    sessions.attach(ALICE, "page-0001");
    sessions.attach(ALICE, "page-0002");
    PageSession third = sessions.attach(ALICE, "page-0003");

    assertThat(sessions.size()).isEqualTo(2);
    assertThat(sessions.attach(ALICE, "page-0003")).isNotSameAs(third);
  }
}
