// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.examples.BrowserFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A form on a page that also has client code: the page loads the runtime, the bundle and the forms
 * script, a post swaps in the new body without a reload, and the callbacks bound in that body work.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FormWithClientCodeIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture(Tally::app);

  private static final String SCRIPTS =
      "return Array.from(document.scripts, function (s) {"
          + " return new URL(s.src).pathname.split('.')[0]; });";

  private static void post(String text) {
    browser.byId("text").clear();
    browser.byId("text").sendKeys(text);
    browser.byId("post").click();
  }

  @Test
  void aPostSwapsInTheNewBodyWhoseBindingsWorkWithoutAReload() {
    browser.open("/tally");
    assertThat(browser.execute().executeScript(SCRIPTS))
        .isEqualTo(List.of("/_violetear/violetear", "/_violetear/bundle", "/_violetear/forms"));
    browser.execute().executeScript("window.notReloaded = true;");
    browser.byId("bump").click();
    browser.waitUntil(textToBe(By.id("tally"), "1"));

    browser.expectConsoleError("422");
    post(" ");
    browser.waitUntil(textToBe(By.id("text-error"), "Write a note."));
    browser.assertNoConsoleErrors();
    assertThat(browser.byId("tally").getText()).as("the body the server drew").isEqualTo("0");
    browser.byId("bump").click();
    browser.waitUntil(textToBe(By.id("tally"), "1"));

    post("first note");
    browser.waitUntil(textToBe(By.cssSelector("#notes li"), "first note"));
    browser.byId("bump").click();
    browser.waitUntil(textToBe(By.id("tally"), "1"));
    assertThat(browser.execute().executeScript("return window.notReloaded === true"))
        .isEqualTo(true);
    assertThat(browser.execute().executeScript("return window.violetear.state"))
        .as("the page never needed its socket")
        .isEqualTo("idle");
  }
}
