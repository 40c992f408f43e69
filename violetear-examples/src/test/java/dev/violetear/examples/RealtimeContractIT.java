// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture.Session;
import dev.violetear.examples.Probe.Heard;
import dev.violetear.examples.Probe.Note;
import dev.violetear.testing.Faults;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The realtime contract from a user's view, with two browsers (two users, two {@code ClientId}s) on
 * the {@link Probe} page: who a server call or an event reaches, and who it does not.
 *
 * <p>Negative checks ("B does not get X") use a barrier: a later frame that the server sends to the
 * same page after X. Frames to one page arrive in the order the server made them, so once the
 * barrier is on the page, X would be there too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealtimeContractIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture(Probe::create);

  private Session ada;
  private Session bob;
  private ClientId adaId;
  private ClientId bobId;

  @BeforeEach
  void twoUsers() {
    ada = browser.newSession();
    bob = browser.newSession();
    adaId = online(ada);
    bobId = online(bob);
    assertThat(adaId).isNotEqualTo(bobId);
  }

  @AfterEach
  void leave() {
    try {
      ada.close();
    } finally {
      bob.close();
    }
  }

  @Test
  void invokeReachesOneClientOnly() {
    app().clients().to(adaId).invoke(Probe::mark, "for ada");
    app().clients().to(bobId).invoke(Probe::mark, "barrier");
    app().clients().to(adaId).invoke(Probe::mark, "barrier");

    awaitItem(ada, "#marks li", "barrier");
    awaitItem(bob, "#marks li", "barrier");
    assertThat(ada.texts("#marks li")).containsExactly("for ada", "barrier");
    assertThat(bob.texts("#marks li")).containsExactly("barrier");
  }

  @Test
  void broadcastReachesEveryClient() {
    app().clients().all().invoke(Probe::mark, "for all");
    app().clients().all().invoke(Probe::mark, "barrier");

    awaitItem(ada, "#marks li", "barrier");
    awaitItem(bob, "#marks li", "barrier");
    assertThat(ada.texts("#marks li")).containsExactly("for all", "barrier");
    assertThat(bob.texts("#marks li")).containsExactly("for all", "barrier");
  }

  @Test
  void groupCallReachesMembersOnlyAlsoAfterTheyReconnect() {
    String group = "g-" + adaId.value();
    app().clients().join(adaId, group);

    app().clients().group(group).invoke(Probe::mark, "g1");
    app().clients().to(bobId).invoke(Probe::mark, "barrier 1");
    awaitItem(ada, "#marks li", "g1");
    awaitItem(bob, "#marks li", "barrier 1");

    // The network fails: every socket closes (1012) and each page reconnects by itself, with a
    // new connection but the same ClientId, which keeps the group membership.
    Faults.dropConnections();
    awaitLifecycle(ada, "connect", "disconnect", "connect");
    awaitLifecycle(bob, "connect", "disconnect", "connect");
    assertThat(ada.clientId()).isEqualTo(adaId);

    app().clients().group(group).invoke(Probe::mark, "g2");
    app().clients().to(bobId).invoke(Probe::mark, "barrier 2");
    awaitItem(ada, "#marks li", "g2");
    awaitItem(bob, "#marks li", "barrier 2");
    assertThat(ada.texts("#marks li")).containsExactly("g1", "g2");
    assertThat(bob.texts("#marks li")).containsExactly("barrier 1", "barrier 2");

    app().clients().leave(adaId, group);
    app().clients().group(group).invoke(Probe::mark, "g3");
    app().clients().to(adaId).invoke(Probe::mark, "barrier 3");
    awaitItem(ada, "#marks li", "barrier 3");
    assertThat(ada.texts("#marks li")).containsExactly("g1", "g2", "barrier 3");
  }

  @Test
  void serverEventsReachTheClientsTheyAreSentTo() {
    app().clients().to(adaId).emit("note", new Note("to ada"));
    app().clients().all().emit("note", new Note("to all"));
    app().emit("note", new Note("to the server")); // server handlers only, no browser
    app().clients().to(adaId).emit("note", new Note("barrier"));
    app().clients().to(bobId).emit("note", new Note("barrier"));

    awaitItem(ada, "#notes li", "barrier");
    awaitItem(bob, "#notes li", "barrier");
    assertThat(ada.texts("#notes li")).containsExactly("to ada", "to all", "barrier");
    assertThat(bob.texts("#notes li")).containsExactly("to all", "barrier");
    // app.emit ran the server's handler, without a sender.
    awaitServer(() -> Probe.heard.contains(new Heard(null, new Note("to the server"))));
  }

  @Test
  void aBrowsersEmitRunsItsOwnHandlersAndTheServersWithItsId() {
    String text = "from ada " + adaId.value();
    ada.byId("note-text").sendKeys(text);
    ada.byId("send-note").click();

    // The server's @Server.On("note") ran with Ada's ClientId, which the framework filled in.
    awaitServer(() -> heardFrom(text).size() == 1);
    assertThat(heardFrom(text)).containsExactly(new Heard(adaId, new Note(text)));
    // Ada's own @Client.On("note") ran, once (the server does not echo it back); Bob's did not.
    app().clients().to(adaId).emit("note", new Note("barrier"));
    app().clients().to(bobId).emit("note", new Note("barrier"));
    awaitItem(ada, "#notes li", "barrier");
    awaitItem(bob, "#notes li", "barrier");
    assertThat(ada.texts("#notes li")).containsExactlyInAnyOrder(text, "barrier");
    assertThat(bob.texts("#notes li")).containsExactly("barrier");
  }

  private static App app() {
    return browser.app();
  }

  /** Opens the probe page, waits until its first `connect` handler ran, returns its id. */
  private static ClientId online(Session s) {
    s.open("/");
    awaitLifecycle(s, "connect");
    return s.clientId();
  }

  private static void awaitLifecycle(Session s, String... events) {
    s.waitUntil(d -> s.texts("#lifecycle li").size() >= events.length ? Boolean.TRUE : null);
    assertThat(s.texts("#lifecycle li")).containsExactly(events);
  }

  private static void awaitItem(Session s, String selector, String text) {
    s.waitUntil(d -> s.texts(selector).contains(text) ? Boolean.TRUE : null);
  }

  private static List<Heard> heardFrom(String text) {
    return Probe.heard.stream().filter(h -> h.note().text().equals(text)).toList();
  }

  private static void awaitServer(Supplier<Boolean> condition) {
    new FluentWait<>(Probe.heard)
        .withTimeout(BrowserFixture.TIMEOUT)
        .pollingEvery(Duration.ofMillis(20))
        .until(q -> condition.get() ? Boolean.TRUE : null);
  }
}
