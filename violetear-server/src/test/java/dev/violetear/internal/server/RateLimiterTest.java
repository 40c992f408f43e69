// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import static dev.violetear.internal.server.RateLimiter.Verdict.ACCEPT;
import static dev.violetear.internal.server.RateLimiter.Verdict.CLOSE;
import static dev.violetear.internal.server.RateLimiter.Verdict.CLOSING;
import static dev.violetear.internal.server.RateLimiter.Verdict.DROP;
import static dev.violetear.internal.server.RateLimiter.Verdict.FIRST_DROP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.internal.server.RateLimiter.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket of one socket, on a clock the test moves. */
class RateLimiterTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(123_456_789L);
  private final RateLimiter limiter = new RateLimiter(5, now::get);

  private List<Verdict> admit(int messages) {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      verdicts.add(limiter.admit());
    }
    return verdicts;
  }

  @Test
  void aBurstOfTheRateIsAcceptedThenTheClientIsToldOnce() {
    assertThat(admit(8))
        .containsExactly(ACCEPT, ACCEPT, ACCEPT, ACCEPT, ACCEPT, FIRST_DROP, DROP, DROP);
    assertThat(limiter.dropped()).isEqualTo(3);
    assertThat(limiter.isClosing()).isFalse();
  }

  @Test
  void tokensComeBackAtTheRate() {
    admit(6);
    now.addAndGet(199 * MS);
    assertThat(admit(1)).containsExactly(DROP);
    now.addAndGet(1 * MS); // 200 ms after the burst: one token at 5 per second
    assertThat(admit(2)).containsExactly(ACCEPT, DROP);
    now.addAndGet(400 * MS);
    assertThat(admit(3)).containsExactly(ACCEPT, ACCEPT, DROP);
  }

  @Test
  void aClientAtTheLimitIsToldOnceUntilItRegainsItsWholeBurst() {
    admit(6);
    // Sending at the rate, and a little more, the bucket never fills: no second error.
    for (int i = 0; i < 10; i++) {
      now.addAndGet(200 * MS);
      assertThat(admit(2)).containsExactly(ACCEPT, DROP);
    }
    // Quiet for a second: the burst is back, and the next overflow is a new one.
    now.addAndGet(1_000 * MS);
    assertThat(admit(6)).containsExactly(ACCEPT, ACCEPT, ACCEPT, ACCEPT, ACCEPT, FIRST_DROP);
  }

  @Test
  void theBurstNeverExceedsTheRate() {
    now.addAndGet(60_000 * MS);
    assertThat(admit(6)).containsExactly(ACCEPT, ACCEPT, ACCEPT, ACCEPT, ACCEPT, FIRST_DROP);
  }

  @Test
  void moreThanTenTimesTheRateWithinOneSecondCloses() {
    List<Verdict> verdicts = admit(50); // ten times the rate: still only dropped
    assertThat(verdicts).doesNotContain(CLOSE, CLOSING);
    now.addAndGet(999 * MS);
    // 999 ms later, still within the same second, 4.995 tokens are back: four messages go through,
    // and the first one over the budget closes.
    assertThat(admit(6)).containsExactly(ACCEPT, ACCEPT, ACCEPT, ACCEPT, CLOSE, CLOSING);
    assertThat(limiter.isClosing()).isTrue();
    now.addAndGet(60_000 * MS);
    assertThat(admit(2)).containsExactly(CLOSING, CLOSING);
    assertThat(limiter.dropped()).isEqualTo(45 + 2 + 2);
  }

  @Test
  void tenTimesTheRateSpreadOverTwoSecondsOnlyDrops() {
    admit(40);
    now.addAndGet(1_000 * MS);
    List<Verdict> verdicts = admit(40);
    assertThat(verdicts).doesNotContain(CLOSE, CLOSING);
    assertThat(verdicts.stream().filter(v -> v == ACCEPT).count()).isEqualTo(5);
    assertThat(limiter.isClosing()).isFalse();
  }
}
