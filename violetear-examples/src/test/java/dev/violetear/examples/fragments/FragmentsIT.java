// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.fragments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.examples.BrowserFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Fragments in Chromium, under the pages' Content-Security-Policy: client code loads them into an
 * element in three ways and their bindings work; every failure becomes the client's {@code
 * RpcException} with a clear message and leaves the page working; scripts in a fragment never run;
 * a class only a fragment binds is activated by loading it; of two overlapping loads of one
 * element, the later one wins.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FragmentsIT {
  @RegisterExtension
  static final BrowserFixture browser = new BrowserFixture(FragmentProbe::create);

  private static final By HELLOS = By.cssSelector("#target > p.hello");

  @Test
  void loadReplacesTheChildrenAppendAddsAfterThemReplaceTakesTheElementsPlace() {
    browser.open("/");

    click("append-hello");
    browser.waitUntil(textToBe(By.id("status"), "loaded /hello"));
    assertThat(childIds()).containsExactly("first", "");
    click("replace-first");
    browser.waitUntil(d -> childIds().equals(List.of("", "")));
    assertThat(browser.driver().findElements(By.id("first"))).isEmpty();

    click("load-hello");
    browser.waitUntil(d -> childIds().equals(List.of("")));
    assertThat(browser.driver().findElements(HELLOS)).hasSize(1);
  }

  @Test
  void aCallbackInsideALoadedFragmentRunsEveryTimeAndOnlyOnce() {
    browser.open("/");
    click("load-hello");
    browser.waitUntil(d -> !d.findElements(By.cssSelector("#target .wave")).isEmpty());

    browser.driver().findElement(By.cssSelector("#target .wave")).click();
    browser.waitUntil(textToBe(By.id("waves"), "1"));
    // A second fragment beside the first: each button is bound once, the old one still works.
    click("append-hello");
    browser.waitUntil(d -> d.findElements(By.cssSelector("#target .wave")).size() == 2);
    List<WebElement> waves = browser.driver().findElements(By.cssSelector("#target .wave"));
    waves.get(0).click();
    browser.waitUntil(textToBe(By.id("waves"), "2"));
    waves.get(1).click();
    browser.waitUntil(textToBe(By.id("waves"), "3"));
  }

  @Test
  void aFragmentThatThrowsIsAClearErrorInTheClientAndThePageKeepsWorking() {
    browser.open("/");

    // Chromium logs the 500 answer as a failed resource: the error this test provokes.
    browser.expectConsoleError("/broken");
    click("load-broken");
    String status =
        browser.waitUntil(
            d -> {
              String text = d.findElement(By.id("status")).getText();
              return text.startsWith("ServerError") ? text : null;
            });
    assertThat(status)
        .matches(
            "ServerError 500: Fragment '/broken' failed on the server \\(request id"
                + " [0-9a-f]{8}\\)\\. The details are in the server log\\.");
    assertThat(browser.byId("first").getText())
        .as("the target is left as it was")
        .isEqualTo("first");
    browser.assertNoConsoleErrors();

    click("load-hello");
    browser.waitUntil(textToBe(By.id("status"), "loaded /hello"));
    browser.driver().findElement(By.cssSelector("#target .wave")).click();
    browser.waitUntil(textToBe(By.id("waves"), "1"));
  }

  @Test
  void aMissingFragmentAndTheGuardsRefusalAreClearErrorsToo() {
    browser.open("/");

    browser.expectConsoleError("/nowhere");
    click("load-missing");
    browser.waitUntil(
        textToBe(
            By.id("status"),
            "NotFound 404: No fragment at /nowhere (HTTP 404): serve one with"
                + " app.fragment(\"/nowhere\", ...), or check the path."));
    browser.assertNoConsoleErrors();

    browser.expectConsoleError("/members");
    click("load-members");
    browser.waitUntil(textToBe(By.id("status"), "Forbidden 403: Members only."));
    assertThat(browser.byId("first").getText()).isEqualTo("first");
  }

  @Test
  void scriptsInAFragmentNeverRunAndAreRemovedWithAWarning() {
    browser.open("/");

    click("load-scripted");
    browser.waitUntil(textToBe(By.id("status"), "loaded /static/scripted.html"));

    assertThat(browser.byId("scripted-text").getText()).isEqualTo("Static markup");
    assertThat(
            browser
                .execute()
                .executeScript(
                    "return [document.querySelectorAll('#target script').length,"
                        + " window.scriptedRan === undefined, window.inlineRan === undefined,"
                        + " performance.getEntriesByName(location.origin"
                        + " + '/static/scripted-probe.js').length];"))
        .as("no script left, none ran, the external one was never even fetched")
        .isEqualTo(List.of(0L, true, true, 0L));
    // Chrome quotes the logged string, writing '<' as \u003C.
    assertThat(
            browser
                .session()
                .awaitConsoleMessage(
                    Level.WARNING, "element(s) from the fragment at /static/scripted.html"))
        .contains("violetear: removed 2 ")
        .contains("fragments run no script");
  }

  @Test
  void loadingAFragmentActivatesTheClassesItBindsOnAnIdlePage() {
    browser.open("/");
    assertThat(state()).as("the page binds nothing that listens").isEqualTo("idle");
    assertThat(browser.byId("ticker-ready").getText()).isEmpty();

    click("load-ticker");
    browser.waitUntil(textToBe(By.id("ticker-ready"), "ready"));
    browser.session().awaitOnline();
    browser.app().clients().to(browser.session().clientId()).invoke(Ticker::tick, "tick 1");
    browser.waitUntil(textToBe(By.id("ticks"), "tick 1"));

    browser.byId("start").click();
    browser.waitUntil(textToBe(By.id("ticks"), "started"));
  }

  @Test
  void whenTwoLoadsOfOneElementOverlapTheLaterWinsWhicheverAnswerComesFirst() throws Exception {
    browser.open("/");
    SlowFragment.gate = new java.util.concurrent.CountDownLatch(1);
    try {
      click("load-slow");
      assertThat(SlowFragment.arrived.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
      click("load-hello");
      browser.waitUntil(textToBe(By.id("status"), "loaded /hello"));
    } finally {
      SlowFragment.gate.countDown();
    }

    // The slow load returns without error, and leaves the later fragment in place.
    browser.waitUntil(textToBe(By.id("status"), "loaded /slow"));
    assertThat(browser.driver().findElements(By.id("slow"))).isEmpty();
    assertThat(browser.driver().findElements(HELLOS)).hasSize(1);
  }

  private static void click(String id) {
    browser.byId(id).click();
  }

  /** The ids of #target's children, "" for a child without one, read in one step. */
  @SuppressWarnings("unchecked")
  private static List<String> childIds() {
    return (List<String>)
        browser
            .execute()
            .executeScript(
                "return Array.from(document.querySelectorAll('#target > *'))"
                    + ".map(function (e) { return e.id; });");
  }

  private static String state() {
    return (String) browser.execute().executeScript("return window.violetear.state;");
  }
}
