// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The showcase guestbook's form, posted by a browser with JavaScript off (a real post, a 303 and a
 * new page load) and with it on (the runtime posts it and swaps the answer in, and the page is
 * never reloaded). Each test signs with names of its own, since the tests share one app.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GuestbookIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  /** True once the forms script has run in the page (it marks window so as to run once). */
  private static final String FORMS_SCRIPT_RAN =
      "return window[Symbol.for('violetear.forms')] === true;";

  /** Types into the form of the page on screen and submits it with its button. */
  private static void sign(BrowserFixture.Session session, String name, String message) {
    session.byId("name").clear();
    session.byId("name").sendKeys(name);
    session.byId("message").clear();
    session.byId("message").sendKeys(message);
    session.byId("submit").click();
  }

  /** The entries shown, read in one script: the runtime may swap the body in between reads. */
  @SuppressWarnings("unchecked")
  private static List<String> entries(BrowserFixture.Session session) {
    return (List<String>)
        session
            .execute()
            .executeScript(
                "return Array.from(document.querySelectorAll('#entries li'),"
                    + " function (li) { return li.textContent; });");
  }

  @Test
  void withJavaScriptOffAPostRedirectsToThePageWhichShowsTheEntryFirst() {
    BrowserFixture.Session noScript = browser.newSessionWithoutJavaScript();
    noScript.open("/guestbook");
    // The page names the forms script (its only one), which marks window when it runs.
    assertThat(noScript.driver().findElements(By.cssSelector("script[src^='/_violetear/forms.']")))
        .hasSize(1);
    assertThat(noScript.execute().executeScript(FORMS_SCRIPT_RAN)).isEqualTo(false);

    sign(noScript, "Noor", "Signed without scripts");

    noScript.waitUntil(d -> entries(noScript).contains("Noor: Signed without scripts"));
    assertThat(entries(noScript).get(0)).isEqualTo("Noor: Signed without scripts");
    assertThat(noScript.driver().getCurrentUrl()).isEqualTo(browser.url("/guestbook"));
    assertThat(noScript.byId("name").getAttribute("value")).as("a fresh page").isEmpty();
    noScript.assertNoConsoleErrors();
    noScript.close();
  }

  @Test
  void withJavaScriptOffErrorsShowBesideTheirFieldsAndWhatWasTypedStays() {
    BrowserFixture.Session noScript = browser.newSessionWithoutJavaScript();
    noScript.open("/guestbook");

    sign(noScript, " ", "Kept <b>as typed</b>");

    noScript.waitUntil(textToBe(By.id("name-error"), "Write your name."));
    assertThat(noScript.byId("message").getAttribute("value")).isEqualTo("Kept <b>as typed</b>");
    assertThat(noScript.byId("message-error").getText()).isEmpty();
    assertThat(noScript.byId("name").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(entries(noScript)).noneMatch(e -> e.contains("Kept"));
    // Chromium logs the 422 of the page it navigated to.
    noScript.expectConsoleError("422");
    noScript.close();
  }

  @Test
  void withJavaScriptOnThePostSwapsInTheNewPageWithoutAReload() {
    BrowserFixture.Session session = browser.session();
    session.open("/guestbook");
    assertThat(session.execute().executeScript(FORMS_SCRIPT_RAN)).isEqualTo(true);
    assertThat(session.driver().findElements(By.cssSelector("script[src^='/_violetear/']")))
        .as("a page whose only client code is the form loads the forms script alone")
        .hasSize(1);
    session.execute().executeScript("window.notReloaded = 'still here';");

    sign(session, "Ines", "Signed with scripts");

    session.waitUntil(d -> entries(session).contains("Ines: Signed with scripts"));
    assertThat(entries(session).get(0)).isEqualTo("Ines: Signed with scripts");
    assertThat(session.execute().executeScript("return window.notReloaded"))
        .isEqualTo("still here");
    assertThat(session.driver().getCurrentUrl()).isEqualTo(browser.url("/guestbook"));
    assertThat(session.byId("name").getAttribute("value"))
        .as("the page after the redirect")
        .isEmpty();

    sign(session, "Ines again", "Newest first");

    session.waitUntil(d -> entries(session).contains("Ines again: Newest first"));
    assertThat(entries(session).subList(0, 2))
        .containsExactly("Ines again: Newest first", "Ines: Signed with scripts");
    assertThat(session.execute().executeScript("return window.notReloaded"))
        .isEqualTo("still here");
  }

  @Test
  void withJavaScriptOnErrorsShowWithoutAReloadAndTheFormPostsAgain() {
    BrowserFixture.Session session = browser.session();
    session.open("/guestbook");
    session.execute().executeScript("window.notReloaded = 'still here';");
    session.expectConsoleError("422");

    sign(session, "Rui", "   ");

    session.waitUntil(textToBe(By.id("message-error"), "Write a message."));
    assertThat(session.byId("name").getAttribute("value")).isEqualTo("Rui");
    assertThat(session.execute().executeScript("return window.notReloaded"))
        .isEqualTo("still here");
    session.assertNoConsoleErrors();

    session.byId("message").sendKeys("Fixed it");
    session.byId("submit").click();

    session.waitUntil(d -> entries(session).contains("Rui: Fixed it"));
    assertThat(session.byId("message-error").getText()).isEmpty();
    assertThat(session.execute().executeScript("return window.notReloaded"))
        .isEqualTo("still here");
  }
}
