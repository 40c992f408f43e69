// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/** Storage, timers, input readers and head entries, used by client code in headless Chromium. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BrowserApisIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () ->
              App.create("BrowserApis")
                  .register(BrowserApis.class)
                  .staticFiles("/static", "/static")
                  .view("/", BrowserApis::page));

  private static final String EMPTY_LOCAL = "next=0 ratio=-3.0 flag=false word=null";
  private static final String STORED_LOCAL = "next=42 ratio=4.5 flag=true word=é <b>&";

  /** Opens {@code path} with this origin's local and session storage empty. */
  private static void openFresh(String path) {
    browser.open(path);
    browser.execute().executeScript("localStorage.clear(); sessionStorage.clear();");
    browser.reload();
  }

  private static void click(String id) {
    browser.byId(id).click();
  }

  private static String text(String id) {
    return (String) browser.byId(id).getDomProperty("textContent");
  }

  private static Object js(String script) {
    return browser.execute().executeScript(script);
  }

  @Test
  void typedLocalValuesSurviveAReload() {
    openFresh("/");
    browser.waitUntil(textToBe(By.id("local-read"), EMPTY_LOCAL));

    click("store");
    browser.waitUntil(textToBe(By.id("local-read"), STORED_LOCAL));
    browser.reload();

    // Read back on `ready` of the new page: 41 + 1 and 2.25 * 2 are computed from typed values.
    browser.waitUntil(textToBe(By.id("local-read"), STORED_LOCAL));
    assertThat(text("keys")).isEqualTo("count,flag,ratio,word");
    assertThat(
            js(
                "return [localStorage.getItem('count'), localStorage.getItem('ratio'),"
                    + " localStorage.getItem('flag')].join(' ');"))
        .isEqualTo("41 2.25 true");
  }

  @Test
  void sessionValuesStayWithTheirTabAndRemoveAndClearForget() {
    openFresh("/");
    click("store");
    browser.waitUntil(textToBe(By.id("session-read"), "session=this tab local-tab=none"));
    browser.reload();
    browser.waitUntil(textToBe(By.id("session-read"), "session=this tab local-tab=none"));

    // A new tab shares local storage but starts with its own, empty session storage.
    WebDriver driver = browser.driver();
    String firstTab = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    try {
      browser.open("/");
      browser.waitUntil(textToBe(By.id("local-read"), STORED_LOCAL));
      assertThat(text("session-read")).isEqualTo("session=none local-tab=none");
    } finally {
      driver.close();
      driver.switchTo().window(firstTab);
    }

    click("forget");
    browser.waitUntil(textToBe(By.id("session-read"), "session=none local-tab=none"));
    assertThat(text("local-read")).isEqualTo("next=42 ratio=4.5 flag=true word=null");
    assertThat(text("keys")).isEqualTo("count,flag,ratio");

    click("clear-all");
    browser.waitUntil(textToBe(By.id("local-read"), EMPTY_LOCAL));
    assertThat(text("keys")).isEmpty();
    assertThat(js("return localStorage.length;")).isEqualTo(0L);
  }

  @Test
  void malformedStoredValuesFallBack() {
    openFresh("/");
    js(
        "localStorage.setItem('count', 'abc'); localStorage.setItem('ratio', '2,5');"
            + " localStorage.setItem('flag', 'yes'); localStorage.setItem('word', '');");
    browser.reload();

    browser.waitUntil(textToBe(By.id("local-read"), "next=0 ratio=-3.0 flag=false word="));

    js("localStorage.setItem('count', '2.5'); localStorage.setItem('flag', 'false');");
    browser.reload();
    browser.waitUntil(textToBe(By.id("local-read"), "next=0 ratio=-3.0 flag=false word="));
    js("localStorage.setItem('count', '99999999999'); localStorage.setItem('ratio', '1e3');");
    browser.reload();
    browser.waitUntil(textToBe(By.id("local-read"), "next=0 ratio=2000.0 flag=false word="));
  }

  @Test
  void aWriteTheBrowserRefusesNamesTheKey() {
    openFresh("/");

    click("overfill");

    browser.waitUntil(d -> !text("storage-error").isEmpty());
    assertThat(text("storage-error"))
        .isEqualTo(
            "Storage.local().set('huge'): the browser refused the storage (QuotaExceededError)."
                + " Storage may be disabled (private mode, blocked site data) or full: keep values"
                + " small and let the page work without them.");
    assertThat(js("return localStorage.getItem('huge');")).isNull();
  }

  @Test
  void anIntervalTicksThroughAFailingTickAndStopsOnCancel() {
    browser.open("/");
    browser.expectConsoleError("boom on tick 2");

    click("start");

    // Tick 2 throws; the interval goes on.
    browser.waitUntil(d -> text("ticks").length() > 0 && Integer.parseInt(text("ticks")) >= 4);
    assertThat(browser.session().awaitConsoleMessage(Level.SEVERE, "boom on tick 2"))
        .contains("Uncaught exception in Timers.every(40 ms)");

    click("stop");
    String stoppedAt =
        browser.waitUntil(d -> text("stopped-at").isEmpty() ? null : text("stopped-at"));
    // Written 300 ms (several intervals) after the cancel, then through a server round trip.
    browser.waitUntil(
        textToBe(By.id("after-stop"), "server says still " + stoppedAt + " after " + stoppedAt));
    assertThat(text("ticks")).isEqualTo(stoppedAt);
  }

  @Test
  void aDelayedTaskMayWaitForTheServer() {
    browser.open("/");

    click("later");

    browser.waitUntil(textToBe(By.id("later-answer"), "server says later"));
  }

  @Test
  void aCancelledDelayedTaskNeverRuns() {
    browser.open("/");

    click("later-cancelled");

    // The cancelled task was due 180 ms before this one.
    browser.waitUntil(textToBe(By.id("cancelled-done"), "done"));
    assertThat(text("cancelled-ran")).isEmpty();
  }

  @Test
  void inputsReadWhatTheUserChose() {
    browser.open("/");
    // The textarea's leading line break survived rendering and parsing.
    assertThat(browser.byId("notes").getDomProperty("value")).isEqualTo("\nsecond <line>");

    click("read");
    browser.waitUntil(
        textToBe(
            By.id("inputs-read"),
            "news=false size=null theme=light [light] toppings=[] notes=|second <line>"));

    click("news");
    click("size-l");
    new Select(browser.byId("theme")).selectByValue("dark");
    Select toppings = new Select(browser.byId("toppings"));
    toppings.selectByValue("a");
    toppings.selectByValue("c");
    click("read");
    browser.waitUntil(
        textToBe(
            By.id("inputs-read"),
            "news=true size=L theme=dark [dark] toppings=[a, c] notes=|second <line>"));

    click("reset");
    browser.waitUntil(
        textToBe(
            By.id("inputs-read"),
            "news=false size=S theme=dark [dark] toppings=[a, c] notes=|second <line>"));
    assertThat(browser.byId("news").isSelected()).isFalse();
    assertThat(browser.byId("size-s").isSelected()).isTrue();
    assertThat(browser.byId("size-l").isSelected()).isFalse();
  }

  @Test
  void readingAnInputTheWrongWayNamesTheElement() {
    browser.open("/");

    click("misuse");

    browser.waitUntil(d -> !text("input-errors").isEmpty());
    assertThat(text("input-errors"))
        .isEqualTo(
            "DomElement.checked(): <input type='text' id='name'> is not a checkbox or radio"
                + " input. Read other inputs with value().\n"
                + "DomElement.selectedValues(): <input type='text' id='name'> is not a <select>."
                + " Read other inputs with value() or checked().\n"
                + "Dom.checkedValue: the page has no element named 'no-such-group'. Give the radio"
                + " buttons of the group .attr(\"name\", \"no-such-group\") in markup.");
  }

  @Test
  void headEntriesLoadUnderTheContentSecurityPolicy() {
    browser.open("/");

    assertThat(js("return document.querySelector('meta[name=description]').content;"))
        .isEqualTo("Storage, timers and inputs");
    // The linked stylesheet was allowed and parsed (a blocked one has no sheet).
    assertThat(
            js(
                "var l = document.querySelector('link[rel=stylesheet]');"
                    + " return l.sheet !== null && l.sheet.cssRules.length > 0;"))
        .isEqualTo(true);
    assertThat(js("return getComputedStyle(document.querySelector('hr')).display;"))
        .isEqualTo("block");
  }
}
