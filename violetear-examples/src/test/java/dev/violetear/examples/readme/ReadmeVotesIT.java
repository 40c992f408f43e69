// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import dev.violetear.examples.BrowserFixture.Session;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The README's shared state example works as written: a vote in one tab shows in another. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeVotesIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(() -> App.create("Votes").register(Votes.class).view("/", Votes::page));

  @Test
  void aVoteInOneTabShowsInTheOther() {
    try (Session other = browser.newSession()) {
      browser.open("/");
      other.open("/");
      other.awaitOnline();

      browser.byId("vote").click();

      other.waitUntil(textToBe(By.id("yes"), "1"));
      browser.waitUntil(textToBe(By.id("yes"), "1"));
    }
  }
}
