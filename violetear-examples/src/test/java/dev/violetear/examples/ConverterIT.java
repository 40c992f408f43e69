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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The converter: state bound to markup. A change re-renders exactly the bound nodes whose value
 * changed, which a MutationObserver on the whole page counts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConverterIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  private static final By FAHRENHEIT = By.id("fahrenheit");

  @Test
  void theServerRendersTheInitialStateAndTheBrowserKeepsIt() {
    browser.open("/converter");
    clearSaved();

    assertThat(browser.byId("celsius").getAttribute("value")).isEqualTo("20");
    assertThat(browser.byId("fahrenheit").getText()).isEqualTo("68.0");
    assertThat(browser.byId("freezing").isDisplayed()).isFalse();
    assertThat(browser.byId("invalid").isDisplayed()).isFalse();
    assertThat(browser.byId("fahrenheit").getAttribute("data-bind"))
        .isEqualTo("class-frozen:Converter.freezing;text:Converter.fahrenheit");
  }

  @Test
  void typingReRendersOnlyTheNodesBoundToWhatChanged() {
    browser.open("/converter");
    clearSaved();
    observeMutations();
    WebElement input = browser.byId("celsius");

    replace(input, "0");
    browser.waitUntil(textToBe(FAHRENHEIT, "32.0"));
    assertThat(mutations())
        .containsExactlyInAnyOrder(
            "fahrenheit childList", "fahrenheit attributes class", "freezing attributes hidden");
    assertThat(browser.byId("freezing").isDisplayed()).isTrue();
    assertThat(browser.byId("fahrenheit").getAttribute("class")).isEqualTo("frozen");

    replace(input, "cold");
    browser.waitUntil(textToBe(FAHRENHEIT, "?"));
    assertThat(mutations())
        .containsExactlyInAnyOrder(
            "fahrenheit childList",
            "fahrenheit attributes class",
            "freezing attributes hidden",
            "invalid attributes hidden");
    assertThat(browser.byId("invalid").isDisplayed()).isTrue();

    // 0.5 is above freezing and a number: fahrenheit's text and the two notices change again.
    replace(input, "0.5");
    browser.waitUntil(textToBe(FAHRENHEIT, "32.9"));
    assertThat(mutations())
        .containsExactlyInAnyOrder("fahrenheit childList", "invalid attributes hidden");
  }

  @Test
  void theLastValueTypedComesBackAfterAReload() {
    browser.open("/converter");
    replace(browser.byId("celsius"), "-40");
    browser.waitUntil(textToBe(FAHRENHEIT, "-40.0"));

    browser.reload();

    browser.waitUntil(textToBe(FAHRENHEIT, "-40.0"));
    assertThat(browser.byId("celsius").getAttribute("value")).isEqualTo("-40");
    assertThat(browser.byId("freezing").isDisplayed()).isTrue();
    browser.execute().executeScript("localStorage.clear();");
  }

  private static void replace(WebElement input, String text) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
  }

  // A value an earlier test left in local storage would be restored: start from the default.
  private static void clearSaved() {
    browser.execute().executeScript("localStorage.clear();");
    browser.reload();
  }

  // Records every DOM mutation of the page from now on, as "id type [attribute]".
  private static void observeMutations() {
    browser
        .execute()
        .executeScript(
            "window.mutations = [];"
                + "new MutationObserver(function (records) { records.forEach(function (r) {"
                + "  var el = r.target.nodeType === 1 ? r.target : r.target.parentElement;"
                + "  window.mutations.push((el.id || el.tagName) + ' ' + r.type"
                + "    + (r.attributeName ? ' ' + r.attributeName : '')); }); })"
                + ".observe(document.body, {subtree: true, childList: true, characterData: true,"
                + " attributes: true});");
  }

  // The mutations recorded since the last call.
  @SuppressWarnings("unchecked")
  private static List<String> mutations() {
    return (List<String>)
        browser
            .execute()
            .executeScript("var m = window.mutations; window.mutations = []; return m;");
  }
}
