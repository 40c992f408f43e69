// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NewPageLimitTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final NewPageLimit limit = new NewPageLimit(3, now::get);

  @Test
  void anAddressGetsAMinutesWorthAtOnceThenOnePerItsShareOfTheMinute() {
    for (int i = 0; i < 3; i++) {
      assertThat(limit.refusal("203.0.113.7")).isNull();
    }
    assertThat(limit.refusal("203.0.113.7"))
        .isEqualTo(
            "address 203.0.113.7 opened more than 3 new pages a minute"
                + " (Limits.newPagesPerAddress); its pages may resume, new ones are refused until"
                + " the rate drops. If the address is a proxy in front of the app, name it in"
                + " Limits.trustedProxies");
    assertThat(limit.refusal("198.51.100.1")).as("another address").isNull();

    now.addAndGet(TimeUnit.SECONDS.toNanos(19));
    assertThat(limit.refusal("203.0.113.7")).as("a third of a minute is one page").isNotNull();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(limit.refusal("203.0.113.7")).isNull();
    assertThat(limit.refusal("203.0.113.7")).isNotNull();

    now.addAndGet(TimeUnit.MINUTES.toNanos(10));
    for (int i = 0; i < 3; i++) {
      assertThat(limit.refusal("203.0.113.7")).as("full again, never more").isNull();
    }
    assertThat(limit.refusal("203.0.113.7")).isNotNull();
  }
}
