// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The notice board: the app's guard signs a browser in, {@code @Server.SignedIn} refuses a
 * signed-out post with the server's {@code Unauthenticated} error, and the page shows it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoticesIT {
  @RegisterExtension static final BrowserFixture browser = new BrowserFixture();

  private static final String REFUSED = "Sign in first: Notices.post is only for signed-in users.";
  private static final By MEMBER = By.id("member");
  private static final AtomicInteger unique = new AtomicInteger();

  @Test
  void aSignedOutPostIsRefusedAndASignedInOneIsPostedUnderTheName() {
    openSignedOut();
    List<String> before = browser.session().texts("#notices > li");

    // Chromium logs the RPC's 401 answer as a network error: the one error expected here.
    browser.expectConsoleError("/_violetear/rpc/Notices.post");
    post("Anyone there? #" + unique.incrementAndGet());

    browser.waitUntil(textToBe(By.id("error"), REFUSED));
    assertThat(browser.byId("error").getAttribute("data-type")).isEqualTo("Unauthenticated");
    assertThat(browser.byId("error").getAttribute("class")).doesNotContain("hidden");
    assertThat(browser.session().texts("#notices > li")).isEqualTo(before);
    browser.assertNoConsoleErrors();

    signIn("Ada");
    String text = "Hello from Ada #" + unique.incrementAndGet();
    post(text);

    browser.waitUntil(textToBePresentInElementLocated(By.id("notices"), "Ada: " + text));
    assertThat(browser.session().texts("#notices > li")).last().isEqualTo("Ada: " + text);
    browser.waitUntil(attributeContains(By.id("error"), "class", "hidden"));
    assertThat(browser.byId("error").getText()).isEmpty();
  }

  @Test
  void theSignInOutlivesAReloadAndSigningOutRefusesPostsAgain() {
    openSignedOut();
    signIn("Grace");

    browser.reload();
    browser.waitUntil(textToBe(MEMBER, "Signed in as Grace"));
    String text = "After a reload #" + unique.incrementAndGet();
    post(text);
    browser.waitUntil(textToBePresentInElementLocated(By.id("notices"), "Grace: " + text));

    browser.byId("sign-out").click();
    browser.waitUntil(textToBe(MEMBER, "Signed out"));
    browser.expectConsoleError("/_violetear/rpc/Notices.post");
    post("Gone already #" + unique.incrementAndGet());
    browser.waitUntil(textToBe(By.id("error"), REFUSED));
    browser.assertNoConsoleErrors();
  }

  @Test
  void aBlankNameIsRefusedByTheServerAndShown() {
    openSignedOut();
    browser.expectConsoleError("/_violetear/rpc/Notices.signIn");

    WebElement name = browser.byId("name");
    name.sendKeys("   ");
    browser.byId("sign-in").click();

    browser.waitUntil(textToBe(By.id("error"), "Type a name of 1 to 40 characters to sign in."));
    browser.waitUntil(attributeToBe(By.id("error"), "data-type", "BadName"));
    assertThat(browser.byId("member").getText()).isEqualTo("Signed out");
    browser.assertNoConsoleErrors();
  }

  /** Opens the page and signs out if an earlier test of this class left the browser signed in. */
  private static void openSignedOut() {
    browser.open("/notices");
    browser.waitUntil(not(textToBe(MEMBER, "Checking who you are...")));
    if (!browser.byId("member").getText().equals("Signed out")) {
      browser.byId("sign-out").click();
      browser.waitUntil(textToBe(MEMBER, "Signed out"));
    }
  }

  private static void signIn(String name) {
    WebElement input = browser.byId("name");
    input.clear();
    input.sendKeys(name);
    browser.byId("sign-in").click();
    browser.waitUntil(textToBe(MEMBER, "Signed in as " + name));
  }

  private static void post(String text) {
    WebElement input = browser.byId("notice");
    input.clear();
    input.sendKeys(text);
    browser.byId("post").click();
  }
}
