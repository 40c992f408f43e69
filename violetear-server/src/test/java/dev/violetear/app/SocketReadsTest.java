// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Where a socket's frames are read and run: read in place by the Jetty selector thread that saw
 * them arrive, which hands to another thread only work that may block, and handled on the app's
 * handler pool, or, for a {@code @Server.NonBlocking} method whose client has nothing queued, on
 * the reading thread itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketReadsTest {
  private static final String SELECTOR_RUNS_IN_PLACE =
      "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy.pcRunTask";

  static final class Echo {
    static volatile String handlerThread;

    @Server.Realtime
    static void say(String text) {
      handlerThread = Thread.currentThread().getName();
      App.current().clients().to(ClientId.caller()).invoke(Echo::heard, text);
    }

    @Server.Realtime
    @Server.NonBlocking
    static void quick(String text) {
      handlerThread = Thread.currentThread().getName();
      seen.add(ClientId.caller(), "quick " + text);
      App.current().clients().to(ClientId.caller()).invoke(Echo::heard, text);
    }

    @Server.Realtime
    @Server.NonBlocking
    static void dawdle(String text) {
      handlerThread = Thread.currentThread().getName();
      // Holds the reading thread 30 ms, as a method that waited would.
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      App.current().clients().to(ClientId.caller()).invoke(Echo::heard, text);
    }

    @Server.Realtime
    static void slow() {
      seen.add(ClientId.caller(), "slow started");
      try {
        gate.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.add(ClientId.caller(), "slow done");
    }

    static final Seen seen = new Seen();
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @Client.Realtime
    static void heard(String text) {}
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Echo.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void aFrameIsReadInPlaceOnTheSelectorThreadAndItsHandlerRunsOnTheHandlerPool() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      callTraced(s, "Echo.say");

      StackTraceElement[] stack = TestFaults.tracedRead();
      assertThat(stack).as("the stack of the thread that read the traced call").isNotNull();
      List<String> methods =
          Arrays.stream(stack).map(e -> e.getClassName() + "." + e.getMethodName()).toList();
      // Jetty's selector runs a read registered as non-blocking itself ("produce-consume"); a read
      // that may block it hands to another thread, and then this frame is absent.
      assertThat(methods).contains(SELECTOR_RUNS_IN_PLACE);
      assertThat(Echo.handlerThread).isNotNull().startsWith("violetear-").contains("-handler-");
    }
  }

  @Test
  void aNonBlockingMethodRunsOnTheThreadThatReadItsCall() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      assertThat(callUntilInPlace(s, "Echo.quick", 1)).as("calls that ran in place").isEqualTo(1);
    }
  }

  @Test
  void aNonBlockingCallWaitsBehindItsClientsQueuedWorkAndThenRunsOnTheHandlerPool() {
    Echo.gate = new CountDownLatch(1);
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.call(1, "Echo.slow");
      await().until(() -> Echo.seen.of(s.id()).contains("slow started"));
      s.call(2, "Echo.quick", "after slow");
      // Read, but queued behind the slow call: its answer and its run wait for it.
      s.send("{\"t\":\"ping\"}").expect(TestSocket.frame("t", "pong"));
      s.expectNothingArrived();
      assertThat(Echo.seen.of(s.id())).containsExactly("slow started");

      Echo.gate.countDown();

      s.expect(heard("after slow"));
      assertThat(Echo.seen.of(s.id()))
          .containsExactly("slow started", "slow done", "quick after slow");
      assertThat(Echo.handlerThread).startsWith("violetear-").contains("-handler-");
    } finally {
      Echo.gate.countDown();
    }
  }

  @Test
  void aNonBlockingMethodThatHoldsTheReadingThreadLongIsLoggedOnce() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      assertThat(callUntilInPlace(s, "Echo.dawdle", 2)).as("calls that ran in place").isEqualTo(2);

      String warning =
          " ms on the web server's thread that reads sockets, and no other socket it reads was"
              + " read meanwhile. A @Server.NonBlocking method must not wait: remove the"
              + " annotation, or move what waits to another thread.";
      assertThat(CapturedLog.ofTest())
          .containsPattern("WARN .*Echo\\.dawdle took \\d+" + Pattern.quote(warning));
      // The second time at debug level only, so that a frequent call does not flood the log.
      assertThat(
              CapturedLog.ofTest()
                  .lines()
                  .filter(l -> l.contains(" WARN ") && l.contains("Echo.dawdle took")))
          .hasSize(1);
    }
  }

  /**
   * Calls {@code fn}, tracing the thread that reads each call, until {@code wanted} calls ran on it
   * (50 calls at most); returns how many did. Only a call that finds its client's queue idle runs
   * in place, and a call sent as soon as the previous one's answer arrives may find that call's run
   * still finishing on the pool.
   */
  private static int callUntilInPlace(TestSocket s, String fn, int wanted) {
    int inPlace = 0;
    for (int seq = 1; seq <= 50 && inPlace < wanted; seq++) {
      String marker = "traced " + seq;
      TestFaults.traceRead(marker);
      s.call(seq, fn, marker).expect(heard(marker));
      if (Echo.handlerThread.equals(TestFaults.tracedReader())) {
        inPlace++;
      }
    }
    return inPlace;
  }

  /**
   * Calls {@code fn} twice, tracing the thread that reads the second call: a socket's very first
   * read may come from the thread that opened it, later ones do not.
   */
  private static void callTraced(TestSocket s, String fn) {
    s.call(1, fn, "first").expect(heard("first"));
    Echo.handlerThread = null;
    String marker = "traced " + System.nanoTime();
    TestFaults.traceRead(marker);
    s.call(2, fn, marker).expect(heard(marker));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode heard(String text) {
    return TestSocket.frame("t", "invoke", "fn", "Echo.heard", "args", List.of(text));
  }
}
