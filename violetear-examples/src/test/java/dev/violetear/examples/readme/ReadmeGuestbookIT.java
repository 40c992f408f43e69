// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.app.Form;
import dev.violetear.examples.BrowserFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The README's form example works as written (on a free port), with JavaScript on and off. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeGuestbookIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () ->
              App.create("Guestbook")
                  .view("/", () -> Guestbook.page(Form.blank()))
                  .form("/", Guestbook.Entry.class, Guestbook::page, Guestbook::sign));

  private static void sign(BrowserFixture.Session session, String name, String message) {
    session.driver().findElement(By.name("name")).sendKeys(name);
    session.driver().findElement(By.name("message")).sendKeys(message);
    session.driver().findElement(By.tagName("button")).click();
  }

  @Test
  void signingShowsTheEntryAndABlankNameItsError() {
    BrowserFixture.Session session = browser.session();
    session.open("/");
    session.expectConsoleError("422");

    sign(session, "", "Hello");

    session.waitUntil(textToBe(By.id("name-error"), "Write your name."));
    assertThat(session.driver().findElement(By.name("message")).getAttribute("value"))
        .isEqualTo("Hello");
    session.assertNoConsoleErrors();

    session.driver().findElement(By.name("name")).sendKeys("Ada");
    session.driver().findElement(By.tagName("button")).click();

    session.waitUntil(textToBe(By.cssSelector("li"), "Ada: Hello"));
  }

  @Test
  void withoutJavaScriptTheSameFormWorks() {
    BrowserFixture.Session noScript = browser.newSessionWithoutJavaScript();
    noScript.open("/");

    sign(noScript, "Grace", "No scripts");

    noScript.waitUntil(textToBe(By.cssSelector("li"), "Grace: No scripts"));
    noScript.close();
  }
}
