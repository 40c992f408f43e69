// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
import dev.violetear.testing.FaultProxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A page that resumes receives every frame it missed before its {@code connect} handlers run, so a
 * {@code connect} handler that reloads state is not overwritten by older frames arriving after it
 * (Socket.IO too delivers missed packets before its connect event).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplayBeforeConnectIT {
  private static final int MISSED = 30;

  @RegisterExtension static final BrowserFixture browser = new BrowserFixture(StreamApp::create);

  @Test
  void framesSentWhileThePageWasAwayRunBeforeItsConnectHandlers() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port())) {
      browser.driver().get("http://localhost:" + proxy.port() + "/stream");
      browser.session().awaitOnline();
      ClientId id = browser.session().clientId();
      App app = browser.app();
      JavascriptExecutor js = browser.execute();
      app.clients().to(id).invoke(Stream::got, 1);
      browser.session().waitUntil(d -> browser.session().texts("#got li").equals(List.of("1")));

      proxy.refuseNew(true);
      // Reconnects that meet the refusal are logged by Chromium as console errors.
      browser.expectConsoleError("ws://localhost:" + proxy.port() + "/_violetear/ws");
      proxy.cutAll();
      browser
          .session()
          .waitUntil(d -> !"open".equals(js.executeScript("return window.violetear.state;")));
      for (int n = 2; n <= MISSED; n++) {
        app.clients().to(id).invoke(Stream::got, n);
      }
      proxy.refuseNew(false);
      browser.session().awaitOnline();

      List<String> all = IntStream.rangeClosed(1, MISSED).mapToObj(String::valueOf).toList();
      // The page's @Client.On("connect") handler writes what the list shows when it runs.
      browser.session().waitUntil(d -> browser.session().texts("#at-connect li").size() == 2);
      assertThat(browser.session().texts("#at-connect li"))
          .as("the page had run all %d calls when its connect handler ran", MISSED)
          .containsExactly("", String.join("", all));
      assertThat(browser.session().texts("#got li")).isEqualTo(all);
      assertThat(browser.byId("resume").getText()).as("the session was resumed").isEmpty();
    }
  }
}
