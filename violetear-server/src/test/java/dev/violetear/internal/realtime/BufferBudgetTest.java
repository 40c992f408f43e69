// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.ClientId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The byte budgets of the frames held for pages: a page over its own is dropped, every path that
 * lets frames go releases exactly what they counted for, and over the server's total the page that
 * holds the most goes, not the one that reads.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BufferBudgetTest {
  private static final ClientId ALICE = ClientId.of("alice");
  private static final ClientId BOB = ClientId.of("bob");
  private static final ClientId CAROL = ClientId.of("carol");
  private static final ClientId DAVE = ClientId.of("dave");
  // 100 characters: counts 148 bytes with the per-frame overhead.
  private static final String TAIL =
      "\"t\":\"emit\",\"event\":\"tick\",\"data\":\"" + "x".repeat(64) + "\"}";
  private static final long COST = BufferBudget.cost(TAIL);

  private final HandlerPool pool = new HandlerPool("test", 1);

  @AfterEach
  void stop() {
    pool.shutdown(Duration.ofSeconds(5));
  }

  @Test
  void aPageOverItsBudgetIsDroppedAndFreesItsFrames() {
    assertThat(COST).isEqualTo(148);
    BufferBudget budget = new BufferBudget(1_000, 1L << 40);
    PageSessions sessions = sessions(Duration.ofMinutes(1), budget);
    PageSession page = sessions.attach(ALICE, "page-0001");
    for (int n = 1; n <= 6; n++) {
      page.send(TAIL);
    }
    assertThat(budget.buffered()).as("six frames, within 1,000 bytes").isEqualTo(6 * COST);
    assertThat(page.isLost()).isFalse();

    page.send(TAIL);

    assertThat(page.isLost()).as("the seventh takes it to 1,036 bytes").isTrue();
    assertThat(page.pending()).isZero();
    assertThat(budget.buffered()).isZero();
    assertThat(sessions.dropped()).isEqualTo(1);
    assertThat(sessions.of(ALICE)).as("no longer visited by broadcasts").isEmpty();
    assertThat(sessions.attach(ALICE, "page-0001")).as("its page starts afresh").isNotSameAs(page);
  }

  @Test
  void oneFrameLargerThanTheBudgetStillReachesAPageThatHoldsNothing() {
    BufferBudget budget = new BufferBudget(1_000, 1L << 40);
    PageSession page = sessions(Duration.ofMinutes(1), budget).attach(ALICE, "page-0001");

    page.send("\"data\":\"" + "y".repeat(5_000) + "\"}");
    assertThat(page.isLost()).isFalse();
    page.acked(1);
    page.send(TAIL);

    assertThat(page.isLost()).isFalse();
    assertThat(budget.buffered()).isEqualTo(COST);
  }

  @Test
  void everyPathThatLetsFramesGoReleasesExactlyWhatTheyCounted() {
    BufferBudget budget = new BufferBudget(10_000, 1L << 40);
    PageSessions sessions =
        new PageSessions(Duration.ofMillis(200), 10, PageSessions.MAX_PENDING, budget);

    // Acknowledged, in two steps.
    PageSession acked = sessions.attach(ALICE, "page-0001");
    sendTimes(acked, 10);
    acked.acked(4);
    assertThat(budget.buffered()).isEqualTo(6 * COST);
    acked.acked(10);
    assertThat(budget.buffered()).isZero();

    // Dropped over its budget.
    PageSession dropped = sessions.attach(BOB, "page-0001");
    sendTimes(dropped, 100);
    assertThat(dropped.isLost()).isTrue();
    assertThat(budget.buffered()).isZero();

    // Connected: its frames also wait unwritten in a connection that never opens; the connection
    // closes, and the page stays away past the grace period.
    PageSession away = sessions.attach(CAROL, "page-0001");
    Connection c = connect(away, budget);
    sendTimes(away, 5);
    assertThat(c.outbound().queuedBytes()).as("five numbered frames, unwritten").isPositive();
    assertThat(budget.buffered()).isEqualTo(5 * COST + c.outbound().queuedBytes());
    close(sessions, c);
    assertThat(budget.buffered()).as("the closed connection's frames").isEqualTo(5 * COST);
    await().atMost(Duration.ofSeconds(5)).until(() -> away.isExpired(System.nanoTime()));
    // A page that arrives sweeps the expired session; its replacement starts empty.
    assertThat(sessions.attach(CAROL, "page-0001")).isNotSameAs(away);
    assertThat(budget.buffered()).as("after the expired session was swept").isZero();

    // Past the cap of sessions (another app's, with the same budget): forgotten when its
    // connection ends.
    PageSessions full =
        new PageSessions(Duration.ofMinutes(1), 1, PageSessions.MAX_PENDING, budget);
    full.attach(DAVE, "page-0001");
    PageSession unresumable = full.attach(DAVE, "page-0002");
    assertThat(unresumable.isResumable()).isFalse();
    Connection d = connect(unresumable, budget);
    sendTimes(unresumable, 3);
    assertThat(budget.buffered()).isEqualTo(3 * COST + d.outbound().queuedBytes());
    close(full, d);

    assertThat(budget.buffered()).as("nothing is held, so nothing is counted").isZero();
  }

  @Test
  void overTheServersBudgetThePageThatStoppedReadingGoesNotTheOneThatReads() {
    // No page reaches its own budget; together they pass the server's 10,000 bytes.
    BufferBudget budget = new BufferBudget(1L << 20, 10_000);
    PageSessions sessions = sessions(Duration.ofMinutes(1), budget);
    PageSession reader = sessions.attach(ALICE, "page-0001");
    PageSession stopped = sessions.attach(BOB, "page-0001");
    PageSession stoppedLater = sessions.attach(CAROL, "page-0001");

    for (int n = 1; n <= 200; n++) {
      sessions.forEach(page -> page.send(TAIL));
      // The reader acknowledges every 8th frame; the others have stopped, one of them from n = 20.
      if (n % 8 == 0) {
        reader.acked(n);
      }
      if (n <= 20) {
        stoppedLater.acked(n);
      }
      assertThat(budget.buffered())
          .as("bytes held after broadcast %d: at most the budget and one broadcast", n)
          .isLessThanOrEqualTo(10_000 + 3 * COST);
    }

    assertThat(reader.isLost()).isFalse();
    assertThat(reader.lastSent()).as("every broadcast reached the reader").isEqualTo(200);
    assertThat(List.of(stopped.isLost(), stoppedLater.isLost())).containsExactly(true, true);
    assertThat(sessions.dropped()).isEqualTo(2);
  }

  private static PageSessions sessions(Duration grace, BufferBudget budget) {
    return new PageSessions(grace, 100, PageSessions.MAX_PENDING, budget);
  }

  private static void sendTimes(PageSession page, int times) {
    for (int i = 0; i < times; i++) {
      page.send(TAIL);
    }
  }

  /** Connects {@code page} as Realtime.open does, to a socket that never writes. */
  private Connection connect(PageSession page, BufferBudget budget) {
    Outbound out = new Outbound(new OutboundTest.FakeSession(), "client " + page.id(), budget);
    CompletableFuture<Void> finished = new CompletableFuture<>();
    Connection c =
        new Connection(
            page.id(),
            null,
            "1",
            pool.newQueue("test"),
            out,
            new Acks(out, Acks.HOLD_NANOS, System::nanoTime, acks -> {}),
            new CompletableFuture<>(),
            page,
            finished);
    page.open(c, 0);
    return c;
  }

  /** Ends {@code c} as Realtime.closed does once its disconnect handlers have run. */
  private static void close(PageSessions sessions, Connection c) {
    c.session().detach(c);
    sessions.detached(c.session(), c.finished(), false);
    c.outbound().discard();
    c.finished().complete(null);
  }
}
