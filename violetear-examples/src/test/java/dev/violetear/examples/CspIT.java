// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The showcase runs under the default Content-Security-Policy with a clean console: every page
 * carries the policy, has no inline script, style attribute or event-handler attribute, and works
 * (one interaction each). The policy is shown to be in force in Chromium, not only sent: inline
 * script and string evaluation are refused, and a refusal is a console error the fixture's check
 * catches, so the clean console of the other tests means something.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CspIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self';"
          + " form-action 'self'";

  /** Fetches the current page again from inside the page: its headers and HTML as served. */
  private static final String FETCH_PAGE =
      "var done = arguments[arguments.length - 1];"
          + "fetch(location.href, {credentials: 'same-origin'})"
          + ".then(function (r) { return r.text().then(function (html) {"
          + "  done({policy: r.headers.get('content-security-policy'), html: html}); }); })"
          + ".catch(function (e) { done({error: String(e)}); });";

  /** What the page's DOM, as parsed from the served HTML, holds that the policy would block. */
  private static final String INLINE_CONTENT =
      "var doc = new DOMParser().parseFromString(arguments[0], 'text/html');var found ="
          + " [];doc.querySelectorAll('script').forEach(function (s) {  if (!s.hasAttribute('src')"
          + " || s.textContent.trim() !== '') found.push('inline script');"
          + " });doc.querySelectorAll('*').forEach(function (el) {  for (var i = 0; i <"
          + " el.attributes.length; i++) {    var name = el.attributes[i].name.toLowerCase();    if"
          + " (name === 'style' || name.indexOf('on') === 0) found.push(el.tagName + ' ' + name); "
          + " } });doc.querySelectorAll('style').forEach(function () { found.push('style element');"
          + " });return found;";

  @ParameterizedTest
  @ValueSource(strings = {"/", "/counter", "/todos", "/chat", "/board", "/messages", "/guestbook"})
  void everyShowcasePageCarriesThePolicyHasNoInlineCodeAndWorksWithACleanConsole(String path) {
    browser.open(path);

    @SuppressWarnings("unchecked")
    Map<String, Object> served =
        (Map<String, Object>) browser.execute().executeAsyncScript(FETCH_PAGE);
    assertThat(served).doesNotContainKey("error");
    assertThat(served.get("policy")).as("the policy the browser receives").isEqualTo(POLICY);
    String html = (String) served.get("html");
    assertThat(browser.execute().executeScript(INLINE_CONTENT, html)).as(path).isEqualTo(List.of());
    // The same, read from the text, so that a parser's repairs cannot hide anything.
    assertThat(html)
        .as(path)
        .doesNotContainPattern(
            Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE))
        .doesNotContainPattern(Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE))
        .doesNotContainPattern(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE));

    interact(path);
    browser.assertNoConsoleErrors();
  }

  /** One interaction per page, each running client code under the policy. */
  private static void interact(String path) {
    String unique = Long.toString(System.nanoTime(), 36);
    switch (path) {
      case "/" -> {
        browser.byId("counter-link").click();
        browser.waitUntil(urlToBe(browser.url("/counter")));
        browser.awaitReady();
      }
      case "/counter" -> {
        String before = browser.byId("display").getText();
        int count = Integer.parseInt(before.substring("Count: ".length()));
        browser.byId("plus").click();
        browser.waitUntil(textToBe(By.id("display"), "Count: " + (count + 1)));
      }
      case "/todos" -> {
        int items = browser.driver().findElements(By.cssSelector("#items > li")).size();
        browser.byId("new-item").sendKeys("Under the policy " + unique);
        browser.byId("add").click();
        browser.waitUntil(numberOfElementsToBe(By.cssSelector("#items > li"), items + 1));
      }
      case "/chat" -> {
        browser.waitUntil(textToBe(By.id("status"), "online"));
        browser.byId("message").sendKeys("policy " + unique);
        browser.byId("send").click();
        browser.waitUntil(
            (WebDriver d) ->
                browser.session().texts("#log li.message").stream()
                        .anyMatch(line -> line.endsWith(": policy " + unique))
                    ? Boolean.TRUE
                    : null);
      }
      case "/board" -> {
        browser.session().awaitOnline();
        browser.byId("start").click();
        browser.waitUntil(textMatches(By.id("game"), Pattern.compile("Game #\\d+ started by .+")));
      }
      case "/messages" -> {
        // A fragment loaded into the page, then a callback of it run.
        int id = browser.app().service(MessageBoard.class).add("policy " + unique).id();
        browser.byId("refresh").click();
        By like = By.cssSelector("#message-" + id + " button.like");
        browser.waitUntil(numberOfElementsToBe(like, 1));
        browser.driver().findElement(like).click();
        browser.waitUntil(textToBe(like, "\u2665 1"));
      }
      case "/guestbook" -> {
        browser.byId("name").sendKeys("Policy");
        browser.byId("message").sendKeys("signed " + unique);
        browser.byId("submit").click();
        // Read in one script: the runtime swaps the body in between two WebDriver reads.
        browser.waitUntil(
            d ->
                browser
                    .execute()
                    .executeScript(
                        "return document.body.textContent.indexOf(arguments[0]) >= 0 || null;",
                        "Policy: signed " + unique));
      }
      default -> throw new IllegalArgumentException(path);
    }
  }

  @Test
  void inlineScriptAndStringEvaluationAreRefusedAndEachRefusalIsAConsoleError() {
    browser.open("/counter");
    browser
        .execute()
        .executeScript(
            "window.violations = [];"
                + "document.addEventListener('securitypolicyviolation', function (e) {"
                + "  window.violations.push(e.violatedDirective + ' ' + e.blockedURI); });");

    // An injected inline script element does not run.
    Object ran =
        browser
            .execute()
            .executeScript(
                "var s = document.createElement('script');"
                    + "s.textContent = 'window.inlineRan = true;';"
                    + "document.head.appendChild(s);"
                    + "return window.inlineRan === true;");
    assertThat(ran).isEqualTo(false);
    // The refusal is a console error: the fixture's check fails on it.
    assertThatThrownBy(browser::assertNoConsoleErrors)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Content Security Policy")
        .hasMessageContaining("script-src 'self'");

    // String evaluation throws, in a script of the page's own origin (test resources are served
    // under /static too).
    browser.expectConsoleError("Content Security Policy");
    @SuppressWarnings("unchecked")
    Map<String, Object> probe =
        (Map<String, Object>)
            browser
                .execute()
                .executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                        + "var s = document.createElement('script');"
                        + "s.src = '/static/csp-probe.js';"
                        + "s.onload = function () { done(window.cspProbe); };"
                        + "s.onerror = function () { done({error: 'not loaded'}); };"
                        + "document.head.appendChild(s);");
    assertThat(probe).isEqualTo(Map.of("eval", "EvalError", "newFunction", "EvalError"));
    browser.assertNoConsoleErrors();

    // A script from another origin (this server under another host name) is refused too.
    browser.expectConsoleError("Content Security Policy");
    Object foreign =
        browser
            .execute()
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var s = document.createElement('script');"
                    + "s.src = arguments[0];"
                    + "s.onload = function () { done('loaded'); };"
                    + "s.onerror = function () { done('refused'); };"
                    + "document.head.appendChild(s);",
                browser.url("/static/showcase.css").replace("localhost", "127.0.0.1"));
    assertThat(foreign).isEqualTo("refused");
    browser.assertNoConsoleErrors();

    // A style attribute set from script is refused as well.
    browser.expectConsoleError("Content Security Policy");
    Object color =
        browser
            .execute()
            .executeScript(
                "var el = document.getElementById('display');"
                    + "el.setAttribute('style', 'color: rgb(255, 0, 0)');"
                    + "return getComputedStyle(el).color;");
    assertThat(color).isNotEqualTo("rgb(255, 0, 0)");
    browser.assertNoConsoleErrors();

    @SuppressWarnings("unchecked")
    List<String> violations =
        (List<String>) browser.execute().executeScript("return window.violations;");
    assertThat(violations)
        .anyMatch(v -> v.startsWith("script-src-elem inline"))
        .anyMatch(v -> v.startsWith("script-src eval"))
        .anyMatch(v -> v.startsWith("script-src-elem http://127.0.0.1:"))
        .anyMatch(v -> v.startsWith("style-src-attr inline"));

    // The page still works after all of this.
    String before = browser.byId("display").getText();
    browser.byId("plus").click();
    browser.waitUntil(
        (WebDriver d) -> d.findElement(By.id("display")).getText().equals(before) ? null : true);
  }
}
