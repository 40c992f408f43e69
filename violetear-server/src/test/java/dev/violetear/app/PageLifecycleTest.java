// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.Server;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A page's lifecycle on the server: {@code page_open} once per page, {@code connect} and {@code
 * disconnect} per socket, {@code page_close} once the page is gone (it left, or stayed away past
 * the grace period), each with the page's {@link PageId}; and sends to one page.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PageLifecycleTest {
  static final class Tabs {
    static final Seen seen = new Seen();

    @Server.On("page_open")
    static void opened(ClientId id, PageId page) {
      seen.add("life", "page_open " + page.value() + (page.clientId().equals(id) ? "" : " ?"));
    }

    @Server.On("connect")
    static void connected(PageId page) {
      seen.add("life", "connect " + page.value());
    }

    @Server.On("disconnect")
    static void disconnected(PageId page, ClientId id) {
      seen.add("life", "disconnect " + page.value());
    }

    @Server.On("page_close")
    static void closed(PageId page) {
      seen.add("life", "page_close " + page.value());
    }

    @Server.Realtime
    static void whoAmI() {
      PageId me = PageId.caller();
      App.current().clients().page(me).invoke(Tabs::tab, me.value());
    }

    @Server.On("note")
    static void note(PageId page, String text) {
      seen.add("note", page.value() + " " + text);
    }

    @Client.Realtime
    static void tab(String value) {}

    @Client.On("barrier")
    static void barrier(String text) {}
  }

  private App app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    Tabs.seen.clear();
  }

  @Test
  void aBlipKeepsThePageOpenAndLeavingClosesItOnceAfterItsDisconnect() {
    app = TestApps.start(a -> a.register(Tabs.class));
    String cookie = TestApps.issueCookie(app);
    TestSocket first = TestSocket.welcomed(app, cookie, "tab-one-session");
    String page = awaitPageOpened();

    first.close(); // a network blip: no close frame
    await().until(() -> life().contains("disconnect " + page));
    TestSocket back = TestSocket.open(app, cookie, "tab-one-session", 0);
    JsonNode welcome = back.next();
    assertThat(welcome.get("resumed").asBoolean()).as(welcome.toString()).isTrue();
    await().until(() -> life().size() == 4);
    assertThat(life())
        .containsExactly(
            "page_open " + page, "connect " + page, "disconnect " + page, "connect " + page);

    back.leave();

    await().until(() -> life().size() == 6);
    assertThat(life().subList(4, 6)).containsExactly("disconnect " + page, "page_close " + page);
    assertThat(app.stats().pageSessions()).isZero();
  }

  @Test
  void aPageAwayLongerThanTheGraceIsClosedAndComesBackAsANewPage() {
    app = TestApps.start(c -> c.resumeGrace(Duration.ofMillis(200)), a -> a.register(Tabs.class));
    String cookie = TestApps.issueCookie(app);
    TestSocket first = TestSocket.welcomed(app, cookie, "tab-one-session");
    String page = awaitPageOpened();

    first.close();

    // No socket of the page comes back: the server's own timer ends the page.
    await().until(() -> life().contains("page_close " + page));
    assertThat(life())
        .containsExactly(
            "page_open " + page, "connect " + page, "disconnect " + page, "page_close " + page);
    TestSocket back = TestSocket.open(app, cookie, "tab-one-session", 0);
    assertThat(back.next().get("resumed").asBoolean()).isFalse();
    await().until(() -> life().size() == 6);
    String again = life().get(4).substring("page_open ".length());
    assertThat(again).isNotEqualTo(page);
    assertThat(life().get(5)).isEqualTo("connect " + again);
  }

  @Test
  void framesAPageLeftWithoutAcknowledgingAreNotLoggedAsLostButThoseOfAPageAwayTooLongAre() {
    app = TestApps.start(c -> c.resumeGrace(Duration.ofMillis(200)), a -> a.register(Tabs.class));
    String cookie = TestApps.issueCookie(app);
    TestSocket leaving = TestSocket.welcomed(app, cookie, "tab-leaving-session");
    String left = awaitPageOpened();
    leaving.call(1, "Tabs.whoAmI");
    assertThat(leaving.next().get("fn").asText()).isEqualTo("Tabs.tab"); // never acknowledged

    leaving.leave();
    await().until(() -> life().contains("page_close " + left));
    assertThat(TestApps.serverLog()).doesNotContain("not delivered");

    TestSocket away = TestSocket.welcomed(app, cookie, "tab-away-session");
    away.call(1, "Tabs.whoAmI");
    assertThat(away.next().get("fn").asText()).isEqualTo("Tabs.tab");
    away.close(); // no close frame, and no socket comes back within the grace
    await().until(() -> life().stream().filter(l -> l.startsWith("page_close ")).count() == 2);
    await().until(() -> TestApps.serverLog().contains("not delivered"));
    assertThat(TestApps.serverLog())
        .containsOnlyOnce(
            "is gone (it was dropped or stayed away past the grace period): 1 frames for it were"
                + " not delivered");
  }

  @Test
  void twoTabsAreTwoPagesOfOneClientAndASendToOnePageReachesOnlyIt() {
    app = TestApps.start(a -> a.register(Tabs.class));
    String cookie = TestApps.issueCookie(app);
    TestSocket one = TestSocket.welcomed(app, cookie, "tab-one-session");
    TestSocket two = TestSocket.welcomed(app, cookie, "tab-two-session");
    await().until(() -> life().size() == 4);
    List<String> opened =
        life().stream().filter(l -> l.startsWith("page_open ")).map(l -> l.substring(10)).toList();
    assertThat(opened).hasSize(2).doesNotHaveDuplicates();

    one.call(1, "Tabs.whoAmI");
    one.emit(2, "note", "from one");

    JsonNode reply = one.next();
    assertThat(reply.get("fn").asText()).isEqualTo("Tabs.tab");
    String pageOfOne = reply.get("args").get(0).asText();
    assertThat(opened).contains(pageOfOne);
    await().until(() -> Tabs.seen.of("note").size() == 1);
    assertThat(Tabs.seen.of("note")).containsExactly(pageOfOne + " from one");
    // The other tab's next frame is this barrier, not the reply meant for the first tab.
    app.clients().to(ClientId.of(TestApps.idOf(cookie))).emit("barrier", "both");
    two.expect(frame("t", "emit", "event", "barrier", "data", "both"));
  }

  @Test
  void aPageGoneIsNoLongerReachableAndCallerOutsideAPageSaysWhy() {
    app = TestApps.start(a -> a.register(Tabs.class));
    String cookie = TestApps.issueCookie(app);
    TestSocket one = TestSocket.welcomed(app, cookie, "tab-one-session");
    String page = awaitPageOpened();
    PageId id = PageId.of(ClientId.of(TestApps.idOf(cookie)), page);

    one.leave();
    await().until(() -> life().contains("page_close " + page));

    app.clients().page(id).emit("barrier", "to nobody"); // dropped, no error
    assertThat(app.stats().pendingFrames()).isZero();
    assertThatThrownBy(PageId::caller)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("PageId.caller() works only while the server handles a page's");
  }

  private static String awaitPageOpened() {
    await().until(() -> life().size() >= 2);
    String open = life().get(0);
    assertThat(open).startsWith("page_open ").doesNotEndWith("?");
    String page = open.substring("page_open ".length());
    assertThat(life().get(1)).isEqualTo("connect " + page);
    return page;
  }

  private static List<String> life() {
    return Tabs.seen.of("life");
  }
}
