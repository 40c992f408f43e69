// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import dev.violetear.examples.BrowserFixture;
import dev.violetear.testing.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Realtime calls from a real browser through a TCP proxy that cuts every connection several times
 * while they flow, and calls both ways while the page is offline: each arrives exactly once, in
 * order (DESIGN §2, delivery).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DeliveryUnderFaultsIT {
  private static final int CALLS = 300;

  @RegisterExtension static final BrowserFixture browser = new BrowserFixture(StreamApp::create);

  @Test
  void callsSentWhileTheNetworkDropsArriveExactlyOnceInOrder() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port())) {
      String id = openStream(proxy).value();
      JavascriptExecutor js = browser.execute();
      js.executeScript(
          "window.reconnects = 0; window.violetear.on('connect', () => window.reconnects++);");
      // One call every 5 ms from the page's own timer, so calls keep coming during the cuts.
      js.executeScript(
          "let n = 0; const tick = () => { n += 1; window.violetear.call('Stream.hit', [n]);"
              + " if (n < arguments[0]) setTimeout(tick, 5); }; tick();",
          CALLS);

      int[] thresholds = {50, 120, 200};
      for (int threshold : thresholds) {
        await(() -> Stream.receivedFrom(id).size() >= threshold);
        proxy.cutAll();
      }
      await(() -> Stream.receivedFrom(id).size() >= CALLS);

      List<Integer> expected = IntStream.rangeClosed(1, CALLS).boxed().toList();
      assertThat(Stream.receivedFrom(id)).isEqualTo(expected);
      // Each cut dropped the page's live connection (the calls after it needed a new one), so the
      // page went live again once per cut: the calls really crossed the drops.
      assertThat(js.executeScript("return window.reconnects;"))
          .as("the page's connects after its first, one per cut")
          .isEqualTo((long) thresholds.length);
    }
  }

  @Test
  void whatBothSidesSentWhileThePageWasOfflineArrivesOnceInOrderWhenItResumes() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port())) {
      ClientId id = openStream(proxy);
      JavascriptExecutor js = browser.execute();
      // The page calls 1..5 while online, so the session has history before it goes away.
      js.executeScript("for (let n = 1; n <= 5; n++) window.violetear.call('Stream.hit', [n]);");
      await(() -> Stream.receivedFrom(id.value()).size() == 5);
      browser.app().clients().to(id).invoke(Stream::got, 1);
      await(() -> browser.session().texts("#got li").equals(List.of("1")));

      proxy.refuseNew(true);
      // Reconnects that meet the refusal are logged by Chromium as console errors.
      browser.expectConsoleError("ws://localhost:" + proxy.port() + "/_violetear/ws");
      proxy.cutAll();
      await(() -> !"open".equals(js.executeScript("return window.violetear.state;")));
      js.executeScript("for (let n = 6; n <= 40; n++) window.violetear.call('Stream.hit', [n]);");
      for (int n = 2; n <= 40; n++) {
        browser.app().clients().to(id).invoke(Stream::got, n);
      }
      assertThat(Stream.receivedFrom(id.value())).hasSize(5);
      assertThat(browser.session().texts("#got li")).containsExactly("1");

      proxy.refuseNew(false);
      List<Integer> expected = IntStream.rangeClosed(1, 40).boxed().toList();
      await(() -> Stream.receivedFrom(id.value()).size() >= 40);
      await(() -> browser.session().texts("#got li").size() >= 40);
      assertThat(Stream.receivedFrom(id.value())).isEqualTo(expected);
      assertThat(browser.session().texts("#got li"))
          .isEqualTo(expected.stream().map(String::valueOf).toList());
      assertThat(browser.byId("resume").getText()).as("the session was resumed").isEmpty();
    }
  }

  @Test
  void aStalledNetworkDelaysCallsBothWaysButLosesNone() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port())) {
      ClientId id = openStream(proxy);
      JavascriptExecutor js = browser.execute();
      js.executeScript(
          "window.reconnects = 0; window.violetear.on('connect', () => window.reconnects++);");

      proxy.stall(true);
      js.executeScript("for (let n = 1; n <= 50; n++) window.violetear.call('Stream.hit', [n]);");
      for (int n = 1; n <= 50; n++) {
        browser.app().clients().to(id).invoke(Stream::got, n);
      }
      // Nothing crosses a stalled network.
      assertThat(Stream.receivedFrom(id.value())).isEmpty();
      assertThat(browser.session().texts("#got li")).isEmpty();

      proxy.stall(false);
      List<Integer> expected = IntStream.rangeClosed(1, 50).boxed().toList();
      await(() -> Stream.receivedFrom(id.value()).size() >= 50);
      await(() -> browser.session().texts("#got li").size() >= 50);
      assertThat(Stream.receivedFrom(id.value())).isEqualTo(expected);
      assertThat(browser.session().texts("#got li"))
          .isEqualTo(expected.stream().map(String::valueOf).toList());
      assertThat(js.executeScript("return window.reconnects;"))
          .as("the connection held: no reconnect was needed")
          .isEqualTo(0L);
    }
  }

  /**
   * Opens the stream page through {@code proxy}, waits until it is online and forgets what earlier
   * tests recorded for its client (the browser keeps its cookie across tests).
   */
  private static ClientId openStream(FaultProxy proxy) {
    browser.driver().get("http://localhost:" + proxy.port() + "/stream");
    browser.session().awaitOnline();
    ClientId id = browser.session().clientId();
    Stream.forget(id.value());
    return id;
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    new FluentWait<>(condition)
        .withTimeout(Duration.ofSeconds(30))
        .pollingEvery(Duration.ofMillis(20))
        .until(c -> c.getAsBoolean());
  }
}
