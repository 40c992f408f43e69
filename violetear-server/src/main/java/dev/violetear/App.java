// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import dev.violetear.internal.compiler.Bundle;
import dev.violetear.internal.compiler.BundleCompiler;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.server.WebServer;
import dev.violetear.markup.Document;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Violetear app: the registered classes, the pages, and the web server that serves them with the
 * compiled browser bundle and the RPC endpoint.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   App app = App.create("Counter")
 *       .register(Counter.class)
 *       .view("/", Counter::index);
 *   app.start(8000);
 * }
 * }</pre>
 *
 * <p>Build the app first, then start it: {@link #start(int)} checks every registered class,
 * compiles the browser bundle and opens the port, and fails with one {@link VioletearException}
 * listing every problem. After that, the app can no longer be changed. An app starts at most once;
 * {@link #stop()} ends it for good. Methods are thread-safe.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  private static final int DEFAULT_PORT = 8000;
  private static final String RESERVED_PREFIX = "/_violetear";

  /** Characters that Javalin reads as path parameters or wildcards, which views cannot use. */
  private static final Pattern ROUTE_SYNTAX = Pattern.compile("[{}<>*]");

  private enum State {
    NEW,
    STARTED,
    STOPPED
  }

  private final String name;
  private final AppConfig config;

  // All guarded by "this".
  private final Set<Class<?>> classes = new LinkedHashSet<>();
  private final Map<String, Supplier<Document>> views = new LinkedHashMap<>();
  private final Map<String, String> staticFiles = new LinkedHashMap<>();
  private State state = State.NEW;
  private WebServer server;

  private App(String name, AppConfig config) {
    this.name = name;
    this.config = config;
  }

  /**
   * Creates an app with the default settings.
   *
   * <pre>{@code
   * App app = App.create("Counter");
   * }</pre>
   *
   * @param name the app's name, shown in logs
   * @throws IllegalArgumentException when {@code name} is blank
   */
  public static App create(String name) {
    return create(name, config -> {});
  }

  /**
   * Creates an app and lets {@code config} change its settings.
   *
   * <pre>{@code
   * App app = App.create("Counter", config -> config.maxRequestBytes(64 * 1024));
   * }</pre>
   *
   * <p>{@code config} runs once, before this method returns.
   *
   * @param name the app's name, shown in logs
   * @throws IllegalArgumentException when {@code name} is blank
   */
  public static App create(String name, Consumer<AppConfig> config) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(config, "config == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("App name must not be blank");
    }
    AppConfig settings = new AppConfig();
    config.accept(settings);
    return new App(name, settings);
  }

  /**
   * Adds classes whose {@code @Server.Rpc} methods browsers may call and whose {@code @Client}
   * methods go into the browser bundle.
   *
   * <pre>{@code
   * app.register(Counter.class, Todo.class);
   * }</pre>
   *
   * <p>Their annotations are checked by {@link #start(int)}. Registering a class twice has no
   * further effect.
   *
   * @throws IllegalStateException when the app has already started
   */
  public synchronized App register(Class<?>... classes) {
    Objects.requireNonNull(classes, "classes == null");
    for (Class<?> c : classes) {
      Objects.requireNonNull(c, "class == null");
    }
    checkNotStarted();
    this.classes.addAll(List.of(classes));
    return this;
  }

  /**
   * Serves a page at {@code path}, built by {@code view} for every request.
   *
   * <pre>{@code
   * app.view("/", Counter::index);
   * app.view("/about", () -> Document.titled("About").body(Html.p().text("Made with Violetear")));
   * }</pre>
   *
   * <p>The page gets the runtime and bundle scripts and a strict Content-Security-Policy. Every
   * class whose callbacks the page binds must be {@linkplain #register registered}; otherwise the
   * request fails with HTTP 500 and the server log says which class to register. {@code view} may
   * run on several threads at once.
   *
   * @param path an absolute path such as {@code /} or {@code /todo}
   * @throws IllegalArgumentException for a relative, duplicate or reserved path, or one with route
   *     syntax ({@code {}}, {@code <>}, {@code *})
   * @throws IllegalStateException when the app has already started
   */
  public synchronized App view(String path, Supplier<Document> view) {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(view, "view == null");
    checkPath("View", path);
    if (views.containsKey(path)) {
      throw new IllegalArgumentException("View '" + path + "' is already defined");
    }
    checkNotStarted();
    views.put(path, view);
    return this;
  }

  /**
   * Serves the files of a classpath directory under a URL prefix, for stylesheets and images.
   *
   * <pre>{@code
   * app.staticFiles("/static", "public");   // src/main/resources/public/app.css -> /static/app.css
   * }</pre>
   *
   * @param urlPrefix an absolute URL path, for example {@code /static}
   * @param classpathDirectory a directory on the classpath, for example {@code public}
   * @throws IllegalArgumentException when the prefix is not an absolute path or is reserved, or
   *     when the directory is not on the classpath
   * @throws IllegalStateException when the app has already started
   */
  public synchronized App staticFiles(String urlPrefix, String classpathDirectory) {
    Objects.requireNonNull(urlPrefix, "urlPrefix == null");
    Objects.requireNonNull(classpathDirectory, "classpathDirectory == null");
    checkPath("Static files prefix", urlPrefix);
    String directory = classpathDirectory.replaceAll("^/+", "");
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = App.class.getClassLoader();
    }
    if (directory.isEmpty() || loader.getResource(directory) == null) {
      throw new IllegalArgumentException(
          "Static files directory '"
              + classpathDirectory
              + "' is not on the classpath; put it"
              + " under src/main/resources, or check its name");
    }
    checkNotStarted();
    staticFiles.put(urlPrefix, directory);
    return this;
  }

  /**
   * Starts the app on port 8000.
   *
   * <pre>{@code
   * App.create("Counter").register(Counter.class).view("/", Counter::index).start();
   * }</pre>
   *
   * @throws VioletearException when a class breaks a rule, the bundle does not compile or the port
   *     is taken
   * @throws IllegalStateException when the app has already started
   */
  public App start() {
    return start(DEFAULT_PORT);
  }

  /**
   * Checks the registered classes, compiles the browser bundle and starts serving on {@code port}.
   *
   * <pre>{@code
   * app.start(0);                 // any free port
   * URI home = URI.create("http://localhost:" + app.port() + "/");
   * }</pre>
   *
   * <p>Blocks until the server listens. The bundle is compiled on the first start and taken from
   * the {@linkplain AppConfig#bundleCacheDir cache} while the classes stay unchanged. If the start
   * fails, nothing is left running and the app may be fixed and started again.
   *
   * @param port the port, or 0 for any free port (read it with {@link #port()})
   * @throws VioletearException when a class breaks a rule, the bundle does not compile or the port
   *     is taken; the message lists every problem
   * @throws IllegalStateException when the app has already started
   * @throws IllegalArgumentException when {@code port} is not between 0 and 65535
   */
  public synchronized App start(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    checkNotStarted();
    AppModel model = AppModel.of(new ArrayList<>(classes));
    Bundle bundle = new BundleCompiler(config.bundleCacheDir()).compile(model);
    server =
        WebServer.start(
            new WebServer.Setup(
                model,
                bundle,
                new LinkedHashMap<>(views),
                new LinkedHashMap<>(staticFiles),
                config.maxRequestBytes(),
                config.clientIdSecret()),
            port);
    state = State.STARTED;
    double kb = bundle.js().getBytes(StandardCharsets.UTF_8).length / 1024.0;
    log.info(
        "{} is running at http://localhost:{}/ (bundle {} KB, {})",
        name,
        server.port(),
        String.format(Locale.ROOT, "%.1f", kb),
        bundle.fromCache()
            ? "loaded from cache"
            : "compiled in " + bundle.took().toMillis() + " ms");
    return this;
  }

  /**
   * Returns the port the app listens on; useful after {@code start(0)}.
   *
   * <pre>{@code
   * app.start(0);
   * int port = app.port();
   * }</pre>
   *
   * @throws IllegalStateException before {@link #start(int)} or after {@link #stop()}
   */
  public synchronized int port() {
    if (state == State.NEW) {
      throw new IllegalStateException("not started: call start() first");
    }
    if (state == State.STOPPED) {
      throw new IllegalStateException("stopped");
    }
    return server.port();
  }

  /**
   * Stops serving and releases the port. Calling it again, or before the app started, does nothing.
   *
   * <pre>{@code
   * app.stop();
   * }</pre>
   *
   * <p>Blocks until the server has shut down. A stopped app cannot start again; create a new one.
   */
  public synchronized void stop() {
    if (state == State.STARTED) {
      state = State.STOPPED;
      server.stop();
    }
  }

  /**
   * Stops the app, as {@link #stop()} does, so that it can be used in try-with-resources.
   *
   * <pre>{@code
   * try (App app = App.create("Test").register(Counter.class).start(0)) {
   *   // call http://localhost:app.port()/...
   * }
   * }</pre>
   */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "App[" + name + "]";
  }

  private void checkNotStarted() {
    if (state != State.NEW) {
      throw new IllegalStateException("already started");
    }
  }

  private static void checkPath(String what, String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(what + " '" + path + "' must start with '/'");
    }
    if (path.equals(RESERVED_PREFIX) || path.startsWith(RESERVED_PREFIX + "/")) {
      throw new IllegalArgumentException(
          what
              + " '"
              + path
              + "' is under '"
              + RESERVED_PREFIX
              + "/', which the framework uses;"
              + " choose another path");
    }
    if (ROUTE_SYNTAX.matcher(path).find()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + path
              + "' contains one of { } < > *; views are plain paths without"
              + " parameters or wildcards");
    }
  }
}
