// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture's console check really catches errors, so a clean run means something. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleErrorCheckIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  @Test
  void aConsoleErrorFailsTheCheck() {
    browser.open("/counter");

    browser.execute().executeScript("console.error('planted by ConsoleErrorCheckIT');");

    assertThatThrownBy(browser::assertNoConsoleErrors)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 console error(s)")
        .hasMessageContaining("planted by ConsoleErrorCheckIT");
    browser.assertNoConsoleErrors(); // the check consumed the entry
  }

  @Test
  void aScriptAnswered404FailsTheCheck() {
    browser.open("/counter");

    Object outcome =
        browser
            .execute()
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var script = document.createElement('script');"
                    + "script.src = '/static/no-such-script.js';"
                    + "script.onload = function () { done('loaded'); };"
                    + "script.onerror = function () { done('failed'); };"
                    + "document.head.appendChild(script);");

    assertThat(outcome).isEqualTo("failed");
    assertThatThrownBy(browser::assertNoConsoleErrors)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-script.js")
        .hasMessageContaining("404");
  }

  @Test
  void anExpectedErrorIsAllowedOnce() {
    browser.open("/counter");

    browser.expectConsoleError("expected by ConsoleErrorCheckIT");
    browser.execute().executeScript("console.error('expected by ConsoleErrorCheckIT');");
    browser.assertNoConsoleErrors();

    browser.execute().executeScript("console.error('expected by ConsoleErrorCheckIT');");
    assertThatThrownBy(browser::assertNoConsoleErrors).isInstanceOf(AssertionError.class);
  }
}
