// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A view gives a state its value for one request ({@code Document.initial}), and the page starts
 * with it: the server renders it, the bound input holds it, the {@code ready} handler reads it, and
 * binding the page changes no bound node (no flash of the initialiser's value). The values travel
 * in a data block that the app's Content-Security-Policy allows: the fixture fails the test on any
 * console error, a CSP report included.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InitialStateIT {
  /** Who the next request is for: what the view would read from a session store. */
  static final AtomicReference<String> signedIn = new AtomicReference<>("Ada");

  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () ->
              App.create("Profile")
                  .register(Profile.class)
                  .view("/", () -> Profile.page(signedIn.get())));

  @BeforeAll
  static void recordMutationsOnceParsed() {
    // Runs before the page's own scripts; CDP's scripts are not subject to the page's CSP. The
    // observer starts when parsing ends, just before the deferred bundle runs.
    ((ChromeDriver) browser.driver())
        .executeCdpCommand(
            "Page.addScriptToEvaluateOnNewDocument",
            Map.of(
                "source",
                "window.mutations = [];"
                    + "document.addEventListener('readystatechange', function () {"
                    + "  if (document.readyState !== 'interactive') { return; }"
                    + "  new MutationObserver(function (records) { records.forEach(function (r) {"
                    + "    var el = r.target.nodeType === 1 ? r.target : r.target.parentElement;"
                    + "    window.mutations.push((el.id || el.tagName) + ' ' + r.type); }); })"
                    + "  .observe(document.body, {subtree: true, childList: true,"
                    + "    characterData: true, attributes: true}); });"));
  }

  @Test
  void twoRequestsStartTwoPagesWithTheirOwnValues() {
    signedIn.set("Ada");
    browser.open("/");
    browser.awaitReady();
    browser.waitUntil(textToBe(By.id("seen"), "ready saw Ada"));
    assertThat(browser.byId("name").getAttribute("value")).isEqualTo("Ada");
    assertThat(browser.byId("greeting").getText()).isEqualTo("Hello, Ada!");

    signedIn.set("Bob");
    browser.open("/");
    browser.awaitReady();
    browser.waitUntil(textToBe(By.id("seen"), "ready saw Bob"));
    assertThat(browser.byId("name").getAttribute("value")).isEqualTo("Bob");
    assertThat(browser.byId("greeting").getText()).isEqualTo("Hello, Bob!");
  }

  @Test
  void bindingThePageChangesNoBoundNodeAndTypingStartsFromTheGivenValue() {
    signedIn.set("Ada");
    browser.open("/");
    browser.awaitReady();
    browser.waitUntil(textToBe(By.id("seen"), "ready saw Ada"));

    // Only the ready handler wrote; the bound nodes already showed the page's values.
    assertThat(mutations()).containsOnly("seen childList");

    browser.byId("name").sendKeys(" Lovelace");
    browser.waitUntil(textToBe(By.id("greeting"), "Hello, Ada Lovelace!"));
  }

  @Test
  void theDataBlockIsServedUnderTheAppsStrictPolicy() throws Exception {
    signedIn.set("</script><script>document.title='owned'</script>");
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(browser.url("/"))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");

    browser.open("/");
    browser.awaitReady();

    browser.waitUntil(
        textToBe(By.id("seen"), "ready saw </script><script>document.title='owned'</script>"));
    assertThat(browser.driver().getTitle()).isEqualTo("Profile");
    assertThat(browser.byId("name").getAttribute("value"))
        .isEqualTo("</script><script>document.title='owned'</script>");
  }

  @SuppressWarnings("unchecked")
  private static List<String> mutations() {
    return (List<String>) browser.execute().executeScript("return window.mutations;");
  }
}
