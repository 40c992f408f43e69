// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture;
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
 * A page that comes back after the grace period (here none at all) starts afresh: what the server
 * sent while it was away is gone, and its {@code @Client.On("resume_failed")} handler tells it so.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ResumeFailedIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(
          () ->
              App.create(
                      "Stream",
                      c ->
                          c.bundleCacheDir(Path.of("target", "delivery-cache"))
                              .resumeGrace(Duration.ZERO))
                  .register(Stream.class)
                  .view("/stream", Stream::page));

  @Test
  void aPageBackTooLateLearnsThatItsResumeFailed() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(browser.app().port())) {
      browser.driver().get("http://localhost:" + proxy.port() + "/stream");
      browser.session().awaitOnline();
      ClientId id = browser.session().clientId();
      App app = browser.app();
      app.clients().to(id).invoke(Stream::got, 1);
      browser.session().waitUntil(d -> browser.session().texts("#got li").equals(List.of("1")));
      assertThat(browser.byId("resume").getText()).isEmpty();

      proxy.refuseNew(true);
      // Reconnects that meet the refusal are logged by Chromium as console errors.
      browser.expectConsoleError("ws://localhost:" + proxy.port() + "/_violetear/ws");
      proxy.cutAll();
      JavascriptExecutor js = browser.execute();
      browser
          .session()
          .waitUntil(d -> !"open".equals(js.executeScript("return window.violetear.state;")));
      browser.session().waitUntil(d -> app.stats().connections() == 0);
      app.clients().to(id).invoke(Stream::got, 2); // nobody is waiting for it any more: dropped

      proxy.refuseNew(false);
      browser.session().awaitOnline();
      browser.session().waitUntil(d -> browser.byId("resume").getText().equals("resume failed"));
      app.clients().to(id).invoke(Stream::got, 3);
      browser.session().waitUntil(d -> browser.session().texts("#got li").size() == 2);
      assertThat(browser.session().texts("#got li")).containsExactly("1", "3");
    }
  }
}
