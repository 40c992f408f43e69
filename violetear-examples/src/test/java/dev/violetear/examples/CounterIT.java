// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The counter: each click runs client code that calls the server and shows its answer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CounterIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  private static final By DISPLAY = By.id("display");

  @Test
  void plusAndMinusShowTheServersCount() {
    browser.open("/counter");
    int start = count();

    browser.byId("plus").click();
    browser.waitUntil(textToBe(DISPLAY, "Count: " + (start + 1)));
    browser.byId("plus").click();
    browser.waitUntil(textToBe(DISPLAY, "Count: " + (start + 2)));
    browser.byId("minus").click();
    browser.waitUntil(textToBe(DISPLAY, "Count: " + (start + 1)));
    browser.assertNoConsoleErrors();

    // The count lives on the server: a fresh page renders it.
    browser.reload();
    assertThat(count()).isEqualTo(start + 1);

    browser.byId("minus").click();
    browser.waitUntil(textToBe(DISPLAY, "Count: " + start));
  }

  private static int count() {
    String text = browser.byId("display").getText();
    assertThat(text).matches("Count: -?\\d+");
    return Integer.parseInt(text.substring("Count: ".length()));
  }
}
