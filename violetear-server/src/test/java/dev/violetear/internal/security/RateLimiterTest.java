// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import static dev.violetear.internal.security.RateLimiter.Verdict.ACCEPT;
import static dev.violetear.internal.security.RateLimiter.Verdict.CLOSE;
import static dev.violetear.internal.security.RateLimiter.Verdict.CLOSING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.internal.security.RateLimiter.Verdict;
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
  void aBurstOfTheRateIsAcceptedThenTheFirstMessageOverItCloses() {
    assertThat(admit(8))
        .containsExactly(ACCEPT, ACCEPT, ACCEPT, ACCEPT, ACCEPT, CLOSE, CLOSING, CLOSING);
    assertThat(limiter.dropped()).isEqualTo(3);
  }

  @Test
  void tokensComeBackAtTheRate() {
    admit(5);
    now.addAndGet(200 * MS); // one token at 5 per second
    assertThat(admit(1)).containsExactly(ACCEPT);
    now.addAndGet(400 * MS);
    assertThat(admit(2)).containsExactly(ACCEPT, ACCEPT);
    assertThat(admit(1)).containsExactly(CLOSE);
  }

  @Test
  void aClientAtTheRateIsNeverClosed() {
    for (int i = 0; i < 100; i++) {
      now.addAndGet(200 * MS);
      assertThat(admit(1)).containsExactly(ACCEPT);
    }
    assertThat(limiter.dropped()).isZero();
  }

  @Test
  void theBurstNeverExceedsTheRate() {
    now.addAndGet(60_000 * MS);
    assertThat(admit(6)).containsExactly(ACCEPT, ACCEPT, ACCEPT, ACCEPT, ACCEPT, CLOSE);
  }

  @Test
  void onceClosingEveryLaterMessageIsDropped() {
    admit(6);
    now.addAndGet(60_000 * MS);
    assertThat(admit(2)).containsExactly(CLOSING, CLOSING);
    assertThat(limiter.dropped()).isEqualTo(3);
  }
}
