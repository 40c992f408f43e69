// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The README's fragments example works as written (started on a free port instead of 8000). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeNewsIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () ->
              App.create("News")
                  .register(News.class)
                  .view("/", News::page)
                  .fragment("/news", News::latest));

  private static final By HEADLINES = By.cssSelector("#news > #headlines > li");

  @Test
  void moreLoadsTheHeadlinesAndTheirButtonsWork() {
    browser.open("/");
    assertThat(browser.driver().findElements(HEADLINES)).isEmpty();

    browser.byId("more").click();

    browser.waitUntil(numberOfElementsToBe(HEADLINES, 4));
    assertThat(browser.session().texts("#headlines > li"))
        .containsExactly(
            "Fragments landed Read", "Tests pass Read", "Docs updated Read", "Release soon Read");
    By third = By.cssSelector("#headlines > li:nth-child(3) > button");
    browser.driver().findElement(third).click();
    browser.waitUntil(textToBe(third, "Done"));
  }

  @Test
  void theFragmentAloneIsTheListTheQueryAsks() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(browser.url("/news"))).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.body())
        .isEqualTo(
            "<ul id=\"headlines\"><li>Fragments landed <button data-on-click=\"News.read\">Read"
                + "</button></li><li>Tests pass <button data-on-click=\"News.read\">Read</button>"
                + "</li></ul>");
  }
}
