// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SocketLimitsCountTest {
  private static final ClientId ADA = ClientId.of("ada-0000000000000000000000");
  private static final ClientId BOB = ClientId.of("bob-0000000000000000000000");

  @Test
  void socketsOpeningAtOnceNeverPassTheLimit() throws Exception {
    SocketLimits limits = new SocketLimits(3, 1_000);
    int racers = 32;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return limits.open(ADA, "127.0.0.2");
                }));
      }
      start.countDown();
      int counted = 0;
      for (Future<String> outcome : outcomes) {
        if (outcome.get() == null) {
          counted++;
        } else {
          assertThat(outcome.get()).contains("Limits.socketsPerClient: 3");
        }
      }
      assertThat(counted).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSocketRefusedForItsAddressDoesNotCountForItsClient() {
    SocketLimits limits = new SocketLimits(2, 1);
    assertThat(limits.open(ADA, "10.0.0.1")).isNull();
    assertThat(limits.open(ADA, "10.0.0.1")).contains("Limits.socketsPerAddress: 1");
    // Had the refused one counted for ADA, this would be over socketsPerClient.
    assertThat(limits.open(ADA, "10.0.0.2")).isNull();
    assertThat(limits.open(ADA, "10.0.0.3")).contains("Limits.socketsPerClient: 2");
    assertThat(limits.full(BOB, "10.0.0.1")).contains("socketsPerAddress");
    limits.closed(ADA, "10.0.0.1");
    assertThat(limits.full(BOB, "10.0.0.1")).isNull();
    assertThat(limits.full(ADA, "10.0.0.4")).isNull();
  }
}
