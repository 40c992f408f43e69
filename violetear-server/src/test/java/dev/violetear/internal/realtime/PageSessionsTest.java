// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PageSessionsTest {
  // Budgets no test here reaches.
  private static final BufferBudget UNLIMITED = new BufferBudget(1L << 40, 1L << 50);
  private static final ClientId ALICE = ClientId.of("alice");
  private static final ClientId BOB = ClientId.of("bob");

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
