// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.fail;

import dev.violetear.ClientId;
import dev.violetear.app.App;
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
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.openqa.selenium.ScriptTimeoutException;
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
 * One showcase server on a free port and one headless Chromium per test class, more browsers on
 * demand, and the check that pages log no console errors.
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
 * <p>The fixture's own methods ({@link #open}, {@link #byId}, ...) drive its first browser. A test
 * that needs two users asks for a second, independent browser with {@link #newSession()}: its own
 * Chromium process and profile, hence its own cookies and its own {@code ClientId} (two tabs of one
 * browser share the id). Extra sessions are checked like the first and quit after the class, or
 * earlier with {@link Session#close()}.
 *
 * <pre>{@code
 * BrowserFixture.Session ada = browser.session(), bob = browser.newSession();
 * ada.open("/chat");
 * bob.open("/chat");
 * }</pre>
 *
 * <p>Every {@link Session#open}, {@link Session#reload} and the end of every test assert that the
 * console of every open browser holds no error (Chrome's browser log at level SEVERE); the errors
 * found are printed and fail the test. A test that provokes an error on purpose declares it first
 * with {@link Session#expectConsoleError}. Entries below SEVERE (warnings, logs) are printed and
 * kept, so a test can assert on them with {@link Session#consoleMessages} or {@link
 * Session#awaitConsoleMessage}.
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

  /**
   * Resolves once `ready` has fired (the runtime calls late subscribers too), or at once on a page
   * without the runtime: the server renders a page without client code that way (with no script, or
   * only the forms script when it holds a Form.post form), and such a page is ready once loaded.
   */
  private static final String AWAIT_READY =
      "var done = arguments[arguments.length - 1];"
          + "(function check() {"
          + "  if (document.readyState === 'complete'"
          + "      && !document.querySelector('script[src^=\"/_violetear/violetear.\"]')) {"
          + "    done('static'); return; }"
          // ChromeDriver can hand the script to the page before its deferred scripts ran (seen
          // under load, with the runtime, bundle and even an RPC of the page finishing after).
          + "  if (!window.violetear) { setTimeout(check, 20); return; }"
          + "  window.violetear.on('ready', function () { done('ready'); });"
          + "})();";

  /**
   * A server the browsers talk to that is not an in-process {@link App}, e.g. the showcase jar run
   * as a process of its own.
   *
   * <pre>{@code
   * @RegisterExtension static final BrowserFixture browser = BrowserFixture.serving(ShowcaseJar::start);
   * }</pre>
   */
  public interface Target extends AutoCloseable {
    /** The port it listens on, on localhost. */
    int port();

    /** Stops it; called once, after the last test of the class. */
    @Override
    void close();
  }

  /** Starts the target; a type of its own, so the constructors differ after erasure. */
  private interface Starter {
    Target start();
  }

  private final Starter targetFactory;
  private Target target;
  // The first session, then those of newSession(), in creation order; closed ones are removed.
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private App app;
  private Session first;

  /** A fixture serving the showcase app. */
  public BrowserFixture() {
    this((Supplier<App>) Showcase::create);
  }

  /** A fixture serving the app that {@code appFactory} builds (unstarted). */
  public BrowserFixture(Supplier<App> appFactory) {
    Objects.requireNonNull(appFactory, "appFactory == null");
    this.targetFactory =
        () -> {
          app = appFactory.get();
          app.start(0);
          App started = app;
          return new Target() {
            @Override
            public int port() {
              return started.port();
            }

            @Override
            public void close() {
              started.stop();
            }
          };
        };
  }

  private BrowserFixture(Starter targetFactory) {
    this.targetFactory = targetFactory;
  }

  /** A fixture whose browsers talk to the server {@code targetFactory} starts. */
  public static BrowserFixture serving(Supplier<? extends Target> targetFactory) {
    Objects.requireNonNull(targetFactory, "targetFactory == null");
    return new BrowserFixture(targetFactory::get);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    target = targetFactory.start();
    first = newSession();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    forEachSession(Session::assertNoConsoleErrors);
  }

  /** Runs the action on every session, then rethrows the first failure with the others. */
  private void forEachSession(java.util.function.Consumer<Session> action) {
    Throwable failure = null;
    for (Session s : sessions) {
      try {
        action.accept(s);
      } catch (RuntimeException | AssertionError e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof AssertionError a) {
      throw a;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      forEachSession(Session::quit);
    } finally {
      if (target != null) {
        target.close();
      }
    }
  }

  /**
   * The app under test, started on a free port.
   *
   * @throws IllegalStateException when the fixture serves another process
   */
  public App app() {
    if (app == null) {
      throw new IllegalStateException("This fixture serves another process, not an App");
    }
    return app;
  }

  /** The absolute URL of {@code path} on the running app. */
  public String url(String path) {
    return "http://localhost:" + target.port() + path;
  }

  /** The fixture's first browser, the one its own methods drive. */
  public Session session() {
    return first;
  }

  /**
   * Starts another browser, independent of the others (own process, profile and cookies, so its own
   * {@code ClientId}). It is checked for console errors after each test and quit after the class,
   * unless the test closes it earlier.
   */
  public Session newSession() {
    Session s = new Session(true);
    sessions.add(s);
    return s;
  }

  /**
   * Starts another browser as {@link #newSession()} does, with JavaScript turned off (Chromium's
   * content setting, as a user turns it off): pages load and forms post, but no script runs. Its
   * {@link Session#open} waits for the page's load only; WebDriver's own scripts still run in it.
   */
  public Session newSessionWithoutJavaScript() {
    Session s = new Session(false);
    sessions.add(s);
    return s;
  }

  // ---- the first session, for tests that need one browser --------------------------------

  /** The first browser. */
  public WebDriver driver() {
    return first.driver();
  }

  /** See {@link Session#open}. */
  public void open(String path) {
    first.open(path);
  }

  /** See {@link Session#reload}. */
  public void reload() {
    first.reload();
  }

  /** See {@link Session#awaitReady}. */
  public void awaitReady() {
    first.awaitReady();
  }

  /** See {@link Session#waitUntil}. */
  public <T> T waitUntil(Function<? super WebDriver, T> condition) {
    return first.waitUntil(condition);
  }

  /** See {@link Session#byId}. */
  public WebElement byId(String id) {
    return first.byId(id);
  }

  /** See {@link Session#execute}. */
  public JavascriptExecutor execute() {
    return first.execute();
  }

  /** See {@link Session#expectConsoleError}. */
  public void expectConsoleError(String fragment) {
    first.expectConsoleError(fragment);
  }

  /** See {@link Session#assertNoConsoleErrors}. */
  public void assertNoConsoleErrors() {
    first.assertNoConsoleErrors();
  }

  /** One headless Chromium with its own profile, driven by its own chromedriver. */
  public final class Session implements AutoCloseable {
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final List<String> expectedErrors = new ArrayList<>();
    // Every console entry read so far; the log in the browser hands each entry out only once.
    private final List<LogEntry> console = new ArrayList<>();
    private final boolean isJavaScriptOn;
    private int checked;
    private boolean quit;

    private Session(boolean isJavaScriptOn) {
      this.isJavaScriptOn = isJavaScriptOn;
      try {
        profile = Files.createTempDirectory("violetear-chromium-");
      } catch (IOException e) {
        throw new UncheckedIOException("Could not create a Chromium profile directory", e);
      }
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
      if (!isJavaScriptOn) {
        options.setExperimentalOption(
            "prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
      }
      service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER))
              .usingAnyFreePort()
              .build();
      try {
        driver = new ChromeDriver(service, options);
      } catch (RuntimeException e) {
        service.stop();
        deleteProfile(profile);
        throw e;
      }
      driver.manage().timeouts().scriptTimeout(TIMEOUT);
      driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
    }

    /** The browser. */
    public WebDriver driver() {
      return driver;
    }

    /**
     * Loads {@code path}, waits until the runtime fired `ready` (with JavaScript on), checks the
     * console is clean.
     */
    public void open(String path) {
      driver.get(url(path));
      if (isJavaScriptOn) {
        awaitReady();
      }
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
     * attached. A page with no script at all (no client code) is ready as it is. Fails when a page
     * with scripts gets no {@code window.violetear} within {@link #TIMEOUT}.
     */
    public void awaitReady() {
      Object outcome;
      try {
        outcome = driver.executeAsyncScript(AWAIT_READY);
      } catch (ScriptTimeoutException e) {
        outcome = "no window.violetear within " + TIMEOUT.toSeconds() + " s";
      }
      if (!"ready".equals(outcome) && !"static".equals(outcome)) {
        drain();
        fail(
            "Page %s did not become ready: %s (document %s; console:%n  %s)",
            driver.getCurrentUrl(),
            outcome,
            driver.executeScript(
                "return document.readyState + ', scripts '"
                    + " + Array.from(document.scripts).map(function (s) { return s.src; })"
                    + " + ', resources ' + performance.getEntriesByType('resource')"
                    + ".map(function (e) { return e.name + ' ' + e.transferSize + '/'"
                    + " + e.decodedBodySize + ' ' + e.responseStatus; })"),
            String.join("\n  ", console.stream().map(LogEntry::getMessage).toList()));
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

    /** The texts of the elements that {@code selector} (CSS) finds, in document order. */
    public List<String> texts(String selector) {
      return driver.findElements(By.cssSelector(selector)).stream()
          .map(WebElement::getText)
          .toList();
    }

    /** Runs JavaScript in the page. */
    public JavascriptExecutor execute() {
      return driver;
    }

    /**
     * The id the server issued to this browser ({@code window.violetear.clientId}), waiting until
     * the page's socket received its welcome.
     */
    public ClientId clientId() {
      Object id =
          waitUntil(
              d ->
                  ((JavascriptExecutor) d)
                      .executeScript("return window.violetear && window.violetear.clientId;"));
      return ClientId.of((String) id);
    }

    /**
     * Waits until the page's socket is live ({@code window.violetear.state} is {@code open}): the
     * server has registered the connection, so calls addressed to this client reach it.
     */
    public void awaitOnline() {
      waitUntil(
          d ->
              "open"
                  .equals(
                      ((JavascriptExecutor) d)
                          .executeScript("return window.violetear && window.violetear.state;")));
    }

    /**
     * Declares that the next console check may meet errors whose message contains {@code fragment}
     * (for example the network error Chromium logs for an RPC answered with 422). Such errors are
     * printed but don't fail; every other error still does.
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
      if (quit) {
        return;
      }
      List<String> unexpected = new ArrayList<>();
      try {
        drain();
        for (LogEntry entry : console.subList(checked, console.size())) {
          if (entry.getLevel().intValue() < Level.SEVERE.intValue()) {
            continue;
          }
          if (expectedErrors.stream().noneMatch(entry.getMessage()::contains)) {
            unexpected.add(entry.getMessage());
          }
        }
        checked = console.size();
      } finally {
        expectedErrors.clear();
      }
      if (!unexpected.isEmpty()) {
        fail(
            "The browser logged %d console error(s) on %s:%n  %s",
            unexpected.size(), driver.getCurrentUrl(), String.join("\n  ", unexpected));
      }
    }

    /**
     * The messages of the console entries at exactly {@code level} that this browser logged so far
     * (Chrome's browser log: {@code console.warn} is WARNING, {@code console.error} SEVERE). Chrome
     * prefixes each message with the script's location and quotes the logged string.
     */
    public List<String> consoleMessages(Level level) {
      drain();
      return console.stream()
          .filter(e -> e.getLevel().equals(level))
          .map(LogEntry::getMessage)
          .toList();
    }

    /**
     * Waits until the browser logged an entry at {@code level} whose message contains {@code
     * fragment}, and returns that message.
     */
    public String awaitConsoleMessage(Level level, String fragment) {
      return waitUntil(
          d ->
              consoleMessages(level).stream()
                  .filter(m -> m.contains(fragment))
                  .findFirst()
                  .orElse(null));
    }

    /**
     * Checks the console one last time and quits this browser, closing its pages (and their
     * sockets) as a user closing the window would. Closing twice does nothing.
     */
    @Override
    public void close() {
      if (quit) {
        return;
      }
      try {
        assertNoConsoleErrors();
      } finally {
        quit();
      }
    }

    private void drain() {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        console.add(entry);
        System.out.println("[browser console] " + entry.getLevel() + " " + entry.getMessage());
      }
    }

    private void quit() {
      if (quit) {
        return;
      }
      quit = true;
      sessions.remove(this);
      try {
        driver.quit();
      } finally {
        service.stop();
        deleteProfile(profile);
      }
    }
  }

  private static void deleteProfile(Path profile) {
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
