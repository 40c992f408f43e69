// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.bundle.Bundles;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.Names;
import dev.violetear.internal.server.AppGuard;
import dev.violetear.internal.server.Groups;
import dev.violetear.internal.server.Realtime;
import dev.violetear.internal.server.WebServer;
import dev.violetear.markup.Document;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * compiled browser bundle, the RPC endpoint and the realtime socket.
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
 * {@link #stop()} ends it for good. While it runs, the server reaches browsers with {@link
 * #invoke(ClientId, ClientCall.Of1, Object) invoke}, {@link #broadcast(ClientCall.Of1, Object)
 * broadcast} and {@link #emitTo(ClientId, String, Object) emitTo}, and raises its own events with
 * {@link #emit(String, Object) emit}. Methods are thread-safe.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  private static final int DEFAULT_PORT = 8000;
  private static final String RESERVED_PREFIX = "/_violetear";

  /** How long stop() lets queued frames reach clients before closing their sockets. */
  private static final Duration FLUSH_ON_STOP = Duration.ofSeconds(2);

  /** How long stop() lets queued handlers (disconnects, emits) finish. */
  private static final Duration HANDLERS_ON_STOP = Duration.ofSeconds(5);

  /** Characters that Javalin reads as path parameters or wildcards, which views cannot use. */
  private static final Pattern ROUTE_SYNTAX = Pattern.compile("[{}<>*]");

  private enum State {
    NEW,
    STARTED,
    STOPPED
  }

  private final String name;
  private final AppConfig config;
  // Membership belongs to client ids and outlives connections, so the app keeps it.
  private final Groups groups = new Groups();

  // All guarded by "this".
  private final Set<Class<?>> classes = new LinkedHashSet<>();
  private final Map<String, Supplier<Document>> views = new LinkedHashMap<>();
  private final Map<String, String> staticFiles = new LinkedHashMap<>();
  private AppGuard guard = AppGuard.NONE;
  private State state = State.NEW;
  private WebServer server;

  // Written under "this"; read without it by the send methods, which must not wait for start() or
  // stop() (handlers that run during them may send). Set from start until stop() returns.
  private volatile Realtime realtime;
  private volatile boolean isStopped;

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
   * Sets the guard that decides who may call the app: it sees every RPC call and every socket
   * handshake, and returns the caller's principal (null for an anonymous caller) or refuses the
   * request with a {@link GuardRejection}.
   *
   * <pre>{@code
   * app.guard(User.class, request -> signedIn.get(request.clientId()));   // null: signed out
   *
   * @Server.Rpc
   * @Server.SignedIn                                  // anonymous callers get 401 Unauthenticated
   * public static void post(String text) {
   *   User author = Principal.current(User.class).orElseThrow();
   *   ...
   * }
   * }</pre>
   *
   * <p>Handlers read the principal with {@link Principal#current(Class)}. A socket keeps the
   * principal of its handshake while it stays open. A guard that refuses handshakes leaves pages
   * without a socket (the browser keeps retrying), so return null for visitors who may use the
   * pages signed out, and mark what needs a principal with {@link Server.SignedIn}.
   *
   * @param type the class of the principals the guard returns
   * @throws IllegalStateException when the app already has a guard, or has already started
   */
  public synchronized <P> App guard(Class<P> type, Guard<P> guard) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(guard, "guard == null");
    checkNotStarted();
    if (this.guard.isPresent()) {
      throw new IllegalStateException(
          "The app already has a guard; an app has one guard, so make one that does every check");
    }
    this.guard = AppGuard.of(type, guard);
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
   * <p>Blocks until the server listens, then runs the {@code @Server.On("start")} handlers on the
   * calling thread; the app is already serving while they run, so they may use it. Logs the model's
   * warnings (realtime methods with a result, deprecated annotations) once. The bundle is compiled
   * on the first start and taken from the {@linkplain AppConfig#bundleCacheDir cache} while the
   * classes stay unchanged. If the start fails, nothing is left running and the app may be fixed
   * and started again.
   *
   * @param port the port, or 0 for any free port (read it with {@link #port()})
   * @throws VioletearException when a class breaks a rule, the bundle does not compile, the port is
   *     taken or a start handler fails; the message lists every problem
   * @throws IllegalStateException when the app has already started
   * @throws IllegalArgumentException when {@code port} is not between 0 and 65535
   */
  public synchronized App start(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    checkNotStarted();
    AppModel model = AppModel.of(new ArrayList<>(classes));
    checkGuardFor(model);
    model.warnings().forEach(log::warn);
    Bundle bundle = Bundles.obtain(model, config.bundleCacheDir());
    Realtime live =
        Realtime.create(
            name,
            model,
            groups,
            config.handlerThreads(),
            config.resumeGrace(),
            config.maxMessagesPerSecond());
    try {
      server =
          WebServer.start(
              new WebServer.Setup(
                  model,
                  bundle,
                  new LinkedHashMap<>(views),
                  new LinkedHashMap<>(staticFiles),
                  config.maxRequestBytes(),
                  config.clientIdSecret(),
                  live,
                  config.allowedOrigins(),
                  config.maxMessagesPerSecond(),
                  guard),
              port);
    } catch (RuntimeException e) {
      live.shutdown(Duration.ZERO);
      throw e;
    }
    state = State.STARTED;
    realtime = live;
    double kb = bundle.js().getBytes(StandardCharsets.UTF_8).length / 1024.0;
    log.info(
        "{} is running at http://localhost:{}/ (bundle {} KB, {})",
        name,
        server.port(),
        String.format(Locale.ROOT, "%.1f", kb),
        bundle.describe());
    try {
      live.runStart();
    } catch (RuntimeException e) {
      // As with any failed start: nothing stays running, and the app may be started again.
      realtime = null;
      state = State.NEW;
      live.closeConnections(Duration.ZERO);
      server.stop();
      server = null;
      live.shutdown(HANDLERS_ON_STOP);
      throw e;
    }
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
   * Returns a snapshot of the realtime side: open sockets, page sessions and the frames waiting for
   * pages to acknowledge them.
   *
   * <pre>{@code
   * RealtimeStats stats = app.stats();
   * }</pre>
   *
   * @throws IllegalStateException before {@link #start(int)} or after {@link #stop()}
   */
  public RealtimeStats stats() {
    return live().stats();
  }

  /**
   * Stops serving and releases the port. Calling it again, or before the app started, does nothing.
   *
   * <pre>{@code
   * app.stop();
   * }</pre>
   *
   * <p>Runs the {@code @Server.On("stop")} handlers first, on the calling thread, while clients are
   * still connected; a failing handler is logged and the others still run. Then every socket is
   * closed (status 1001) once the frames already sent to it are written, and the queued handlers,
   * among them the clients' {@code disconnect} handlers, get a few seconds to finish. Blocks until
   * then. A stopped app cannot start again; create a new one.
   */
  public synchronized void stop() {
    if (state != State.STARTED) {
      return;
    }
    state = State.STOPPED;
    isStopped = true;
    Realtime live = realtime;
    live.runStop();
    live.closeConnections(FLUSH_ON_STOP);
    server.stop();
    live.shutdown(HANDLERS_ON_STOP);
    realtime = null;
  }

  // ---- realtime: the server reaches browsers -------------------------------------------------

  /**
   * Calls a {@code @Client.Realtime} method without parameters in the browser of {@code id}.
   *
   * <pre>{@code
   * app.invoke(id, Game::reset);
   * }</pre>
   *
   * <p>Fire-and-forget: the frame is queued and this returns at once, never waiting for the
   * network. Reaches every open socket of the client (tabs share its id). When the client is not
   * connected, the call is dropped (logged at DEBUG). Calls to one socket arrive in the order they
   * were made.
   *
   * @param method a method reference to a {@code @Client.Realtime} method of a registered class
   * @throws IllegalArgumentException for a lambda or any other method
   * @throws IllegalStateException when the app is not running
   */
  public void invoke(ClientId id, ClientCall.Of0 method) {
    live().invoke(checkId(id), checkMethod(method));
  }

  /**
   * Calls a {@code @Client.Realtime} method with one argument in the browser of {@code id}.
   *
   * <pre>{@code
   * app.invoke(id, Chat::toast, "Welcome!");
   * }</pre>
   *
   * <p>The argument is sent as JSON of the parameter's declared type; otherwise as {@link
   * #invoke(ClientId, ClientCall.Of0)}.
   *
   * @throws IllegalArgumentException for a lambda or any other method, or an argument that does not
   *     serialize (or is null for a primitive parameter)
   * @throws IllegalStateException when the app is not running
   */
  public <A> void invoke(ClientId id, ClientCall.Of1<A> method, A a) {
    live().invoke(checkId(id), checkMethod(method), new Object[] {a});
  }

  /**
   * Calls a {@code @Client.Realtime} method with two arguments in the browser of {@code id}.
   *
   * <pre>{@code
   * app.invoke(id, Chat::toast, "Welcome!", "info");
   * }</pre>
   *
   * <p>As {@link #invoke(ClientId, ClientCall.Of1, Object)}.
   */
  public <A, B> void invoke(ClientId id, ClientCall.Of2<A, B> method, A a, B b) {
    live().invoke(checkId(id), checkMethod(method), a, b);
  }

  /**
   * Calls a {@code @Client.Realtime} method with three arguments in the browser of {@code id}.
   *
   * <pre>{@code
   * app.invoke(id, Board::cursor, "ada", 10.5, 20.0);
   * }</pre>
   *
   * <p>As {@link #invoke(ClientId, ClientCall.Of1, Object)}.
   */
  public <A, B, C> void invoke(ClientId id, ClientCall.Of3<A, B, C> method, A a, B b, C c) {
    live().invoke(checkId(id), checkMethod(method), a, b, c);
  }

  /**
   * Calls a {@code @Client.Realtime} method with four arguments in the browser of {@code id}.
   *
   * <pre>{@code
   * app.invoke(id, Board::line, 0, 0, 100, 50);
   * }</pre>
   *
   * <p>As {@link #invoke(ClientId, ClientCall.Of1, Object)}.
   */
  public <A, B, C, D> void invoke(
      ClientId id, ClientCall.Of4<A, B, C, D> method, A a, B b, C c, D d) {
    live().invoke(checkId(id), checkMethod(method), a, b, c, d);
  }

  /**
   * Calls a {@code @Client.Realtime} method without parameters in the browsers of every connected
   * member of {@code group}.
   *
   * <pre>{@code
   * app.invoke("room-7", Game::reset);
   * }</pre>
   *
   * <p>Members are added with {@link #join}; members that are not connected miss the call.
   * Otherwise as {@link #invoke(ClientId, ClientCall.Of0)}.
   *
   * @throws IllegalArgumentException for a blank group, a lambda or any other method
   * @throws IllegalStateException when the app is not running
   */
  public void invoke(String group, ClientCall.Of0 method) {
    live().invoke(checkGroup(group), checkMethod(method));
  }

  /**
   * Calls a {@code @Client.Realtime} method with one argument in the browsers of {@code group}.
   *
   * <pre>{@code
   * app.invoke("room-7", Chat::toast, "Ada joined");
   * }</pre>
   *
   * <p>As {@link #invoke(String, ClientCall.Of0)} and {@link #invoke(ClientId, ClientCall.Of1,
   * Object)}.
   */
  public <A> void invoke(String group, ClientCall.Of1<A> method, A a) {
    live().invoke(checkGroup(group), checkMethod(method), new Object[] {a});
  }

  /**
   * Calls a {@code @Client.Realtime} method with two arguments in the browsers of {@code group}.
   *
   * <pre>{@code
   * app.invoke("room-7", Chat::toast, "Ada joined", "info");
   * }</pre>
   *
   * <p>As {@link #invoke(String, ClientCall.Of1, Object)}.
   */
  public <A, B> void invoke(String group, ClientCall.Of2<A, B> method, A a, B b) {
    live().invoke(checkGroup(group), checkMethod(method), a, b);
  }

  /**
   * Calls a {@code @Client.Realtime} method with three arguments in the browsers of {@code group}.
   *
   * <pre>{@code
   * app.invoke("room-7", Board::cursor, "ada", 10.5, 20.0);
   * }</pre>
   *
   * <p>As {@link #invoke(String, ClientCall.Of1, Object)}.
   */
  public <A, B, C> void invoke(String group, ClientCall.Of3<A, B, C> method, A a, B b, C c) {
    live().invoke(checkGroup(group), checkMethod(method), a, b, c);
  }

  /**
   * Calls a {@code @Client.Realtime} method with four arguments in the browsers of {@code group}.
   *
   * <pre>{@code
   * app.invoke("room-7", Board::line, 0, 0, 100, 50);
   * }</pre>
   *
   * <p>As {@link #invoke(String, ClientCall.Of1, Object)}.
   */
  public <A, B, C, D> void invoke(
      String group, ClientCall.Of4<A, B, C, D> method, A a, B b, C c, D d) {
    live().invoke(checkGroup(group), checkMethod(method), a, b, c, d);
  }

  /**
   * Calls a {@code @Client.Realtime} method without parameters in every connected browser.
   *
   * <pre>{@code
   * app.broadcast(Game::reset);
   * }</pre>
   *
   * <p>As {@link #invoke(ClientId, ClientCall.Of0)}, for every open socket.
   *
   * @throws IllegalArgumentException for a lambda or any other method
   * @throws IllegalStateException when the app is not running
   */
  public void broadcast(ClientCall.Of0 method) {
    live().broadcast(checkMethod(method));
  }

  /**
   * Calls a {@code @Client.Realtime} method with one argument in every connected browser.
   *
   * <pre>{@code
   * app.broadcast(Chat::toast, "The server restarts in 5 minutes");
   * }</pre>
   *
   * <p>As {@link #invoke(ClientId, ClientCall.Of1, Object)}, for every open socket.
   */
  public <A> void broadcast(ClientCall.Of1<A> method, A a) {
    live().broadcast(checkMethod(method), new Object[] {a});
  }

  /**
   * Calls a {@code @Client.Realtime} method with two arguments in every connected browser.
   *
   * <pre>{@code
   * app.broadcast(Chat::toast, "Restarting", "warn");
   * }</pre>
   *
   * <p>As {@link #broadcast(ClientCall.Of1, Object)}.
   */
  public <A, B> void broadcast(ClientCall.Of2<A, B> method, A a, B b) {
    live().broadcast(checkMethod(method), a, b);
  }

  /**
   * Calls a {@code @Client.Realtime} method with three arguments in every connected browser.
   *
   * <pre>{@code
   * app.broadcast(Board::cursor, "ada", 10.5, 20.0);
   * }</pre>
   *
   * <p>As {@link #broadcast(ClientCall.Of1, Object)}.
   */
  public <A, B, C> void broadcast(ClientCall.Of3<A, B, C> method, A a, B b, C c) {
    live().broadcast(checkMethod(method), a, b, c);
  }

  /**
   * Calls a {@code @Client.Realtime} method with four arguments in every connected browser.
   *
   * <pre>{@code
   * app.broadcast(Board::line, 0, 0, 100, 50);
   * }</pre>
   *
   * <p>As {@link #broadcast(ClientCall.Of1, Object)}.
   */
  public <A, B, C, D> void broadcast(ClientCall.Of4<A, B, C, D> method, A a, B b, C c, D d) {
    live().broadcast(checkMethod(method), a, b, c, d);
  }

  // ---- events ----------------------------------------------------------------------------------

  /**
   * Raises a custom event on the server: runs its {@code @Server.On(event)} handlers, which receive
   * null for a {@code ClientId} parameter. Browsers do not receive it; use {@link #emitToAll} for
   * them.
   *
   * <pre>{@code
   * app.emit("game_started", new Game(id, players));
   * }</pre>
   *
   * <p>Returns at once: the handlers run on the app's handler threads, in the order of the {@code
   * emit} calls. A failing handler is logged and the others still run.
   *
   * @param data the event's data, or null; it must be of the type the handlers declare
   * @throws IllegalArgumentException for a lifecycle event name ({@code start}, {@code stop},
   *     {@code connect}, {@code disconnect}, {@code ready}), an invalid name, or data of another
   *     type than the handlers declare
   * @throws IllegalStateException when the app is not running
   */
  public void emit(String event, Object data) {
    Objects.requireNonNull(event, "event == null");
    live().emit(event, data);
  }

  /**
   * Sends a custom event to the {@code @Client.On(event)} handlers in the browser of {@code id}.
   *
   * <pre>{@code
   * app.emitTo(id, "score", 42);
   * }</pre>
   *
   * <p>Fire-and-forget, as {@link #invoke(ClientId, ClientCall.Of0)}. The data travels as JSON of
   * the type the event's handlers declare.
   *
   * @param data the event's data, or null
   * @throws IllegalArgumentException for a lifecycle event name, an invalid name, or data of
   *     another type than the handlers declare
   * @throws IllegalStateException when the app is not running
   */
  public void emitTo(ClientId id, String event, Object data) {
    Objects.requireNonNull(event, "event == null");
    live().emitTo(checkId(id), event, data);
  }

  /**
   * Sends a custom event to the browsers of every connected member of {@code group}.
   *
   * <pre>{@code
   * app.emitTo("room-7", "user_joined", "Ada");
   * }</pre>
   *
   * <p>As {@link #emitTo(ClientId, String, Object)}, for the group's members.
   *
   * @throws IllegalArgumentException for a blank group, a lifecycle event name, an invalid name, or
   *     data of another type than the handlers declare
   * @throws IllegalStateException when the app is not running
   */
  public void emitTo(String group, String event, Object data) {
    Objects.requireNonNull(event, "event == null");
    live().emitTo(checkGroup(group), event, data);
  }

  /**
   * Sends a custom event to every connected browser.
   *
   * <pre>{@code
   * app.emitToAll("user_joined", "Ada");
   * }</pre>
   *
   * <p>As {@link #emitTo(ClientId, String, Object)}, for every open socket.
   *
   * @throws IllegalArgumentException for a lifecycle event name, an invalid name, or data of
   *     another type than the handlers declare
   * @throws IllegalStateException when the app is not running
   */
  public void emitToAll(String event, Object data) {
    Objects.requireNonNull(event, "event == null");
    live().emitToAll(event, data);
  }

  // ---- groups ----------------------------------------------------------------------------------

  /**
   * Adds a client to a group, for {@link #invoke(String, ClientCall.Of1, Object)} and {@link
   * #emitTo(String, String, Object)}.
   *
   * <pre>{@code
   * @Server.Realtime
   * public static void enter(String room) {
   *   app.join(ClientId.caller(), room);
   * }
   * }</pre>
   *
   * <p>Membership belongs to the client id, not to a connection: it survives reconnects, and it
   * lasts until {@link #leave}. Joining twice has no further effect. Works in any state of the app.
   *
   * @throws IllegalArgumentException for a blank group
   */
  public void join(ClientId id, String group) {
    groups.join(checkId(id), checkGroup(group));
  }

  /**
   * Removes a client from a group; leaving a group one is not in does nothing.
   *
   * <pre>{@code
   * app.leave(ClientId.caller(), "room-7");
   * }</pre>
   *
   * @throws IllegalArgumentException for a blank group
   */
  public void leave(ClientId id, String group) {
    groups.leave(checkId(id), checkGroup(group));
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

  /** The running realtime side, for the send methods. */
  private Realtime live() {
    Realtime live = realtime;
    if (live == null) {
      throw new IllegalStateException(isStopped ? "stopped" : "not started: call start() first");
    }
    return live;
  }

  private static ClientId checkId(ClientId id) {
    return Objects.requireNonNull(id, "id == null");
  }

  private static String checkGroup(String group) {
    Objects.requireNonNull(group, "group == null");
    if (group.isBlank()) {
      throw new IllegalArgumentException("group must not be blank");
    }
    return group;
  }

  private static <T> T checkMethod(T method) {
    return Objects.requireNonNull(method, "method == null");
  }

  private void checkNotStarted() {
    if (state != State.NEW) {
      throw new IllegalStateException("already started");
    }
  }

  /** Without a guard no caller has a principal, so a @Server.SignedIn method could never run. */
  private void checkGuardFor(AppModel model) {
    if (guard.isPresent()) {
      return;
    }
    List<String> signedIn = new ArrayList<>();
    model.rpcs().stream()
        .filter(r -> r.method().isAnnotationPresent(Server.SignedIn.class))
        .forEach(r -> signedIn.add(Names.of(r.method())));
    model.realtimes().stream()
        .filter(r -> r.method().isAnnotationPresent(Server.SignedIn.class))
        .forEach(r -> signedIn.add(Names.of(r.method())));
    if (!signedIn.isEmpty()) {
      throw new VioletearException(
          String.join(", ", signedIn)
              + (signedIn.size() == 1 ? " has" : " have")
              + " @Server.SignedIn, but the app has no guard, so no caller is ever signed in:"
              + " register one with app.guard(User.class, request -> ...) before start()");
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
