// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.CapturedLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * A {@code @Server.Realtime} method declared with a result: the browser's stub returns zero and
 * warns in the console, and the server warns that the value it returned is lost, each with a
 * message that says what to do instead.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WarningsIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture(Lossy::create);

  private static final String CONSOLE_WARNING =
      "violetear: Lossy.answer is @Server.Realtime, so the call has no result: it returns"
          + " null/zero. Use @Server.Rpc to get the server's answer.";
  private static final String SERVER_WARNING =
      "WARN dev.violetear.internal.realtime.FrameDispatcher - Lossy.answer returned a value, but"
          + " realtime calls have no result: it is lost";
  private static final String START_WARNING =
      "WARN dev.violetear.app.App - @Server.Realtime method Lossy.answer returns int, but realtime"
          + " calls have no result";

  @Test
  void realtimeCallWithAResultWarnsInTheBrowserAndOnTheServer() {
    browser.open("/");
    int before = Lossy.calls.get();

    browser.byId("ask").click();

    // The stub returned zero at once, and said why in the console (a warning, not an error).
    browser.waitUntil(textToBe(By.id("answer"), "answer: 0"));
    String warning = browser.session().awaitConsoleMessage(Level.WARNING, CONSOLE_WARNING);
    assertThat(warning).contains(CONSOLE_WARNING);
    assertThat(browser.session().consoleMessages(Level.SEVERE)).isEmpty();
    // The server still ran the method, and logged that its result is lost.
    new FluentWait<>(Lossy.calls)
        .withTimeout(BrowserFixture.TIMEOUT)
        .pollingEvery(Duration.ofMillis(20))
        .until(calls -> calls.get() > before && serverLog().contains(SERVER_WARNING));

    // Once per method: a second call warns in the browser again, but not in the server log.
    browser.byId("ask").click();
    new FluentWait<>(Lossy.calls)
        .withTimeout(BrowserFixture.TIMEOUT)
        .pollingEvery(Duration.ofMillis(20))
        .until(calls -> calls.get() > before + 1);
    browser
        .session()
        .waitUntil(
            d ->
                browser.session().consoleMessages(Level.WARNING).stream()
                            .filter(m -> m.contains(CONSOLE_WARNING))
                            .count()
                        == 2
                    ? Boolean.TRUE
                    : null);
    assertThat(serverLog()).containsOnlyOnce(SERVER_WARNING);
  }

  @Test
  void theDeclarationIsReportedWhenTheAppStarts() {
    // The app started in @BeforeAll (BrowserFixture).
    assertThat(CapturedLog.ofClass()).containsOnlyOnce(START_WARNING);
  }

  /** The server's log lines of the running test only (see {@link CapturedLog}). */
  private static String serverLog() {
    return CapturedLog.ofTest();
  }
}
