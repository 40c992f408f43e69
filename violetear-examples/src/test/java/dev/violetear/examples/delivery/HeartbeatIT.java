// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import dev.violetear.examples.BrowserFixture;
import dev.violetear.testing.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * A half-open network in a real browser: a proxy that holds every byte without closing anything, so
 * neither side gets a close. With a heartbeat of 500 ms the page gives its socket up and
 * reconnects, the server frees its side, and once the network is back the page resumes with
 * everything both sides sent meanwhile, once and in order (DESIGN §3, "Limits and slow peers").
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HeartbeatIT {
  private static final Duration HEARTBEAT = Duration.ofMillis(500);

  @RegisterExtension
  static final BrowserFixture browser = new BrowserFixture(() -> StreamApp.create(HEARTBEAT));

  @Test
  void aHalfOpenSocketIsDroppedByBothSidesAndThePageResumesLosingNothing() {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port())) {
      browser.driver().get("http://localhost:" + proxy.port() + "/stream");
      browser.session().awaitOnline();
      ClientId id = browser.session().clientId();
      Stream.forget(id.value());
      JavascriptExecutor js = browser.execute();
      js.executeScript(
          "window.reconnects = 0; window.violetear.on('connect', () => window.reconnects++);");

      proxy.stall(true);
      js.executeScript("for (let n = 1; n <= 20; n++) window.violetear.call('Stream.hit', [n]);");
      for (int n = 1; n <= 20; n++) {
        browser.app().clients().to(id).invoke(Stream::got, n);
      }
      // Without the heartbeat both sides would hold the stalled socket open for good. The page's
      // own check closed it: the proxy holds the server's close too.
      await(() -> !"open".equals(js.executeScript("return window.violetear.state;")));
      browser.session().awaitConsoleMessage(Level.WARNING, "not even the answer to a ping");
      await(() -> browser.app().stats().connections() == 0);
      assertThat(Stream.receivedFrom(id.value())).isEmpty();

      proxy.stall(false);
      List<Integer> expected = IntStream.rangeClosed(1, 20).boxed().toList();
      await(() -> Stream.receivedFrom(id.value()).size() >= 20);
      await(() -> browser.session().texts("#got li").size() >= 20);
      assertThat(Stream.receivedFrom(id.value())).isEqualTo(expected);
      assertThat(browser.session().texts("#got li"))
          .isEqualTo(expected.stream().map(String::valueOf).toList());
      assertThat(browser.byId("resume").getText()).as("the session was resumed").isEmpty();
      assertThat((Long) js.executeScript("return window.reconnects;"))
          .as("the page's connects after its first")
          .isGreaterThanOrEqualTo(1L);
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    new FluentWait<>(condition)
        .withTimeout(Duration.ofSeconds(30))
        .pollingEvery(Duration.ofMillis(20))
        .until(c -> c.getAsBoolean());
  }
}
