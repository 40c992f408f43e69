// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.VioletearException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The app's own events: start, stop and {@code app.emit}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealtimeLifecycleTest {
  static final class Ticker {
    static final Seen seen = new Seen();
    static volatile CountDownLatch firstTickGate = new CountDownLatch(0);

    @Server.On("start")
    static void started() {
      seen.add("life", "start, listening on " + App.current().port());
    }

    @Server.On("stop")
    static void stopping() {
      seen.add("life", "stop");
      App.current().clients().all().emit("bye", "see you");
    }

    @Server.On("disconnect")
    static void gone() {
      seen.add("life", "disconnect");
    }

    @Server.On("tick")
    static void tick(ClientId id, int n) {
      seen.add("tick", (id == null ? "no client" : id.value()) + " " + n);
      if (n == 1) {
        try {
          firstTickGate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** The browser side; apart from Ticker, whose static state must stay on the server. */
  static final class Farewell {
    @Client.On("bye")
    static void bye(String text) {}
  }

  static final class Broken {
    @Server.On("start")
    static void start() {
      throw new IllegalStateException("no database");
    }
  }

  private static App create(Class<?>... fixtures) {
    return App.create("Life", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE)).register(fixtures);
  }

  @Test
  void startHandlersRunOnceTheServerListensAndStopHandlersWhileClientsAreConnected() {
    App app = create(Ticker.class, Farewell.class);
    app.start(0);
    try {
      String started = "start, listening on " + app.port();
      assertThat(Ticker.seen.of("life")).containsExactly(started);
      TestSocket s = TestSocket.welcomed(app, null);

      app.stop();

      s.expect(frame("t", "emit", "event", "bye", "data", "see you"));
      assertThat(s.closeStatus()).isEqualTo(1001);
      assertThat(Ticker.seen.of("life")).containsExactly(started, "stop", "disconnect");
    } finally {
      app.stop();
    }
  }

  @Test
  void appEmitRunsServerHandlersInOrderWithoutAClientAndReturnsAtOnce() {
    App app = create(Ticker.class, Farewell.class);
    Ticker.firstTickGate = new CountDownLatch(1);
    app.start(0);
    try {
      for (int i = 1; i <= 100; i++) {
        app.emit("tick", i);
      }
      // The first handler still waits, so every emit above returned without waiting for it.
      await().until(() -> Ticker.seen.of("tick").size() == 1);

      Ticker.firstTickGate.countDown();

      await().until(() -> Ticker.seen.of("tick").size() == 100);
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        expected.add("no client " + i);
      }
      assertThat(Ticker.seen.of("tick")).containsExactlyElementsOf(expected);
      assertThatThrownBy(() -> app.emit("tick", "one"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "The data of event 'tick' must be int, the type its handlers declare, but got"
                  + " String");
    } finally {
      Ticker.firstTickGate.countDown();
      app.stop();
    }
  }

  @Test
  void aFailingStartHandlerFailsTheStartAndLeavesNothingRunning() {
    App app = create(Broken.class);

    assertThatThrownBy(() -> app.start(0))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "@Server.On(\"start\") handler Broken.start failed:"
                + " java.lang.IllegalStateException: no database")
        .cause()
        .hasMessage("no database");
    assertThatThrownBy(app::port)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not started: call start() first");
  }
}
