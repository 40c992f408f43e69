// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.get;
import static dev.violetear.app.TestApps.rpc;
import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two apps built from the same class run side by side in one JVM: each handler, view and guard
 * reaches the app it runs in, with that app's services and browsers, and nothing else.
 */
@Timeout(30)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoAppsTest {
  /** The state each app keeps for itself. */
  static final class Tally {
    final String label;
    final AtomicInteger total = new AtomicInteger();
    final AtomicInteger guarded = new AtomicInteger();

    Tally(String label) {
      this.label = label;
    }
  }

  static final class Shared {
    @Server.Rpc
    static int add(int n) {
      return App.current().service(Tally.class).total.addAndGet(n);
    }

    @Server.Realtime
    static void shout(String text) {
      App app = App.current();
      app.clients().all().emit("shout", app.service(Tally.class).label + ": " + text);
    }

    @Server.On("poke")
    static void poked(ClientId id) {
      App app = App.current();
      app.clients().to(id).invoke(Shared::heard, app.service(Tally.class).label);
    }

    @Client.On("shout")
    static void shouted(String text) {}

    @Client.Realtime
    static void heard(String app) {}

    static Document page() {
      Tally tally = App.current().service(Tally.class);
      return Document.titled(tally.label).body(Html.p().id("total").text("" + tally.total.get()));
    }
  }

  App red;
  App blue;

  @BeforeAll
  void startApps() {
    red = TestApps.start(a -> setUp(a, "red"));
    blue = TestApps.start(a -> setUp(a, "blue"));
  }

  private static void setUp(App app, String label) {
    app.register(Shared.class)
        .provide(Tally.class, new Tally(label))
        .guard(
            String.class,
            request -> {
              App.current().service(Tally.class).guarded.incrementAndGet();
              return null;
            })
        .view("/", Shared::page);
  }

  @AfterAll
  void stopApps() {
    for (App app : new App[] {red, blue}) {
      if (app != null) {
        app.stop();
      }
    }
  }

  @Test
  void eachRpcHandlerChangesItsOwnAppsStateOnly() {
    int redBefore = red.service(Tally.class).total.get();
    int blueBefore = blue.service(Tally.class).total.get();

    assertThat(rpc(red, "Shared.add", "{\"args\":[5]}").body())
        .isEqualTo("{\"result\":" + (redBefore + 5) + "}");
    assertThat(rpc(red, "Shared.add", "{\"args\":[2]}").body())
        .isEqualTo("{\"result\":" + (redBefore + 7) + "}");
    assertThat(rpc(blue, "Shared.add", "{\"args\":[100]}").body())
        .isEqualTo("{\"result\":" + (blueBefore + 100) + "}");

    assertThat(red.service(Tally.class).total).hasValue(redBefore + 7);
    assertThat(blue.service(Tally.class).total).hasValue(blueBefore + 100);
  }

  @Test
  void eachViewRendersItsOwnApp() {
    blue.service(Tally.class).total.set(42);
    assertThat(get(blue, "/").body()).contains("<title>blue</title>", "<p id=\"total\">42</p>");
    assertThat(get(red, "/").body()).contains("<title>red</title>").doesNotContain(">42<");
  }

  @Test
  void eachGuardRunsInItsOwnApp() {
    int before = blue.service(Tally.class).guarded.get();
    rpc(red, "Shared.add", "{\"args\":[0]}");
    assertThat(blue.service(Tally.class).guarded).hasValue(before);
    assertThat(red.service(Tally.class).guarded.get()).isPositive();
  }

  @Test
  void realtimeAndEventHandlersReachTheBrowsersOfTheirOwnAppOnly() {
    try (TestSocket onRed = TestSocket.welcomed(red, null).autoAck();
        TestSocket onBlue = TestSocket.welcomed(blue, null).autoAck()) {
      // What a handler sends goes out before the ack of the frame that ran it.
      onRed.call(1, "Shared.shout", "hi");
      onRed.expect(frame("t", "emit", "event", "shout", "data", "red: hi")).expectAck(1);

      onBlue.emit(1, "poke", null);
      onBlue
          .expect(frame("t", "invoke", "fn", "Shared.heard", "args", new String[] {"blue"}))
          .expectAck(1);
      onBlue.call(2, "Shared.shout", "yo");
      onBlue.expect(frame("t", "emit", "event", "shout", "data", "blue: yo")).expectAck(2);

      // The red socket saw nothing of blue's: its next frame is a probe of its own.
      red.clients().to(onRed.clientId()).emit("shout", "probe");
      onRed.expect(frame("t", "emit", "event", "shout", "data", "probe"));
    }
  }

  @Test
  void currentOutsideAHandlerSaysWhereItWorks() {
    assertThatThrownBy(App::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("App.current() works only while the app runs one of its handlers");
  }

  @Test
  void aMissingServiceIsNamedWithTheFix() {
    assertThatThrownBy(() -> red.service(StringBuilder.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "App[Test] has no service java.lang.StringBuilder: provide it with"
                + " app.provide(StringBuilder.class, ...) before start()");
  }
}
