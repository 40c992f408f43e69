// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import dev.violetear.examples.BrowserFixture.Session;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The README's per-group state example works as written: a point in one room shows in that room's
 * tabs only, and a tab that enters the room shows its score at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeRoomsIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(() -> App.create("Rooms").register(Rooms.class).view("/", Rooms::page));

  @Test
  void aPointShowsInItsRoomOnlyAndEnteringTheRoomShowsItsScore() {
    try (Session other = browser.newSession()) {
      browser.open("/");
      other.open("/");
      other.awaitOnline();

      browser.byId("red").click();
      browser.waitUntil(textToBe(By.id("room"), "red"));
      other.byId("blue").click();
      other.waitUntil(textToBe(By.id("room"), "blue"));
      browser.byId("point").click();
      browser.byId("point").click();

      browser.waitUntil(textToBe(By.id("score"), "2"));
      other.byId("point").click();
      other.waitUntil(textToBe(By.id("score"), "1"));
      assertThat(browser.byId("score").getText()).as("red's score, not blue's").isEqualTo("2");

      other.byId("red").click();

      other.waitUntil(textToBe(By.id("score"), "2"));
      other.waitUntil(textToBe(By.id("room"), "red"));
    }
  }
}
