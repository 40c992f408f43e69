// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.examples.BrowserFixture;
import dev.violetear.testing.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * DESIGN §2 lifecycle guarantees in Chromium, with the races forced by the server's fault hooks
 * instead of hoped for: the socket established long before the bundle runs, long after it, and a
 * connection dropped by the server and restored. Each test checks the order in which the page's
 * handlers ran (the probe page's {@code #events} list) and the order in which the server ran its
 * handlers and received the page's messages, each exactly once (a final "fence" message proves
 * nothing else is still in flight before it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleRacesIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(() -> LifecycleProbe.create(Path.of("target", "lifecycle-bundle-cache")));

  /** The runtime's retry delay while test (c) holds the page offline; never reached. */
  private static final int OUTAGE_MS = 10 * 60 * 1000;

  /** What the page shows once connected for the first time. */
  private static final List<String> FIRST_CONNECTION =
      List.of("ready", "probe 5", "ready-done", "connect", "hello 1");

  /** What the server received from the ready handler, in order. */
  private static final List<String> QUEUED_IN_READY =
      List.of("hit 1", "hit 2", "hit 3", "hit 4", "hit 5", "probe 5");

  @BeforeEach
  void freshClientAndNoCache() {
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    // A new ClientId per test, so the server's log of one test holds nothing from another.
    chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    // The bundle is served as immutable: without this a reload would skip the delayed response.
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
  }

  @AfterEach
  void resetFaults() {
    Faults.reset();
  }

  @AfterAll
  static void resetFaultsForGood() {
    Faults.reset();
  }

  /** (d) No delays: sends made in ready handlers, local emit included, arrive once, in order. */
  @Test
  void sendsFromReadyHandlersArriveInOrderBeforeConnectSends() {
    browser.open("/probe");

    awaitEvents(FIRST_CONNECTION);
    String id = clientId();
    List<String> log = fence(id, "hit 301");
    assertThat(log)
        .containsExactlyElementsOf(
            concat(List.of("connect"), QUEUED_IN_READY, List.of("hit 101", "hit 301")));
  }

  /** (a) The socket is established before the bundle runs, however long the page takes. */
  @Test
  void socketEstablishedLongBeforeTheBundle() {
    Faults.holdBundlesUntilAWelcome();

    browser.open("/probe"); // the deferred bundle holds the load event until the welcome

    awaitEvents(FIRST_CONNECTION);
    WebElement ready = item(0);
    // The welcome had arrived when ready ran, yet the connection was not live: ready came first,
    // and connect waited for the whole ready handler (past its RPC).
    assertThat(ready.getAttribute("data-welcomed")).isEqualTo("yes");
    assertThat(ready.getAttribute("data-state")).isEqualTo("connecting");

    String id = clientId();
    List<String> log = fence(id, "hit 301");
    assertThat(log)
        .containsExactlyElementsOf(
            concat(List.of("connect"), QUEUED_IN_READY, List.of("hit 101", "hit 301")));
  }

  /** (b) The welcome comes only after the bundle ran its ready handlers. */
  @Test
  void socketEstablishedLongAfterTheBundle() {
    Faults.holdWelcomes();

    browser.open("/probe");

    // Ready has finished, but the connection is not established: everything is still queued.
    awaitEvents(List.of("ready", "probe 5", "ready-done"));
    assertThat(state()).isEqualTo("connecting");
    assertThat(item(0).getAttribute("data-welcomed")).isEqualTo("no");
    assertThat(events()).containsExactly("ready", "probe 5", "ready-done");

    Faults.releaseWelcomes();
    awaitEvents(FIRST_CONNECTION);
    String id = clientId();
    List<String> log = fence(id, "hit 301");
    assertThat(log)
        .containsExactlyElementsOf(
            concat(List.of("connect"), QUEUED_IN_READY, List.of("hit 101", "hit 301")));
  }

  /** (c) The server drops the connection; calls made during the outage arrive after it, once. */
  @Test
  void connectionDroppedByTheServerAndRestored() {
    browser.open("/probe");
    awaitEvents(FIRST_CONNECTION);
    String id = clientId();
    awaitLog(id, "hit 101");

    // The outage lasts until the test ends it with connect(): the retry the runtime schedules
    // comes only after OUTAGE_MS, far past the test's timeout. A plain-JS disconnect handler
    // calls the server at once, while the runtime reports the connection down; a plain-JS
    // connect handler calls it synchronously when the connection is back, so the queued calls
    // must have been flushed before it runs.
    browser
        .execute()
        .executeScript(
            "window.violetear.configure({backoff: function () { return "
                + OUTAGE_MS
                + "; }});"
                + "window.probeOutage = null;"
                + "var offDisconnect = window.violetear.on('disconnect', function () {"
                + "  offDisconnect();"
                + "  window.probeOutage = window.violetear.state;"
                + "  window.violetear.call('LifecycleProbe.hit', [200]);"
                + "  var offConnect = window.violetear.on('connect', function () {"
                + "    offConnect();"
                + "    window.violetear.call('LifecycleProbe.hit', [250]);"
                + "  });"
                + "});");

    Faults.dropConnections();

    awaitEvents(concat(FIRST_CONNECTION, List.of("disconnect")));
    assertThat(browser.execute().executeScript("return window.probeOutage;"))
        .isEqualTo("connecting");
    assertThat(state()).isEqualTo("connecting");
    // A Java callback during the outage: its realtime call is queued behind the one above.
    browser.byId("more").click(); // hit 301
    await(
        () -> browser.byId("more").getAttribute("data-state-1") != null,
        () -> "the click on #more did not run");
    assertThat(browser.byId("more").getAttribute("data-state-1")).isEqualTo("connecting");
    assertThat(LifecycleProbe.log(id)).doesNotContain("hit 200", "hit 301");

    browser.execute().executeScript("window.violetear.connect();"); // the network is back
    awaitEvents(concat(FIRST_CONNECTION, List.of("disconnect", "connect", "hello 2")));
    assertThat(clientId()).isEqualTo(id);

    List<String> log = fence(id, "hit 302"); // on the restored connection
    List<String> beforeConnectHandlers =
        concat(
            List.of("connect"),
            QUEUED_IN_READY,
            List.of("hit 101", "disconnect", "connect", "hit 200", "hit 301"));
    assertThat(log).hasSize(beforeConnectHandlers.size() + 3);
    assertThat(log.subList(0, beforeConnectHandlers.size()))
        .containsExactlyElementsOf(beforeConnectHandlers);
    // The JS and the Java connect handlers' calls (the Java one runs on its own green thread).
    assertThat(log.subList(beforeConnectHandlers.size(), log.size() - 1))
        .containsExactlyInAnyOrder("hit 250", "hit 102");
    assertThat(log.get(log.size() - 1)).isEqualTo("hit 302");
    // Still exactly one disconnect and one reconnect in the page.
    assertThat(events())
        .containsExactlyElementsOf(
            concat(FIRST_CONNECTION, List.of("disconnect", "connect", "hello 2")));
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * Clicks #more, whose call {@code hit} goes out after everything the page sent before, waits
   * until the server logged it and returns the server's log: any duplicate or straggler of an
   * earlier message would be in it by then.
   */
  private static List<String> fence(String id, String hit) {
    browser.byId("more").click();
    awaitLog(id, hit);
    return LifecycleProbe.log(id);
  }

  private static void awaitLog(String id, String step) {
    await(
        () -> LifecycleProbe.log(id).contains(step),
        () -> "server log of " + id + ": " + LifecycleProbe.log(id) + ", waiting for " + step);
  }

  private static void awaitEvents(List<String> expected) {
    List<String> seen = new ArrayList<>();
    await(
        () -> {
          seen.clear();
          seen.addAll(events());
          return seen.equals(expected);
        },
        () -> "page events " + seen + ", expected " + expected);
  }

  private static void await(Supplier<Boolean> condition, Supplier<String> message) {
    new FluentWait<>(condition)
        .withTimeout(Duration.ofSeconds(10))
        .pollingEvery(Duration.ofMillis(20))
        .withMessage(message)
        .until(c -> c.get() ? Boolean.TRUE : null);
  }

  @SuppressWarnings("unchecked")
  private static List<String> events() {
    return (List<String>)
        browser
            .execute()
            .executeScript(
                "return Array.from(document.querySelectorAll('#events li'))"
                    + ".map(function (li) { return li.textContent; });");
  }

  private static WebElement item(int index) {
    return browser.driver().findElements(By.cssSelector("#events li")).get(index);
  }

  private static String state() {
    return (String) browser.execute().executeScript("return window.violetear.state;");
  }

  private static String clientId() {
    String id = (String) browser.execute().executeScript("return window.violetear.clientId;");
    assertThat(id).as("clientId from the welcome").isNotNull();
    return id;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
