// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import dev.violetear.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Shared states on the wire: a value with every welcome, and each change to every page, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedStateTest {
  static final class Board {
    static final State<Integer> score = State.shared(0);
    static final State<String> title = State.shared("first");

    @Client.On("connect")
    static void connected() {}
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Board.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void theWelcomesReplayHoldsTheCurrentValueOfEveryState() {
    Board.title.set("now");

    try (TestSocket page = TestSocket.open(app, null, "shared-welcome")) {
      JsonNode welcome = page.next();
      JsonNode score = page.next();
      JsonNode title = page.next();

      assertThat(welcome.path("t").asText()).isEqualTo("welcome");
      assertThat(score.path("fn").asText()).isEqualTo("@Board.score");
      // next() checked that they are numbered 1 and 2, and took the seqs off.
      assertThat(title.toString())
          .isEqualTo("{\"t\":\"invoke\",\"fn\":\"@Board.title\",\"args\":[\"now\"]}");
      assertThat(welcome.path("replay").asLong())
          .as("the page runs its connect handlers after both")
          .isEqualTo(2);
    }
  }

  @Test
  void concurrentChangesReachEveryPageInOrderAndEndEqual() throws Exception {
    int start = Board.score.get();
    List<TestSocket> pages = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 3; i++) {
        TestSocket page = TestSocket.welcomed(app, null).autoAck();
        page.next(); // the snapshot of score
        page.next(); // and of title
        pages.add(page);
      }
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        done.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    Board.score.update(n -> n + 1);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }

      assertThat(Board.score.get()).isEqualTo(start + 400);
      for (TestSocket page : pages) {
        int last = start;
        for (int i = 0; i < 400; i++) {
          JsonNode frame = page.next();
          assertThat(frame.path("fn").asText()).isEqualTo("@Board.score");
          int value = frame.path("args").get(0).asInt();
          assertThat(value).as("each page sees the changes in order").isEqualTo(last + 1);
          last = value;
        }
        assertThat(last).isEqualTo(start + 400);
      }
    } finally {
      writers.shutdownNow();
      pages.forEach(TestSocket::close);
    }
  }

  @Test
  void anUnchangedValueSendsNothing() {
    try (TestSocket page = TestSocket.welcomed(app, null)) {
      page.next();
      page.next();
      Board.title.set(Board.title.get());
      Board.title.set("changed " + System.nanoTime());

      assertThat(page.next().path("args").get(0).asText()).startsWith("changed ");
    }
  }
}
