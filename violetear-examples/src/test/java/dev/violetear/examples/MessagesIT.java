// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.examples.MessageBoard.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The showcase's message list, whose list is a fragment the page loads: Refresh and posts reload it
 * (on every open page), Show older appends the next page, and the like buttons of every loaded
 * fragment work.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessagesIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  private static final By PAGES = By.cssSelector("#messages > section.message-page");
  private static final AtomicInteger unique = new AtomicInteger();

  @Test
  void refreshLoadsTheServersMessagesNewestFirst() {
    browser.open("/messages");
    List<String> posted = postOnServer(2);

    browser.byId("refresh").click();

    browser.waitUntil(d -> texts().size() >= 2 && texts().get(0).equals(posted.get(1)));
    assertThat(texts().subList(0, 2)).containsExactly(posted.get(1), posted.get(0));
    assertThat(browser.driver().findElements(PAGES)).hasSize(1);
  }

  @Test
  void aLikeButtonInALoadedFragmentWorksAndItsReplacementToo() {
    browser.open("/messages");
    Message message = board().add("Like me #" + unique.incrementAndGet());
    browser.byId("refresh").click();
    By like = By.cssSelector("#message-" + message.id() + " button.like");
    browser.waitUntil(d -> !d.findElements(like).isEmpty());
    WebElement item = browser.byId("message-" + message.id());

    browser.driver().findElement(like).click();
    browser.waitUntil(textToBe(like, "\u2665 1"));
    // The message was replaced by a fresh fragment, whose button works as well.
    assertThat(isStale(item)).isTrue();
    browser.driver().findElement(like).click();
    browser.waitUntil(textToBe(like, "\u2665 2"));
    assertThat(board().find(message.id()).orElseThrow().likes()).isEqualTo(2);
  }

  @Test
  void showOlderAppendsTheNextPageAndRefreshReplacesThemAll() {
    browser.open("/messages");
    postOnServer(Messages.PAGE_SIZE + 2);
    browser.byId("refresh").click();
    browser.waitUntil(d -> texts().size() == Messages.PAGE_SIZE);
    WebElement firstPage = browser.driver().findElement(PAGES);
    List<String> newest = texts();

    browser.driver().findElement(By.cssSelector("#messages button.older")).click();

    browser.waitUntil(d -> d.findElements(PAGES).size() == 2);
    assertThat(isStale(firstPage)).as("appended after the first page, not instead").isFalse();
    assertThat(texts()).hasSizeGreaterThan(Messages.PAGE_SIZE);
    assertThat(texts().subList(0, Messages.PAGE_SIZE)).isEqualTo(newest);
    assertThat(firstPage.findElements(By.cssSelector("button.older"))).isEmpty();

    browser.byId("refresh").click();
    browser.waitUntil(d -> d.findElements(PAGES).size() == 1);
    assertThat(texts()).isEqualTo(newest);
  }

  @Test
  void aPostReloadsTheListOnEveryOpenPage() {
    BrowserFixture.Session other = browser.newSession();
    try {
      browser.open("/messages");
      other.open("/messages");
      browser.session().awaitOnline();
      other.awaitOnline();
      String text = "Hello everyone #" + unique.incrementAndGet();

      browser.byId("message").sendKeys(text);
      browser.byId("post").click();

      browser.waitUntil(d -> texts().contains(text));
      other.waitUntil(d -> texts(other).contains(text));
      assertThat(browser.byId("message").getAttribute("value")).isEmpty();
    } finally {
      other.close();
    }
  }

  @Test
  void anEmptyMessageShowsTheServersErrorAndThePageKeepsWorking() {
    browser.open("/messages");

    // Chromium logs the RPC's 422 answer as a failed resource: the error this test provokes.
    browser.expectConsoleError("/_violetear/rpc/Messages.post");
    browser.byId("post").click();

    browser.waitUntil(textToBe(By.id("error"), "Write a message of 1 to 200 characters."));
    assertThat(browser.byId("error").getAttribute("data-type")).isEqualTo("BadMessage");
    browser.assertNoConsoleErrors();

    List<String> posted = postOnServer(1);
    browser.byId("refresh").click();
    browser.waitUntil(d -> !texts().isEmpty() && texts().get(0).equals(posted.get(0)));
    browser.waitUntil(attributeContains(By.id("error"), "class", "hidden"));
  }

  private static MessageBoard board() {
    return browser.app().service(MessageBoard.class);
  }

  /** Posts {@code count} messages straight to the board, oldest first, and returns their texts. */
  private static List<String> postOnServer(int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String text = "Message #" + unique.incrementAndGet();
      board().add(text);
      texts.add(text);
    }
    return texts;
  }

  private static List<String> texts() {
    return texts(browser.session());
  }

  /** The texts of the messages shown, read in one step: reloads replace the elements any time. */
  @SuppressWarnings("unchecked")
  private static List<String> texts(BrowserFixture.Session session) {
    return (List<String>)
        session
            .execute()
            .executeScript(
                "return Array.from(document.querySelectorAll('#messages li.message .text'))"
                    + ".map(function (e) { return e.textContent; });");
  }

  private static boolean isStale(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    }
  }
}
