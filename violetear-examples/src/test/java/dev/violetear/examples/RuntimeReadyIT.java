// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every page has the runtime, and `ready` reaches subscribers, late ones included. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeReadyIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  @ParameterizedTest
  // "/" has no client code, so no runtime (see QuietPagesIT).
  @ValueSource(strings = {"/counter", "/todos", "/chat"})
  void readyReachesASubscriberRegisteredAfterLoad(String path) {
    browser.driver().get(browser.url(path));

    assertThat(browser.execute().executeScript("return typeof window.violetear;"))
        .isEqualTo("object");
    assertThat(browser.execute().executeScript("return document.readyState;"))
        .isEqualTo("complete");
    // Subscribed after the load event: the runtime calls late subscribers of 'ready' once.
    Object calls =
        browser
            .execute()
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var calls = 0;"
                    + "window.violetear.on('ready', function () {"
                    + "  calls++;"
                    + "  setTimeout(function () { done(calls); }, 0);"
                    + "});");
    assertThat(calls).isEqualTo(1L);
    browser.assertNoConsoleErrors();
  }
}
