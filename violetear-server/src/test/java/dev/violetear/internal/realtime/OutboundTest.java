// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundTest {
  // Budgets no test here reaches.
  private static final BufferBudget UNLIMITED = new BufferBudget(1L << 40, 1L << 50);

  /** A socket that records writes and closes; writes complete when the test says so. */
  static final class FakeSession implements Outbound.Wire {
    // Synchronized: some tests write from more than one thread.
    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    final List<Callback> pending = Collections.synchronizedList(new ArrayList<>());
    final List<String> closes = Collections.synchronizedList(new ArrayList<>());
    volatile boolean completesAtOnce;

    @Override
    public void sendText(String text, Callback callback) {
      written.add(text);
      if (completesAtOnce) {
        callback.succeeded();
      } else {
        pending.add(callback);
      }
    }

    @Override
    public void close(int code, String reason) {
      closes.add(code + " " + reason);
    }

    Outbound.Wire session() {
      return this;
    }

    /** Completes the oldest pending write. */
    void completeOne() {
      pending.remove(0).succeeded();
    }
  }

  @Test
  void framesWaitForTheWelcomeWhichGoesFirst() {
    FakeSession fake = new FakeSession();
    Outbound out = new Outbound(fake.session(), "client a", UNLIMITED);

    out.send("a");
    out.send("b");
    assertThat(fake.written).isEmpty();

    out.open("welcome");
    assertThat(fake.written).containsExactly("welcome");
    fake.completeOne();
    fake.completeOne();
    fake.completeOne();

    assertThat(fake.written).containsExactly("welcome", "a", "b");
  }

  @Test
  void onlyOneWriteIsInFlightAtATime() {
    FakeSession fake = new FakeSession();
    Outbound out = new Outbound(fake.session(), "client a", UNLIMITED);
    out.open("welcome");

    out.send("a");
    out.send("b");

    assertThat(fake.written).containsExactly("welcome");
    assertThat(fake.pending).hasSize(1);
    fake.completeOne();
    assertThat(fake.written).containsExactly("welcome", "a");
  }

  @Test
  void writesThatCompleteAtOnceDoNotRecurse() {
    FakeSession fake = new FakeSession();
    fake.completesAtOnce = true;
    Outbound out = new Outbound(fake.session(), "client a", UNLIMITED);
    out.open("welcome");

    for (int i = 0; i < 100_000; i++) {
      out.send("f" + i);
    }

    assertThat(fake.written).hasSize(100_001).endsWith("f99999");
  }

  @Test
  void aClientThatDoesNotReadIsClosedWith1013() {
    FakeSession fake = new FakeSession();
    Outbound out = new Outbound(fake.session(), "client a", UNLIMITED);
    out.open("welcome");
    for (int i = 0; i < Outbound.MAX_FRAMES; i++) {
      out.send("f" + i);
    }
    assertThat(fake.closes).isEmpty();

    out.send("one too many");

    assertThat(fake.closes).containsExactly("1013 too many frames wait for this client");
    fake.completeOne();
    out.send("after");
    assertThat(fake.written).containsExactly("welcome");
  }

  @Test
  void aClientThatLeavesTwiceItsPageBudgetUnwrittenIsClosedWith1013() {
    // Room for 2,000 bytes unwritten: 13 frames of 100 characters, 148 bytes each.
    BufferBudget budget = new BufferBudget(1_000, 1L << 40);
    FakeSession fake = new FakeSession();
    Outbound out = new Outbound(fake.session(), "client a", budget);
    String frame = "f".repeat(100);
    for (int i = 0; i < 13; i++) {
      out.send(frame);
    }
    assertThat(out.queuedBytes()).isEqualTo(13 * 148);
    assertThat(budget.buffered()).isEqualTo(13 * 148);
    assertThat(fake.closes).isEmpty();

    out.send(frame);

    assertThat(fake.closes).containsExactly("1013 too many frames wait for this client");
    assertThat(budget.buffered()).as("the dropped queue's bytes").isZero();
  }

  @Test
  void writtenAndDiscardedFramesReleaseTheirBytes() {
    BufferBudget budget = new BufferBudget(1L << 20, 1L << 40);
    FakeSession fake = new FakeSession();
    Outbound out = new Outbound(fake.session(), "client a", budget);
    out.send("a");
    out.open("welcome");
    out.send("b");
    out.send("c");
    assertThat(budget.buffered()).as("a, b and c wait behind the welcome's write").isPositive();

    fake.completeOne();
    fake.completeOne();
    assertThat(out.queuedBytes()).as("c, after the writes of a and b").isEqualTo(1 + 48);
    out.discard();

    assertThat(budget.buffered()).isZero();
  }

  @Test
  void closeAfterFlushClosesOnceTheQueuedFramesAreWritten() {
    FakeSession fake = new FakeSession();
    Outbound out = new Outbound(fake.session(), "client a", UNLIMITED);
    out.open("welcome");
    out.send("a");

    out.closeAfterFlush(1001, "the server is stopping");
    out.send("too late");
    assertThat(fake.closes).isEmpty();
    fake.completeOne();
    fake.completeOne();
    fake.completeOne();

    assertThat(fake.written).containsExactly("welcome", "a", "too late");
    assertThat(fake.closes).containsExactly("1001 the server is stopping");
  }

  @Test
  void aFailedWriteDropsTheRest() {
    FakeSession fake = new FakeSession();
    Outbound out = new Outbound(fake.session(), "client a", UNLIMITED);
    out.open("welcome");
    out.send("a");

    fake.pending.remove(0).failed(new java.io.IOException("reset"));
    out.send("b");

    assertThat(fake.written).containsExactly("welcome");
  }
}
