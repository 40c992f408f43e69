// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Where a socket's frames are read and run: read in place by the Jetty selector thread that saw
 * them arrive, which hands to another thread only work that may block, and handled on the app's
 * handler pool.
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
      // A socket's very first read may come from the thread that opened it; later ones do not.
      s.call(1, "Echo.say", "first").expect(heard("first"));
      Echo.handlerThread = null;
      String marker = "traced " + System.nanoTime();
      TestFaults.traceRead(marker);

      s.call(2, "Echo.say", marker).expect(heard(marker));

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

  private static com.fasterxml.jackson.databind.node.ObjectNode heard(String text) {
    return TestSocket.frame("t", "invoke", "fn", "Echo.heard", "args", List.of(text));
  }
}
