// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.examples.BrowserFixture.Session;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

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
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

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

  @Test
  void closingTheBrowserLeavesTheRoom() {
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

  /** Opens the chat, waits until the page entered the room, and returns the user's name. */
  private static String enter(Session s) {
    s.open("/chat");
    return awaitEntered(s);
  }

  private static String awaitEntered(Session s) {
    String name = "guest-" + s.clientId().value().substring(0, 4);
    s.waitUntil(textToBe(By.id("status"), "online"));
    s.waitUntil(textToBe(By.id("toast"), "Welcome, " + name + "!"));
    awaitLine(s, "joined", name + " joined");
    return name;
  }

  private static void say(Session s, String text) {
    s.byId("message").sendKeys(text);
    s.byId("send").click();
    // The handler clears the input once it sent the text, so the next message starts empty.
    s.waitUntil(d -> d.findElement(By.id("message")).getDomProperty("value").isEmpty());
  }

  private static String toast(Session s) {
    return s.byId("toast").getText();
  }

  /** Waits until the log holds a line of {@code kind} (its class) reading {@code text}. */
  private static void awaitLine(Session s, String kind, String text) {
    s.waitUntil((WebDriver d) -> s.texts("#log li." + kind).contains(text) ? Boolean.TRUE : null);
  }

  /** The log's lines about these users; other tests' users may come and go meanwhile. */
  private static List<String> linesAbout(Session s, String... names) {
    return s.texts("#log li").stream()
        .filter(
            line ->
                List.of(names).stream()
                    .anyMatch(n -> line.startsWith(n + " ") || line.startsWith(n + ":")))
        .toList();
  }
}
