// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** The README's state example works as written (started on a free port instead of 8000). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeStateIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () -> App.create("Greeting").register(Greeting.class).view("/", Greeting::page));

  @Test
  void typingANameChangesTheGreeting() {
    browser.open("/");
    assertThat(browser.byId("greeting").getText()).isEqualTo("Hello, world!");
    assertThat(browser.byId("hint").isDisplayed()).isFalse();

    browser.byId("name").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    browser.waitUntil(d -> browser.byId("hint").isDisplayed());
    browser.byId("name").sendKeys("Ada");

    browser.waitUntil(textToBe(By.id("greeting"), "Hello, Ada!"));
    assertThat(browser.byId("hint").isDisplayed()).isFalse();
  }
}
