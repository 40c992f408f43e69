// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The todo list: records and lists cross the wire, and the server's rejection is shown. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TodosIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  private static final String EMPTY_MESSAGE = "Write something first: an empty todo is not added.";
  private static final By ITEMS = By.cssSelector("#items > li");
  private static final AtomicInteger unique = new AtomicInteger();

  @Test
  void addingAnItemShowsItAndUpdatesTheCount() {
    browser.open("/todos");
    int before = items().size();
    String text = "Water the plants #" + unique.incrementAndGet();

    add(text);

    browser.waitUntil(numberOfElementsToBe(ITEMS, before + 1));
    assertThat(texts()).last().isEqualTo(text);
    assertThat(browser.byId("count").getText()).isEqualTo(countText(before + 1));
    assertThat(browser.byId("new-item").getAttribute("value")).isEmpty();
    assertThat(browser.byId("error").getAttribute("class")).contains("hidden");
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/todos"));
  }

  @Test
  void anEmptyItemShowsTheServersErrorAndAddsNothing() {
    browser.open("/todos");
    List<String> before = texts();

    // Chromium logs the RPC's 422 answer as a network error: the one error this test expects.
    browser.expectConsoleError("/_violetear/rpc/Todos.add");
    add("   ");

    browser.waitUntil(textToBe(By.id("error"), EMPTY_MESSAGE));
    assertThat(browser.byId("error").getAttribute("class")).doesNotContain("hidden");
    assertThat(texts()).isEqualTo(before);
    assertThat(browser.byId("count").getText()).isEqualTo(countText(before.size()));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/todos"));
    browser.assertNoConsoleErrors();

    // The next successful add hides the error again.
    String text = "After the error #" + unique.incrementAndGet();
    add(text);
    browser.waitUntil(numberOfElementsToBe(ITEMS, before.size() + 1));
    browser.waitUntil(attributeContains(By.id("error"), "class", "hidden"));
    assertThat(browser.byId("error").getText()).isEmpty();
  }

  @Test
  void refreshListsTheServersItems() {
    browser.open("/todos");
    String text = "Refresh me #" + unique.incrementAndGet();
    add(text);
    browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("items"), text));
    List<String> all = texts();

    // Empty the list in the page only; Refresh must bring the server's items back.
    browser.execute().executeScript("document.getElementById('items').replaceChildren();");
    assertThat(items()).isEmpty();

    browser.byId("refresh").click();

    browser.waitUntil(numberOfElementsToBe(ITEMS, all.size()));
    assertThat(texts()).isEqualTo(all);
    assertThat(browser.byId("count").getText()).isEqualTo(countText(all.size()));
  }

  @Test
  void aReloadShowsTheItemsRenderedByTheServer() {
    browser.open("/todos");
    String text = "Survive a reload #" + unique.incrementAndGet();
    add(text);
    browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("items"), text));
    List<String> all = texts();

    browser.reload();

    assertThat(texts()).isEqualTo(all);
    assertThat(browser.byId("count").getText()).isEqualTo(countText(all.size()));
    assertThat(browser.byId("error").getAttribute("class")).contains("hidden");
  }

  @Test
  void hostileTextIsShownAsTextInTheBrowserAndAfterAReload() {
    browser.open("/todos");
    String text =
        "<img src=x onerror=\"window.pwned=1\"> & <b>bold</b> #" + unique.incrementAndGet();
    int before = items().size();

    add(text);
    browser.waitUntil(numberOfElementsToBe(ITEMS, before + 1));
    assertThat(texts()).last().isEqualTo(text);

    browser.reload();
    browser.waitUntil(urlToBe(browser.url("/todos")));
    assertThat(texts()).last().isEqualTo(text);
    assertThat(browser.driver().findElements(By.cssSelector("#items img, #items b"))).isEmpty();
    assertThat(browser.execute().executeScript("return window.pwned === undefined;"))
        .isEqualTo(true);
  }

  private static void add(String text) {
    WebElement input = browser.byId("new-item");
    input.clear();
    input.sendKeys(text);
    browser.byId("add").click();
  }

  private static List<WebElement> items() {
    return browser.driver().findElements(ITEMS);
  }

  private static List<String> texts() {
    return items().stream().map(WebElement::getText).toList();
  }

  private static String countText(int n) {
    return n == 1 ? "1 item" : n + " items";
  }
}
