// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.RealtimeStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A page loads only what it needs: no script for a page without client code, no socket (nor the
 * runtime's socket half) for a page that nothing on the server can reach, and both at once for a
 * page that listens.
 *
 * <p>The listening page has its own server, because a page session outlives its page on the server
 * (for the resume grace) and would show up in the quiet pages' counts, whatever the order the tests
 * run in.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QuietPagesIT {
  @RegisterExtension static final BrowserFixture quiet = new BrowserFixture();
  @RegisterExtension static final BrowserFixture listening = new BrowserFixture();

  /** The paths of every resource the page fetched (scripts, fetch calls, stylesheets...). */
  private static final String RESOURCE_PATHS =
      "return performance.getEntriesByType('resource')"
          + ".map(function (e) { return new URL(e.name).pathname; });";

  private static final RealtimeStats NO_SOCKET = new RealtimeStats(0, 0, 0, 0, 0);

  @Test
  void aPageWithoutClientCodeLoadsNothingOfOursAndOpensNoSocket() {
    quiet.open("/");

    assertThat(quiet.byId("counter-link").getText()).isEqualTo("Counter");
    assertThat(quiet.driver().findElements(By.tagName("script"))).isEmpty();
    assertThat(script(quiet, "return typeof window.violetear;")).isEqualTo("undefined");
    assertThat(resourcePaths(quiet))
        .contains("/static/showcase.css")
        .noneMatch(path -> path.startsWith("/_violetear/"));
    assertThat(quiet.app().stats()).isEqualTo(NO_SOCKET);
  }

  @Test
  void aPageWithCallbacksOnlyWorksOverRpcAndOpensNoSocket() {
    quiet.open("/counter");
    String before = quiet.byId("display").getText();
    int count = Integer.parseInt(before.substring("Count: ".length()));

    quiet.byId("plus").click();
    quiet.waitUntil(textToBe(By.id("display"), "Count: " + (count + 1)));

    // The page is fully live (runtime, bundle, binding, RPC) and still has no socket.
    assertThat(resourcePaths(quiet))
        .anyMatch(path -> path.matches("/_violetear/violetear\\.[0-9a-f]+\\.js"))
        .anyMatch(path -> path.matches("/_violetear/bundle\\.[A-Za-z0-9_-]+\\.js"))
        .contains("/_violetear/rpc/Counter.add")
        .noneMatch(path -> path.startsWith("/_violetear/violetear-socket."));
    assertThat(script(quiet, "return window.violetear.state;")).isEqualTo("idle");
    assertThat(script(quiet, "return window.violetear.clientId;")).isNull();
    assertThat(quiet.app().stats()).isEqualTo(NO_SOCKET);
  }

  @Test
  void aPageWithRealtimeHandlersConnectsAtLoad() {
    listening.open("/chat");

    listening.session().awaitOnline();
    assertThat(listening.session().clientId()).isNotNull();
    assertThat(resourcePaths(listening))
        .anyMatch(path -> path.matches("/_violetear/violetear-socket\\.[0-9a-f]+\\.js"));
    listening.waitUntil(d -> listening.app().stats().connections() == 1 ? Boolean.TRUE : null);
    assertThat(listening.app().stats().pageSessions()).isEqualTo(1);
  }

  @SuppressWarnings("unchecked")
  private static List<String> resourcePaths(BrowserFixture browser) {
    return (List<String>) browser.execute().executeScript(RESOURCE_PATHS);
  }

  private static Object script(BrowserFixture browser, String js) {
    return browser.execute().executeScript(js);
  }
}
