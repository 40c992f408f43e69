// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The README's example works as written (started on a free port instead of 8000). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeCounterIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () -> App.create("Counter").register(Counter.class).view("/", Counter::page));

  @Test
  void plusShowsTheServersCount() {
    browser.open("/");
    browser.waitUntil(textToBe(By.id("display"), "Count: 0"));

    browser.driver().findElement(By.tagName("button")).click();

    browser.waitUntil(textToBe(By.id("display"), "Count: 1"));
  }
}
