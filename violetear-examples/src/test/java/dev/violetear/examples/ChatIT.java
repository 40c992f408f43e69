// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static dev.violetear.examples.ChatPage.awaitEntered;
import static dev.violetear.examples.ChatPage.awaitLine;
import static dev.violetear.examples.ChatPage.enter;
import static dev.violetear.examples.ChatPage.linesAbout;
import static dev.violetear.examples.ChatPage.say;
import static dev.violetear.examples.ChatPage.toast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.examples.BrowserFixture.Session;
import dev.violetear.testing.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/**
 * Two users in the chat, each in a browser of their own (own cookie, so own {@code ClientId}): they
 * see each other come and go, read each other's messages, and each gets a welcome toast of their
 * own.
 *
 * <p>Negative checks ("B does not get X") use a barrier: a later frame that the server sends to the
 * same page after X. Frames to one page arrive in the order the server made them, so once the
 * barrier is on the page, X would be there too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatIT {
  /**
   * A page that vanishes without a word (its browser killed) is gone once it has been away this
   * long; shorter than the default, so that the test sees it within its timeout.
   */
  private static final Duration GRACE = Duration.ofSeconds(8);

  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () -> Showcase.create(Path.of(".violetear", "cache"), c -> c.resumeGrace(GRACE)));

  @Test
  void twoUsersSeeEachOtherJoinAndReadEachOthersMessages() {
    try (Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      String a = enter(ada);
      String b = enter(bob);
      assertThat(a).isNotEqualTo(b);

      // Ada sees Bob join; Bob's welcome toast is his alone: Ada keeps hers.
      awaitLine(ada, "joined", b + " joined");
      assertThat(toast(bob)).isEqualTo("Welcome, " + b + "!");

      say(ada, "hello from ada");
      awaitLine(ada, "message", a + ": hello from ada");
      awaitLine(bob, "message", a + ": hello from ada");

      say(bob, "hi ada");
      awaitLine(bob, "message", b + ": hi ada");
      // Barrier for Ada: Bob's enter() (the toast to Bob) ran before his say() on the server.
      awaitLine(ada, "message", b + ": hi ada");
      assertThat(toast(ada)).isEqualTo("Welcome, " + a + "!");

      // Bob sees Ada join when she comes back: her reload leaves the room and enters it again.
      ada.reload();
      String again = awaitEntered(ada);
      assertThat(again).isEqualTo(a); // same browser, same cookie, same ClientId
      awaitLine(bob, "left", a + " left");
      awaitLine(bob, "joined", a + " joined");
      say(ada, "back");
      awaitLine(bob, "message", a + ": back");
      assertThat(toast(bob)).isEqualTo("Welcome, " + b + "!");

      // Each line reached each page exactly once, in the order it happened.
      assertThat(linesAbout(bob, a, b))
          .containsExactly(
              b + " joined",
              a + ": hello from ada",
              b + ": hi ada",
              a + " left",
              a + " joined",
              a + ": back");
      assertThat(linesAbout(ada, a, b)).containsExactly(a + " joined", a + ": back");
    }
  }

  @Test
  void navigatingAwayLeavesTheRoom() {
    try (Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      String a = enter(ada);
      String b = enter(bob);
      awaitLine(ada, "joined", b + " joined");

      bob.open("/");

      awaitLine(ada, "left", b + " left");
      assertThat(linesAbout(ada, a, b)).containsExactly(a + " joined", b + " joined", b + " left");
    }
  }

  /**
   * Quitting the browser drops its sockets without the page's goodbye, as a lost network would: the
   * server keeps the page for the grace period, then ends it and the room hears it left.
   */
  @Test
  void closingTheBrowserLeavesTheRoomOnceTheGracePeriodEnds() {
    try (Session ada = browser.newSession()) {
      String a = enter(ada);
      String b;
      try (Session bob = browser.newSession()) {
        b = enter(bob);
        awaitLine(ada, "joined", b + " joined");
      }

      awaitLine(ada, "left", b + " left");
      assertThat(linesAbout(ada, a, b)).containsExactly(a + " joined", b + " joined", b + " left");
    }
  }

  @Test
  void messagesFromOthersAreShownInTheOrderTheyWereSent() {
    try (Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      String a = enter(ada);
      String b = enter(bob);
      awaitLine(ada, "joined", b + " joined");

      for (int i = 1; i <= 5; i++) {
        say(ada, "line " + i);
      }

      awaitLine(bob, "message", a + ": line 5");
      assertThat(linesAbout(bob, a, b))
          .containsExactly(
              b + " joined",
              a + ": line 1",
              a + ": line 2",
              a + ": line 3",
              a + ": line 4",
              a + ": line 5");
    }
  }

  /**
   * Presence is per browser, made of its tabs: a second tab, a 2 s network cut of one tab and
   * closing one of two tabs announce nothing; the lines said during the cut reach the cut tab once,
   * in order, after it; closing the last tab announces the departure once.
   */
  @Test
  void twoTabsAreOneUserWhomACutNeitherRemovesNorAnnouncesAgain() throws InterruptedException {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port());
        Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      String b = enter(bob);
      String a = enter(ada);
      awaitLine(bob, "joined", a + " joined");
      WebDriver tabs = ada.driver();
      String first = tabs.getWindowHandle();
      // The second tab goes through the proxy; cookies ignore the port, so it is the same browser.
      tabs.switchTo().newWindow(WindowType.TAB);
      String cut = tabs.getWindowHandle();
      tabs.get("http://localhost:" + proxy.port() + "/chat");
      ada.waitUntil(textToBe(By.id("status"), "online"));
      ada.waitUntil(textToBe(By.id("toast"), "Welcome, " + a + "!"));
      say(ada, "two tabs");
      awaitLine(bob, "message", a + ": two tabs");

      ChatPage.cutWhileOtherSpeaks(proxy, ada, bob, b);
      proxy.refuseNew(false);
      ada.waitUntil(textToBe(By.id("status"), "online"));
      awaitLine(ada, "message", b + ": during the cut 3");
      say(ada, "back");
      awaitLine(bob, "message", a + ": back");

      assertThat(linesAbout(ada, a, b))
          .as("the cut tab's lines")
          .containsExactly(
              a + ": two tabs",
              b + ": during the cut 1",
              b + ": during the cut 2",
              b + ": during the cut 3",
              a + ": back");
      assertThat(linesAbout(bob, a, b))
          .as("what the other user saw")
          .containsExactly(
              b + " joined",
              a + " joined",
              a + ": two tabs",
              b + ": during the cut 1",
              b + ": during the cut 2",
              b + ": during the cut 3",
              a + ": back");

      // Closing one of the two tabs: the server ends that page, and Ada stays.
      int pages = browser.app().stats().pageSessions();
      tabs.close();
      tabs.switchTo().window(first);
      ada.waitUntil(d -> browser.app().stats().pageSessions() < pages);
      say(ada, "one tab left");
      awaitLine(bob, "message", a + ": one tab left");
      assertThat(linesAbout(bob, a, b)).doesNotContain(a + " left");

      // Closing the last chat tab (another tab keeps the browser open) announces her departure.
      tabs.switchTo().newWindow(WindowType.TAB);
      String blank = tabs.getWindowHandle();
      tabs.switchTo().window(first);
      tabs.close();
      tabs.switchTo().window(blank);
      awaitLine(bob, "left", a + " left");
      say(bob, "bye");
      awaitLine(bob, "message", b + ": bye");
      List<String> seen = linesAbout(bob, a, b);
      assertThat(seen.subList(seen.size() - 3, seen.size()))
          .containsExactly(a + ": one tab left", a + " left", b + ": bye");
      assertThat(seen.stream().filter((a + " left")::equals)).hasSize(1);
      assertThat(cut).isNotEqualTo(first);
    }
  }
}
