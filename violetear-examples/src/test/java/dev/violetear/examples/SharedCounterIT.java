// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.examples.BrowserFixture.Session;
import dev.violetear.testing.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The shared counter: one count the server owns. Concurrent clicks in three tabs end equal in all
 * three, and a tab cut off while others click shows the current count before its connect handler
 * runs. The grace period is zero, so the cut tab cannot resume: only the value the server sends
 * with the welcome can bring it up to date.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SharedCounterIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () -> Showcase.create(Path.of(".violetear", "cache"), c -> c.resumeGrace(Duration.ZERO)));

  @Test
  void concurrentClicksInThreeTabsEndEqualInAll() {
    try (Session second = browser.newSession();
        Session third = browser.newSession()) {
      List<Session> tabs = List.of(browser.session(), second, third);
      for (Session tab : tabs) {
        tab.open("/shared");
        tab.awaitOnline();
      }
      int start = count(browser.session());

      for (Session tab : tabs) {
        // Five clicks at once: the calls overlap on the server.
        tab.execute()
            .executeScript("for (let i = 0; i < 5; i++) document.getElementById('plus').click();");
      }

      for (Session tab : tabs) {
        tab.waitUntil(d -> count(tab) == start + 15);
      }
      for (Session tab : tabs) {
        assertThat(tab.byId("label").getText()).isEqualTo((start + 15) + " clicks");
      }
    }
  }

  @Test
  void aTabCutOffShowsTheCurrentCountBeforeItsConnectHandlerRuns() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port());
        Session other = browser.newSession()) {
      Session cut = browser.session();
      cut.driver().get("http://localhost:" + proxy.port() + "/shared");
      cut.awaitOnline();
      other.open("/shared");
      other.awaitOnline();
      int start = count(other);
      cut.waitUntil(d -> seenAtConnect(cut).equals(List.of(String.valueOf(start))));

      proxy.refuseNew(true);
      // Its reconnects through the proxy meet the refusal: Chromium logs each as an error.
      cut.expectConsoleError("ws://localhost:" + proxy.port() + "/_violetear/ws");
      proxy.cutAll();
      long cutAt = System.nanoTime();
      JavascriptExecutor js = cut.execute();
      cut.waitUntil(d -> !"open".equals(js.executeScript("return window.violetear.state;")));
      for (int i = 0; i < 3; i++) {
        other.byId("plus").click();
        int expected = start + i + 1;
        other.waitUntil(d -> count(other) == expected);
      }
      assertThat(count(cut)).as("the cut tab heard nothing yet").isEqualTo(start);
      // Away for 2 s in all.
      cut.waitUntil(d -> System.nanoTime() - cutAt >= TimeUnit.SECONDS.toNanos(2));
      proxy.refuseNew(false);

      cut.waitUntil(d -> seenAtConnect(cut).size() == 2);
      assertThat(seenAtConnect(cut))
          .as("what the count showed when each connect handler ran")
          .containsExactly(String.valueOf(start), String.valueOf(start + 3));
      // Off the proxy before it closes, which the page would take for one more outage.
      cut.open("/shared");
    }
  }

  private static int count(Session tab) {
    return Integer.parseInt(tab.byId("count").getText());
  }

  private static List<String> seenAtConnect(Session tab) {
    return tab.texts("#at-connect li");
  }
}
