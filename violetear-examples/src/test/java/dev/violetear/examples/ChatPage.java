// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.examples.BrowserFixture.Session;
import dev.violetear.testing.FaultProxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * What a user does and sees on the showcase's chat page, for the browser tests: enter the room, say
 * something, wait for a line of the log, read the lines about some users.
 *
 * <pre>{@code
 * String ada = ChatPage.enter(session);
 * ChatPage.say(session, "hello");
 * ChatPage.awaitLine(other, "message", ada + ": hello");
 * }</pre>
 */
final class ChatPage {
  private ChatPage() {}

  /** Opens the chat, waits until the page entered the room, and returns the user's name. */
  static String enter(Session s) {
    s.open("/chat");
    return awaitEntered(s);
  }

  /** Opens the chat at {@code url} (another node, say), as {@link #enter(Session)}. */
  static String enter(Session s, String url) {
    s.driver().get(url);
    s.awaitReady();
    s.assertNoConsoleErrors();
    return awaitEntered(s);
  }

  /** Waits until the page is online and its user entered the room; returns the user's name. */
  static String awaitEntered(Session s) {
    String name = "guest-" + s.clientId().value().substring(0, 4);
    s.waitUntil(textToBe(By.id("status"), "online"));
    s.waitUntil(textToBe(By.id("toast"), "Welcome, " + name + "!"));
    awaitLine(s, "joined", name + " joined");
    return name;
  }

  static void say(Session s, String text) {
    s.byId("message").sendKeys(text);
    s.byId("send").click();
    // The handler clears the input once it sent the text, so the next message starts empty.
    s.waitUntil(d -> d.findElement(By.id("message")).getDomProperty("value").isEmpty());
  }

  static String toast(Session s) {
    return s.byId("toast").getText();
  }

  /** Waits until the log holds a line of {@code kind} (its class) reading {@code text}. */
  static void awaitLine(Session s, String kind, String text) {
    s.waitUntil((WebDriver d) -> s.texts("#log li." + kind).contains(text) ? Boolean.TRUE : null);
  }

  /** The cut page's reconnect delay while {@link #cutWhileOtherSpeaks} lasts, and after it. */
  private static final int RETRY_MS = 250;

  /**
   * Cuts {@code cut}'s page off through {@code proxy} for 2 s, its reconnects refused, while {@code
   * other} (named {@code otherName}) says "during the cut 1" to "3". Returns with the proxy still
   * refusing: the caller lets the page back.
   */
  static void cutWhileOtherSpeaks(FaultProxy proxy, Session cut, Session other, String otherName)
      throws InterruptedException {
    // The default backoff may wait up to 10 s after the cut before the page tries again, longer
    // than a test's grace period: a short fixed delay brings it back as soon as the cut ends.
    cut.execute()
        .executeScript(
            "window.violetear.configure({backoff: function () { return " + RETRY_MS + "; }});");
    proxy.refuseNew(true);
    // Its reconnects through the proxy meet the refusal (reset or not connected).
    cut.expectConsoleError("ws://localhost:" + proxy.port() + "/_violetear/ws");
    proxy.cutAll();
    long cutAt = System.nanoTime();
    cut.waitUntil(textToBe(By.id("status"), "offline: reconnecting"));
    for (int i = 1; i <= 3; i++) {
      say(other, "during the cut " + i);
    }
    awaitLine(other, "message", otherName + ": during the cut 3");
    // The cut lasts 2 s: a fault's length, not a wait for something to happen.
    long left = TimeUnit.SECONDS.toNanos(2) - (System.nanoTime() - cutAt);
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** The log's lines about these users; other tests' users may come and go meanwhile. */
  static List<String> linesAbout(Session s, String... names) {
    return s.texts("#log li").stream()
        .filter(
            line ->
                List.of(names).stream()
                    .anyMatch(n -> line.startsWith(n + " ") || line.startsWith(n + ":")))
        .toList();
  }
}
