// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.fail;

import dev.violetear.App;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One showcase server on a free port and one headless Chromium per test class, and the check that
 * pages log no console errors.
 *
 * <p>Register it in a static field, so it starts before the first test and stops after the last:
 *
 * <pre>{@code
 * @RegisterExtension static final BrowserFixture browser = new BrowserFixture();
 *
 * @Test void plus() {
 *   browser.open("/counter");
 *   browser.driver().findElement(By.id("plus")).click();
 *   browser.waitUntil(textToBe(By.id("display"), "Count: 1"));
 * }
 * }</pre>
 *
 * <p>Every {@link #open}, {@link #reload} and the end of every test assert that the browser's
 * console holds no error (Chrome's browser log at level SEVERE); the errors found are printed and
 * fail the test. A test that provokes an error on purpose declares it first with {@link
 * #expectConsoleError}.
 *
 * <p>The browser is Debian's Chromium driven by Debian's chromedriver (paths from the system
 * properties {@code violetear.test.chromium} and {@code violetear.test.chromedriver}, by default
 * under {@code /usr/bin}); both paths are given explicitly, so Selenium Manager never runs and
 * nothing is downloaded.
 */
public final class BrowserFixture
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  /** How long any wait for the page lasts before the test fails. */
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final String CHROMIUM =
      System.getProperty("violetear.test.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER =
      System.getProperty("violetear.test.chromedriver", "/usr/bin/chromedriver");

  /** Resolves once `ready` has fired (the runtime calls late subscribers too). */
  private static final String AWAIT_READY =
      "var done = arguments[arguments.length - 1];"
          + "if (!window.violetear) { done('window.violetear is missing'); return; }"
          + "window.violetear.on('ready', function () { done('ready'); });";

  private final Supplier<App> appFactory;
  private final List<String> expectedErrors = new ArrayList<>();
  private App app;
  private ChromeDriverService service;
  private ChromeDriver driver;
  private Path profile;

  /** A fixture serving the showcase app. */
  public BrowserFixture() {
    this(Showcase::create);
  }

  /** A fixture serving the app that {@code appFactory} builds (unstarted). */
  public BrowserFixture(Supplier<App> appFactory) {
    this.appFactory = Objects.requireNonNull(appFactory, "appFactory == null");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    app = appFactory.get();
    app.start(0);
    profile = Files.createTempDirectory("violetear-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(TIMEOUT);
    driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (driver != null) {
      assertNoConsoleErrors();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (driver != null) {
        driver.quit();
      }
      if (service != null) {
        service.stop();
      }
    } finally {
      if (app != null) {
        app.stop();
      }
      deleteProfile();
    }
  }

  /** The browser. */
  public WebDriver driver() {
    return driver;
  }

  /** The absolute URL of {@code path} on the running app. */
  public String url(String path) {
    return "http://localhost:" + app.port() + path;
  }

  /** Loads {@code path}, waits until the runtime fired `ready`, checks the console is clean. */
  public void open(String path) {
    driver.get(url(path));
    awaitReady();
    assertNoConsoleErrors();
  }

  /** Reloads the current page, waits for `ready`, checks the console is clean. */
  public void reload() {
    driver.navigate().refresh();
    awaitReady();
    assertNoConsoleErrors();
  }

  /**
   * Waits until the page's runtime has fired `ready`: the bundle is loaded and every binding
   * attached. Fails when the page has no {@code window.violetear}.
   */
  public void awaitReady() {
    Object outcome = execute().executeAsyncScript(AWAIT_READY);
    if (!"ready".equals(outcome)) {
      fail("Page %s did not become ready: %s", driver.getCurrentUrl(), outcome);
    }
  }

  /** Waits (up to {@link #TIMEOUT}) until {@code condition} holds, and returns its value. */
  public <T> T waitUntil(Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, TIMEOUT).until(condition);
  }

  /** Shortcut for {@code driver().findElement(By.id(id))}. */
  public WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** Runs JavaScript in the page. */
  public JavascriptExecutor execute() {
    return driver;
  }

  /**
   * Declares that the next console check may meet errors whose message contains {@code
   * fragment} (for example the network error Chromium logs for an RPC answered with 422). Such
   * errors are printed but don't fail; every other error still does.
   */
  public void expectConsoleError(String fragment) {
    expectedErrors.add(Objects.requireNonNull(fragment, "fragment == null"));
  }

  /**
   * Fails when the browser logged a console error (level SEVERE) since the last check, printing
   * every such entry. Errors declared with {@link #expectConsoleError} are allowed once, then
   * forgotten.
   */
  public void assertNoConsoleErrors() {
    List<String> unexpected = new ArrayList<>();
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        if (entry.getLevel().intValue() < Level.SEVERE.intValue()) {
          System.out.println("[browser console] " + entry.getLevel() + " " + entry.getMessage());
          continue;
        }
        boolean expected = expectedErrors.stream().anyMatch(entry.getMessage()::contains);
        System.out.println(
            "[browser console] "
                + (expected ? "expected " : "")
                + "SEVERE "
                + entry.getMessage());
        if (!expected) {
          unexpected.add(entry.getMessage());
        }
      }
    } finally {
      expectedErrors.clear();
    }
    if (!unexpected.isEmpty()) {
      fail(
          "The browser logged %d console error(s) on %s:%n  %s",
          unexpected.size(), driver.getCurrentUrl(), String.join("\n  ", unexpected));
    }
  }

  private void deleteProfile() {
    if (profile == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(BrowserFixture::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the Chromium profile " + profile, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Chromium may still be writing into its profile as it exits; the temp dir is disposable.
      System.err.println("Could not delete " + path + ": " + e);
    }
  }
}
