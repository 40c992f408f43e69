// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The task list, a keyed {@code Repeat}: each change touches only the task it is about. A
 * MutationObserver on the list records which items each change added and removed, and a mark set on
 * every item element at load shows that the other items kept their elements.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TasksIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  @BeforeEach
  void open() {
    browser.open("/tasks");
    browser
        .execute()
        .executeScript(
            "window.changes = [];"
                + "document.querySelectorAll('#tasks > li').forEach(function (li) {"
                + "  li.loadedAs = li.dataset.key; });"
                + "new MutationObserver(function (records) { records.forEach(function (r) {"
                + "  if (r.target.id !== 'tasks') { window.changes.push('inside ' + r.type); return; }"
                + "  r.addedNodes.forEach(function (n) { window.changes.push('+' + n.dataset.key); });"
                + "  r.removedNodes.forEach(function (n) { window.changes.push('-' + n.dataset.key); });"
                + "}); }).observe(document.getElementById('tasks'),"
                + " {subtree: true, childList: true, attributes: true, characterData: true});");
  }

  @Test
  void theServerRendersTheFirstTasksWithTheirKeysAndBindings() {
    assertThat(keys()).containsExactly("t1", "t2", "t3");
    assertThat(browser.byId("tasks").getAttribute("data-bind")).isEqualTo("each:Tasks.rows");
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("#tasks > li[data-key=t2] .remove"))
                .getAttribute("data-on-click"))
        .isEqualTo("Tasks.remove");
  }

  @Test
  void addingInsertsOneElementAndTheNewTasksCallbacksWork() {
    browser.byId("title").sendKeys("Buy milk");
    click("#new-task button");
    awaitKeys("n1", "t1", "t2", "t3");
    assertThat(changes()).containsExactly("+n1");
    assertThat(kept()).containsExactly("t1", "t2", "t3");
    assertThat(browser.byId("title").getAttribute("value")).isEmpty();

    // The new element was built in the browser: its callbacks are the objects, not names.
    click("#tasks > li[data-key=n1] .toggle");
    awaitText("#tasks > li[data-key=n1] .toggle", "Reopen");
    assertThat(changes()).containsExactlyInAnyOrder("+n1", "-n1");
    click("#tasks > li[data-key=n1] .remove");
    awaitKeys("t1", "t2", "t3");
    assertThat(changes()).containsExactly("-n1");
  }

  @Test
  void changingATaskRebuildsOnlyItsElement() {
    click("#tasks > li[data-key=t2] .toggle");
    awaitText("#tasks > li[data-key=t2] .toggle", "Reopen");
    assertThat(changes()).containsExactlyInAnyOrder("+t2", "-t2");
    assertThat(kept()).containsExactly("t1", "t3");
    assertThat(classOf("t2")).isEqualTo("task done");
  }

  @Test
  void movingATaskMovesOnlyItsElementAndEveryItemKeepsItsCallbacks() {
    click("#tasks > li[data-key=t3] .up");
    awaitKeys("t1", "t3", "t2");
    assertThat(changes()).containsExactlyInAnyOrder("-t3", "+t3");
    assertThat(kept()).containsExactly("t1", "t3", "t2");

    click("#tasks > li[data-key=t3] .up");
    awaitKeys("t3", "t1", "t2");
    assertThat(changes()).containsExactlyInAnyOrder("-t3", "+t3");

    // The server-rendered callbacks still find their item after the moves.
    click("#tasks > li[data-key=t1] .remove");
    awaitKeys("t3", "t2");
    assertThat(changes()).containsExactly("-t1");
    click("#tasks > li[data-key=t2] .up");
    awaitKeys("t2", "t3");
    click("#tasks > li[data-key=t3] .toggle");
    awaitText("#tasks > li[data-key=t3] .toggle", "Reopen");
    assertThat(kept()).contains("t2");
  }

  @Test
  void aRemovedTaskStopsFollowingTheStatesItWasBoundTo() {
    browser
        .execute()
        .executeScript("window.gone = document.querySelector('#tasks > li[data-key=t1]');");
    click("#tasks > li[data-key=t1] .remove");
    awaitKeys("t2", "t3");

    browser.byId("compact").click();
    browser.waitUntil(
        (WebDriver d) ->
            Boolean.TRUE.equals(
                browser
                    .execute()
                    .executeScript(
                        "return document.querySelector('#tasks > li[data-key=t3]')"
                            + ".classList.contains('compact');")));
    assertThat(classOf("t2")).isEqualTo("task open compact");
    assertThat(browser.execute().executeScript("return window.gone.className;"))
        .isEqualTo("task open");
  }

  private static void click(String selector) {
    browser.driver().findElement(By.cssSelector(selector)).click();
  }

  private static void awaitKeys(String... keys) {
    browser.waitUntil((WebDriver d) -> keys().equals(List.of(keys)));
  }

  private static void awaitText(String selector, String text) {
    // Read in the page: the element is replaced while we wait, which a WebElement would not
    // survive.
    browser.waitUntil(
        (WebDriver d) ->
            text.equals(
                browser
                    .execute()
                    .executeScript(
                        "var e = document.querySelector(arguments[0]);"
                            + " return e && e.textContent;",
                        selector)));
  }

  @SuppressWarnings("unchecked")
  private static List<String> keys() {
    return (List<String>)
        browser
            .execute()
            .executeScript(
                "return Array.from(document.querySelectorAll('#tasks > li'))"
                    + ".map(function (li) { return li.dataset.key; });");
  }

  // The keys of the item elements that are still the ones the page loaded with, in page order.
  @SuppressWarnings("unchecked")
  private static List<String> kept() {
    return (List<String>)
        browser
            .execute()
            .executeScript(
                "return Array.from(document.querySelectorAll('#tasks > li'))"
                    + ".filter(function (li) { return li.loadedAs === li.dataset.key; })"
                    + ".map(function (li) { return li.dataset.key; });");
  }

  // What the list's children went through since the last call; "inside" for any deeper change.
  @SuppressWarnings("unchecked")
  private static List<String> changes() {
    return (List<String>)
        browser.execute().executeScript("var c = window.changes; window.changes = []; return c;");
  }

  private static String classOf(String key) {
    return browser
        .driver()
        .findElement(By.cssSelector("#tasks > li[data-key=" + key + "]"))
        .getAttribute("class");
  }
}
