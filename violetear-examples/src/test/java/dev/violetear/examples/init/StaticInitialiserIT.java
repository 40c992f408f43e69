// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.init;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A class with server methods keeps its client-side static state in the browser: the fields its
 * callbacks read are initialised there (before, the whole initialiser was dropped and the click
 * failed with a TypeError in the console).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StaticInitialiserIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () -> App.create("Units").register(Units.class).view("/units", Units::page));

  @Test
  void aCallbackReadsStaticFieldsInitialisedInTheBrowser() {
    browser.open("/units");

    browser.byId("convert").click();
    browser.waitUntil(textToBe(By.id("out"), "°C → °F: 212.0 (1)"));
    browser.byId("convert").click();
    browser.waitUntil(textToBe(By.id("out"), "°C → °F: 212.0 (2)"));
  }
}
