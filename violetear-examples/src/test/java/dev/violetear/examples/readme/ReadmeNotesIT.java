// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example of a page's own initial value works as written (on a free port). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeNotesIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(() -> App.create("Notes").register(Notes.class).view("/", Notes::page));

  @Test
  void eachPageStartsWithTheNotesSavedWhenItWasRequested() {
    Notes.saved.clear();
    Notes.saved.add(new Notes.Note("n1", "Buy milk"));
    browser.open("/");
    browser.awaitReady();
    assertThat(browser.byId("count").getText()).isEqualTo("1 notes");
    assertThat(browser.session().texts("#notes > li")).containsExactly("Buy milk");

    Notes.saved.add(new Notes.Note("n2", "Call Bob"));
    browser.open("/");
    browser.awaitReady();

    assertThat(browser.byId("count").getText()).isEqualTo("2 notes");
    assertThat(browser.session().texts("#notes > li")).containsExactly("Buy milk", "Call Bob");
  }
}
