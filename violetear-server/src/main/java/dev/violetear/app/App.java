// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.ClientId;
import dev.violetear.VioletearException;
import dev.violetear.internal.Caller;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.realtime.Groups;
import dev.violetear.internal.realtime.Realtime;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Violetear app: the registered classes, the pages, the services its handlers use, and the web
 * server that serves them with the browser bundle, the RPC endpoint and the realtime socket.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   App.create("Counter")
 *       .register(Counter.class)
 *       .provide(Clock.class, Clock.systemUTC())
 *       .view("/", Counter::index)
 *       .start(8000);
 * }
 * }</pre>
 *
 * <p>Build the app, then start it: {@link #start(int)} checks every registered class, loads or
 * compiles the browser bundle and opens the port, or fails with one {@link VioletearException}
 * listing every problem. The methods that build it throw {@link IllegalStateException} once it has
 * started; the ones that need it running ({@link #emit}, {@link #port}, {@link #stats}, sending)
 * throw it before start and after {@link #stop()}. Handlers reach the app they run in with {@link
 * #current()}: its {@link #clients() clients}, its {@link #service services} and {@link #emit}; so
 * several apps, each with its own state, run side by side in one JVM. Thread-safe.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  private static final int DEFAULT_PORT = 8000;

  private final String name;
  private final AppConfig config;
  // Membership belongs to client ids and outlives connections, so the app keeps it.
  private final Groups groups = new Groups();
  private final Clients clients = new Clients(this);
  private final Services services = new Services(this);
  // Guarded by "this".
  private final Blueprint blueprint = new Blueprint();
  private boolean isStarted;
  private boolean isStopped;

  // Written under "this"; read without it by senders, which must not wait for start() or stop()
  // (handlers that run during them may send). Set from start until stop() returns.
  private volatile Running running;

  private App(String name, AppConfig config) {
    this.name = name;
    this.config = config;
  }

  /**
   * Creates an app with the default settings, as {@code App.create(name, config -> {})}.
   *
   * @param name the app's name, shown in logs; not blank
   * @return the app, not yet started
   */
  public static App create(String name) {
    return create(name, config -> {});
  }

  /**
   * Creates an app named {@code name} (shown in logs; not blank), and lets {@code config} change
   * its settings once, before this returns.
   *
   * <pre>{@code
   * App app = App.create("Counter", config -> config.maxRequestBytes(64 * 1024));
   * }</pre>
   *
   * @param name the app's name, shown in logs; not blank
   * @param config changes the default settings; called once
   * @return the app, not yet started
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
   * Returns the app whose handler runs on this thread: a {@code @Server.Rpc}, a
   * {@code @Server.Realtime} or a {@code @Server.On} method, a view, a fragment or the guard.
   *
   * <pre>{@code
   * App.current().clients().group("chat").emit("chat_message", message);
   * }</pre>
   *
   * @return the app that runs the current handler
   * @throws IllegalStateException on any other thread: pass the app there as a value
   */
  public static App current() {
    if (Caller.app() instanceof App app) {
      return app;
    }
    throw new IllegalStateException(
        "App.current() works only while the app runs one of its handlers: a @Server.Rpc,"
            + " @Server.Realtime or @Server.On method, a view, a fragment or the guard. Elsewhere,"
            + " keep the App that App.create returned and pass it along.");
  }

  /**
   * Adds classes whose {@code @Server} methods browsers may call and whose {@code @Client} methods
   * go into the browser bundle, as in {@code app.register(Counter.class, Todos.class)}; {@link
   * #start(int)} checks them.
   *
   * @param classes the classes with {@code @Server} and {@code @Client} methods
   * @return this app
   */
  public synchronized App register(Class<?>... classes) {
    checkNotStarted().register(classes);
    return this;
  }

  /**
   * Serves a page at {@code path} (absolute, without route syntax), built by {@code view} on every
   * request, possibly on several threads at once. Classes whose callbacks the page binds must be
   * registered, or the request fails with HTTP 500 and a log line saying which.
   *
   * <pre>{@code
   * app.view("/", Counter::index);
   * }</pre>
   *
   * @param path the page's absolute path, for example {@code "/"}
   * @param view builds the page for each request
   * @return this app
   * @throws IllegalArgumentException for a relative, duplicate or reserved path, or one with {@code
   *     {} <> *}
   */
  public synchronized App view(String path, Supplier<Document> view) {
    checkNotStarted().view(path, view);
    return this;
  }

  /**
   * Serves an HTML fragment at {@code path} (a path as for {@link #view}): the element {@code
   * fragment} builds for each request, without a page around it, which client code puts into the
   * page with {@code DomElement.load(path)}. As for a view, the classes whose callbacks it binds
   * must be registered; as for an RPC call, the guard sees each request, and {@code
   * ClientId.caller()} and {@link Principal#current} work in {@code fragment}.
   *
   * <pre>{@code
   * app.fragment("/messages/list", Messages::list);
   * }</pre>
   *
   * @param path the fragment's absolute path, for example {@code "/messages/list"}
   * @param fragment builds the element for each request
   * @return this app
   * @throws IllegalArgumentException for a path {@link #view} would refuse, or one already in use
   */
  public synchronized App fragment(String path, Supplier<Element> fragment) {
    Objects.requireNonNull(fragment, "fragment == null");
    return fragment(path, request -> fragment.get());
  }

  /**
   * Serves an HTML fragment built from the request's query, as {@link #fragment(String, Supplier)}
   * does otherwise: {@code app.fragment("/messages/list", r -> list(r.queryInt("before", 0)))}.
   *
   * @param path the fragment's absolute path
   * @param fragment builds the element for each request, from its query
   * @return this app
   */
  public synchronized App fragment(String path, Function<FragmentRequest, Element> fragment) {
    checkNotStarted().fragment(path, fragment);
    return this;
  }

  /**
   * Takes the forms posted to {@code path}: converts their fields to a {@code type} record (one
   * field per component, by name), runs {@code handler} with it, then redirects the browser (303)
   * to {@code path}, or shows {@code page} again (422) with the errors of the fields that did not
   * convert or that the handler added, and what the visitor typed. Works without JavaScript; a
   * {@link Form#post} form is posted without reloading the page when it runs. A post from another
   * site's page gets 403; see {@link Form} for the page.
   *
   * <pre>{@code
   * app.view("/guestbook", () -> Guestbook.page(Form.blank()))
   *     .form("/guestbook", Entry.class, Guestbook::page, (entry, form) -> book.add(entry));
   * }</pre>
   *
   * @param <T> the record the fields convert to
   * @param path the absolute path the form posts to, often its page's path
   * @param type a record of {@code String}, primitives and boxes, enums, {@code boolean} (a
   *     checkbox), {@code Optional} and {@code List} of those
   * @param page draws the form's page for a given {@link Form}, as the page's view does
   * @param handler saves a record whose fields all converted
   * @return this app
   * @throws IllegalArgumentException for a path as {@link #view} refuses it or already taken by a
   *     form, or a type that is not such a record
   */
  public synchronized <T> App form(
      String path, Class<T> type, Function<Form, Document> page, FormHandler<T> handler) {
    checkNotStarted().form(path, type, page, handler);
    return this;
  }

  /**
   * Serves the files of a classpath directory under a URL prefix: {@code app.staticFiles("/static",
   * "public")} serves {@code src/main/resources/public/app.css} as {@code /static/app.css}.
   *
   * @param urlPrefix the absolute URL prefix, for example {@code "/static"}
   * @param classpathDirectory the classpath directory the files are read from
   * @return this app
   * @throws IllegalArgumentException for a relative or reserved prefix, or a directory that is not
   *     on the classpath
   */
  public synchronized App staticFiles(String urlPrefix, String classpathDirectory) {
    checkNotStarted().staticFiles(urlPrefix, classpathDirectory);
    return this;
  }

  /**
   * Sets the app's one guard: it sees every RPC call, fragment and socket handshake and returns the
   * caller's principal of {@code type} (null: anonymous), or refuses with a {@link GuardRejection}.
   * Return null for visitors who may use pages signed out: a refused handshake leaves a page
   * without a socket.
   *
   * <pre>{@code
   * app.guard(User.class, request -> signedIn.get(request.clientId()));
   * }</pre>
   *
   * @param <P> the type of the principal
   * @param type the principal's class, as {@code Principal.current(type)} asks for it
   * @param guard decides each call and handshake
   * @return this app
   */
  public synchronized <P> App guard(Class<P> type, Guard<P> guard) {
    checkNotStarted().guard(type, guard);
    return this;
  }

  /**
   * Makes {@code service} (a repository, a clock, a client of another system) available to the
   * app's handlers as {@link #service service(type)}; each app has its own.
   *
   * <pre>{@code
   * app.provide(TodoStore.class, new TodoStore(dataSource));
   * }</pre>
   *
   * @param <T> the type the service is looked up by
   * @param type the class handlers pass to {@link #service}
   * @param service the instance handlers get
   * @return this app
   */
  public synchronized <T> App provide(Class<T> type, T service) {
    checkNotStarted();
    services.provide(type, service);
    return this;
  }

  /**
   * Returns the service {@linkplain #provide provided} as {@code type}, or throws {@link
   * IllegalStateException} naming it: {@code App.current().service(TodoStore.class)}.
   *
   * @param <T> the type the service is looked up by
   * @param type the class the service was provided as
   * @return the service
   */
  public <T> T service(Class<T> type) {
    return services.get(type);
  }

  /** {@return the app's browsers, to send to one client, a group or everyone} */
  public Clients clients() {
    return clients;
  }

  /**
   * Raises a custom event on the server: its {@code @Server.On(event)} handlers run on the handler
   * threads in the order of the calls (a {@code ClientId} parameter gets null), and this returns at
   * once. Browsers get events through {@link Audience#emit}.
   *
   * <pre>{@code
   * app.emit("game_started", new Game(id, players));
   * }</pre>
   *
   * @param event the custom event's name
   * @param data the event's data, or null; of the type the event's handlers declare
   * @throws IllegalArgumentException for a lifecycle or invalid name, or data of another type than
   *     the handlers declare
   */
  public void emit(String event, Object data) {
    live().emit(Objects.requireNonNull(event, "event == null"), data);
  }

  /**
   * Starts the app on port 8000, as {@code start(8000)}.
   *
   * @return this app, serving
   */
  public App start() {
    return start(DEFAULT_PORT);
  }

  /**
   * Checks the registered classes, loads or compiles the browser bundle and serves on {@code port}
   * (0: any free port), then runs the {@code @Server.On("start")} handlers on this thread while the
   * app already serves. A failed start leaves nothing running; fix the app and start again.
   *
   * <pre>{@code
   * int port = app.start(0).port();
   * }</pre>
   *
   * @param port the TCP port, or 0 for any free port
   * @return this app, serving
   * @throws VioletearException when a class breaks a rule, the bundle does not compile, the port is
   *     taken or a start handler fails; the message lists every problem
   */
  public synchronized App start(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    AppModel model = checkNotStarted().model();
    model.warnings().forEach(log::warn);
    var setup = new Running.Setup(this, name, config, model, groups, blueprint);
    try {
      Running.start(setup, port, started -> running = started);
    } catch (RuntimeException e) {
      running = null;
      throw e;
    }
    isStarted = true;
    return this;
  }

  /** {@return the port the app listens on, for example after {@code start(0)}} */
  public int port() {
    return running().server.port();
  }

  /** {@return a snapshot of open sockets, page sessions and frames waiting for their ack} */
  public RealtimeStats stats() {
    return live().stats();
  }

  /**
   * Stops the app for good (again: nothing): runs the {@code @Server.On("stop")} handlers while
   * clients are connected, closes every socket (1001) once its frames are written, and gives the
   * queued handlers, the clients' {@code disconnect} among them, a few seconds.
   *
   * <pre>{@code
   * app.stop();
   * }</pre>
   */
  public synchronized void stop() {
    if (!isStarted || isStopped) {
      return;
    }
    isStopped = true;
    running.stop();
    running = null;
  }

  /** Stops the app, as {@link #stop()}, for try-with-resources. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "App[" + name + "]";
  }

  /** The app's group members, as this node knows them. */
  Groups groups() {
    return groups;
  }

  /** Adds to a group: through the running app (on every node), or here before it starts. */
  void join(ClientId id, String group) {
    Running r = running;
    if (r != null) {
      r.realtime.join(id, group);
    } else {
      groups.join(id, group);
    }
  }

  /** Removes from a group, as {@link #join}. */
  void leave(ClientId id, String group) {
    Running r = running;
    if (r != null) {
      r.realtime.leave(id, group);
    } else {
      groups.leave(id, group);
    }
  }

  /** The running realtime side, for senders. */
  Realtime live() {
    return running().realtime;
  }

  private Running running() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException(isStopped ? "stopped" : "not started: call start() first");
    }
    return r;
  }

  private Blueprint checkNotStarted() {
    if (isStarted) {
      throw new IllegalStateException("already started");
    }
    return blueprint;
  }
}
