// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The README's browser API example works as written (started on a free port instead of 8000). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeSettingsIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () -> App.create("Settings").register(Settings.class).view("/", Settings::page));

  private static void click(String id) {
    browser.byId(id).click();
  }

  @Test
  void theReadmeSettingsExampleRemembersTheChoices() {
    browser.open("/");
    browser.execute().executeScript("localStorage.clear();");
    browser.reload();
    browser.waitUntil(textToBe(By.id("visits"), "Visit 0"));
    browser.waitUntil(textMatches(By.id("clock"), Pattern.compile("\\d\\d:\\d\\d:\\d\\d")));

    browser.byId("name").sendKeys("Ada");
    click("news");
    new Select(browser.byId("theme")).selectByValue("dark");
    browser.driver().findElement(By.cssSelector("input[name=size][value=M]")).click();
    browser.driver().findElement(By.cssSelector("button[type=submit]")).click();

    browser.waitUntil(textToBe(By.id("status"), "Saved, size M"));
    browser.waitUntil(attributeContains(By.id("status"), "class", "faded"));
    browser.reload();

    browser.waitUntil(textToBe(By.id("visits"), "Visit 1"));
    assertThat(browser.byId("name").getDomProperty("value")).isEqualTo("Ada");
    assertThat(browser.byId("news").isSelected()).isTrue();
    assertThat(new Select(browser.byId("theme")).getFirstSelectedOption().getText())
        .isEqualTo("Dark");
  }
}
