// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The README's list example works as written (started on a free port instead of 8000). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeListIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () -> App.create("Shopping").register(Shopping.class).view("/", Shopping::page));

  @Test
  void itemsComeAndGoAndABoughtItemBuiltInTheBrowserCanBePutBack() {
    browser.open("/");
    assertThat(texts("#list > li")).containsExactly("BreadGot it", "MilkGot it");

    browser.byId("draft").sendKeys("Eggs");
    browser.driver().findElement(By.cssSelector("form button")).click();
    awaitTexts("#list > li", "BreadGot it", "MilkGot it", "EggsGot it");

    browser.driver().findElement(By.cssSelector("#list > li[data-key=Milk] button")).click();
    awaitTexts("#list > li", "BreadGot it", "EggsGot it");
    awaitTexts("#bought > li", "Milk");

    browser.driver().findElement(By.cssSelector("#bought > li")).click();
    awaitTexts("#list > li", "BreadGot it", "EggsGot it", "MilkGot it");
    awaitTexts("#bought > li");
  }

  private static void awaitTexts(String selector, String... texts) {
    browser.waitUntil((WebDriver d) -> texts(selector).equals(List.of(texts)));
  }

  @SuppressWarnings("unchecked")
  private static List<String> texts(String selector) {
    return (List<String>)
        browser
            .execute()
            .executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                    + ".map(function (e) { return e.textContent; });",
                selector);
  }
}
