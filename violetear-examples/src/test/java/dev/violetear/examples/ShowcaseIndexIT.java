// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The index page of the showcase links to every example, and the links lead there. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShowcaseIndexIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  @Test
  void indexLinksToBothExamples() {
    browser.open("/");

    assertThat(browser.driver().getTitle()).isEqualTo("Violetear showcase");
    assertThat(browser.byId("counter-link").getText()).isEqualTo("Counter");
    assertThat(browser.byId("counter-link").getAttribute("href"))
        .isEqualTo(browser.url("/counter"));
    assertThat(browser.byId("todos-link").getText()).isEqualTo("Todos");
    assertThat(browser.byId("todos-link").getAttribute("href")).isEqualTo(browser.url("/todos"));
    assertThat(browser.byId("notices-link").getAttribute("href"))
        .isEqualTo(browser.url("/notices"));
    assertThat(browser.byId("messages-link").getAttribute("href"))
        .isEqualTo(browser.url("/messages"));
    assertThat(browser.byId("guestbook-link").getAttribute("href"))
        .isEqualTo(browser.url("/guestbook"));
  }

  @Test
  void linksOpenTheExamples() {
    browser.open("/");
    browser.byId("counter-link").click();
    browser.waitUntil(urlToBe(browser.url("/counter")));
    browser.waitUntil(visibilityOfElementLocated(By.id("display")));
    browser.awaitReady();
    browser.assertNoConsoleErrors();

    browser.open("/");
    browser.byId("todos-link").click();
    browser.waitUntil(urlToBe(browser.url("/todos")));
    browser.waitUntil(visibilityOfElementLocated(By.id("new-item")));
    browser.awaitReady();
    browser.assertNoConsoleErrors();
  }
}
