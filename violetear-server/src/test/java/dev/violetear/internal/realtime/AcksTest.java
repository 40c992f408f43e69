// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When a connection's acks go out: per batch, held while the page sends, flushed before close. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AcksTest {
  // Budgets no test here reaches.
  private static final BufferBudget UNLIMITED = new BufferBudget(1L << 40, 1L << 50);
  private static final long HOLD = TimeUnit.MILLISECONDS.toNanos(10);

  private final OutboundTest.FakeSession fake = new OutboundTest.FakeSession();
  private final Outbound out = new Outbound(fake.session(), "client a", UNLIMITED);
  // The test's clock: time passes only when the test says so.
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  // What the connection handed to the timer; the test plays the timer.
  private final List<Acks> held = new ArrayList<>();
  private final Acks acks = new Acks(out, HOLD, now::get, held::add);

  AcksTest() {
    fake.completesAtOnce = true;
    out.open("welcome");
  }

  @Test
  void aBatchAfterAQuietSpellIsAcknowledgedAtOnceWithItsLastSeq() {
    acks.processed(1);
    acks.processed(2);
    acks.processed(3);
    acks.afterBatch();

    assertThat(fake.written).containsExactly("welcome", ack(3));
    assertThat(held).isEmpty();
  }

  @Test
  void batchesWithinTheHoldTimeShareOneHeldAck() {
    acks.processed(1);
    acks.afterBatch();
    now.addAndGet(HOLD / 10);
    acks.processed(2);
    acks.afterBatch();
    now.addAndGet(HOLD / 10);
    acks.processed(3);
    acks.afterBatch();

    assertThat(fake.written).containsExactly("welcome", ack(1));
    assertThat(held).as("registered with the timer once").containsExactly(acks);

    acks.flush();
    acks.flush();
    assertThat(fake.written).containsExactly("welcome", ack(1), ack(3));
  }

  @Test
  void aBatchAfterTheHoldTimeSendsItsAckItselfAndTheTimerFindsNothingLeft() {
    acks.processed(1);
    acks.afterBatch();
    acks.processed(2);
    acks.afterBatch();
    now.addAndGet(HOLD);
    acks.processed(3);
    acks.afterBatch();

    acks.flush();
    assertThat(fake.written).containsExactly("welcome", ack(1), ack(3));
  }

  @Test
  void aFrameToThePageCarriesTheAckOfTheCallItAnswersAndNoSeparateAckFollows() {
    acks.started(1);
    acks.queueNumbered(1, "\"t\":\"invoke\"}");
    out.flush();
    acks.processed(1);
    acks.afterBatch();
    acks.flush();

    assertThat(fake.written).containsExactly("welcome", "{\"seq\":1,\"ack\":1,\"t\":\"invoke\"}");
    assertThat(held).isEmpty();
  }

  @Test
  void aFrameCarriesNoAckWhenNoFrameStartedSinceTheLastOne() {
    acks.processed(1);
    acks.afterBatch();
    acks.started(2);
    acks.queueNumbered(1, "\"t\":\"emit\"}");
    acks.queueNumbered(2, "\"t\":\"emit\"}");
    out.flush();

    assertThat(fake.written)
        .containsExactly(
            "welcome",
            ack(1),
            "{\"seq\":1,\"ack\":2,\"t\":\"emit\"}",
            "{\"seq\":2,\"t\":\"emit\"}");
  }

  @Test
  void aCallThatRunsOnAfterItsAnswerIsAcknowledgedOnceAndNoLower() {
    acks.started(1);
    acks.queueNumbered(1, "\"t\":\"invoke\"}");
    acks.processed(1);
    acks.started(2);
    acks.processed(2);
    acks.afterBatch();
    acks.flush();

    // The batch's ack is held (the answer's ack left just now) and the timer sends it.
    assertThat(fake.written)
        .containsExactly("welcome", "{\"seq\":1,\"ack\":1,\"t\":\"invoke\"}", ack(2));
  }

  @Test
  void aBatchWithoutNumberedFramesSendsNothing() {
    acks.afterBatch();
    acks.processed(4);
    acks.afterBatch();
    acks.afterBatch();
    acks.flush();

    assertThat(fake.written).containsExactly("welcome", ack(4));
  }

  @Test
  void aHeldAckIsWrittenBeforeTheServerClosesTheConnection() {
    acks.processed(1);
    acks.afterBatch();
    acks.processed(2);
    acks.afterBatch();
    assertThat(held).containsExactly(acks);

    connection().closeAfterFlush(1001, "the server is stopping");

    assertThat(fake.written).containsExactly("welcome", ack(1), ack(2));
    assertThat(fake.closes).containsExactly("1001 the server is stopping");
    // The timer comes too late: the socket is closed and nothing more is written.
    acks.processed(3);
    acks.flush();
    assertThat(fake.written).containsExactly("welcome", ack(1), ack(2));
  }

  @Test
  void aHeldAckWaitsBehindAWriteInFlightAndStillPrecedesTheClose() {
    fake.completesAtOnce = false;
    acks.processed(1);
    acks.afterBatch();
    acks.processed(2);
    acks.afterBatch();

    connection().closeAfterFlush(1012, "dropped");
    assertThat(fake.closes).isEmpty();
    fake.completeOne();
    fake.completeOne();

    assertThat(fake.written).containsExactly("welcome", ack(1), ack(2));
    assertThat(fake.closes).containsExactly("1012 dropped");
  }

  @Test
  void theTimerAndTheQueueRacingNeverSendAnAckTwiceOrOutOfOrder() throws InterruptedException {
    // Real time and a real timer: the queue's thread and the timer's thread both send.
    AckTimer timer = new AckTimer("test", HOLD / 10);
    Acks racing = new Acks(out, HOLD / 10, System::nanoTime, timer::hold);
    int frames = 20_000;
    CountDownLatch done = new CountDownLatch(1);
    Thread queue =
        new Thread(
            () -> {
              for (int seq = 1; seq <= frames; seq++) {
                racing.processed(seq);
                racing.afterBatch();
              }
              done.countDown();
            });
    try {
      queue.start();
      assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
      await().until(() -> last(fake.written).equals(ack(frames)));
    } finally {
      timer.shutdown();
    }

    List<String> sent;
    synchronized (fake.written) {
      sent = List.copyOf(fake.written);
    }
    long previous = 0;
    for (String frame : sent.subList(1, sent.size())) {
      long seq = Long.parseLong(frame.substring(frame.lastIndexOf(':') + 1, frame.length() - 1));
      assertThat(seq).as("acks only increase").isGreaterThan(previous);
      previous = seq;
    }
    assertThat(sent.size() - 1).as("fewer acks than frames").isLessThan(frames);
  }

  @Test
  void theTimerSendsEveryHeldAckAndShutdownSendsWhatIsLeft() {
    AckTimer timer = new AckTimer("test", HOLD);
    Acks timed = new Acks(out, Long.MAX_VALUE, now::get, timer::hold);
    timed.processed(1);
    timed.afterBatch();
    timed.processed(2);
    timed.afterBatch();
    await().until(() -> last(fake.written).equals(ack(2)));

    timed.processed(3);
    timed.afterBatch();
    timer.shutdown();
    assertThat(fake.written).containsExactly("welcome", ack(1), ack(2), ack(3));
  }

  private Connection connection() {
    return new Connection(null, null, "key", null, out, acks, null, null, null);
  }

  private static String last(List<String> written) {
    synchronized (written) {
      return written.get(written.size() - 1);
    }
  }

  private static String ack(long seq) {
    return "{\"t\":\"ack\",\"seq\":" + seq + "}";
  }
}
