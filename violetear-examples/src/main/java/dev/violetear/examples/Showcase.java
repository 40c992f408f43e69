// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.app.App;
import dev.violetear.app.AppConfig;
import dev.violetear.app.Form;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import dev.violetear.markup.Node;
import dev.violetear.redis.RedisBackplane;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The showcase app: every example, reachable from the index page. */
public final class Showcase {
  private Showcase() {}

  /** Builds the app without starting it, so tests can start it on any port. */
  public static App create() {
    return create(Path.of(".violetear", "cache"));
  }

  /** Builds the app with its bundle cache in {@code bundleCache}. */
  public static App create(Path bundleCache) {
    return create(bundleCache, config -> {});
  }

  /** Builds the app with its bundle cache in {@code bundleCache}, then changes {@code config}. */
  public static App create(Path bundleCache, Consumer<AppConfig> config) {
    App app =
        App.create(
                "Violetear showcase",
                c -> {
                  c.bundleCacheDir(bundleCache);
                  config.accept(c);
                })
            .register(
                Counter.class,
                Todos.class,
                Chat.class,
                Board.class,
                Notices.class,
                Converter.class,
                SharedCounter.class,
                Messages.class,
                Tasks.class)
            .guard(Notices.Member.class, Notices::guard)
            .provide(TodoStore.class, new TodoStore())
            .provide(MessageBoard.class, new MessageBoard())
            .provide(Guestbook.Book.class, new Guestbook.Book())
            .staticFiles("/static", "/static")
            .view("/", Showcase::index)
            .view("/counter", Counter::page)
            .view("/todos", Todos::page)
            .view("/chat", Chat::page)
            .view("/board", Board::page)
            .view("/notices", Notices::page)
            .view("/converter", Converter::page)
            .view("/tasks", Tasks::page)
            .view("/shared", SharedCounter::page)
            .view("/messages", Messages::page)
            .fragment("/messages/list", Messages::list)
            .fragment("/messages/item", Messages::item)
            .view("/guestbook", () -> Guestbook.page(Form.blank()))
            .form("/guestbook", Guestbook.Entry.class, Guestbook::page, Guestbook::sign);
    return app;
  }

  /**
   * Starts the showcase on http://localhost:8000, or on the port given as first argument. With
   * {@code VIOLETEAR_REDIS} set (a Redis URL) it is one node of several, joined through that Redis;
   * every node then needs the same {@code VIOLETEAR_SECRET}.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
    String redis = System.getenv("VIOLETEAR_REDIS");
    App app = redis == null ? create() : create(Path.of(".violetear", "cache"), node(redis));
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    app.start(port);
  }

  /** The settings of one node of several: the backplane, and the secret every node shares. */
  static Consumer<AppConfig> node(String redisUrl) {
    String secret = System.getenv("VIOLETEAR_SECRET");
    if (secret == null || secret.length() < 32) {
      throw new IllegalStateException(
          "VIOLETEAR_REDIS makes the showcase one node of several, and every node must accept the"
              + " others' cookies: set VIOLETEAR_SECRET to the same 32 or more characters on each,"
              + " for example export VIOLETEAR_SECRET=$(openssl rand -hex 32)");
    }
    return c ->
        c.backplane(RedisBackplane.at(redisUrl))
            .clientIdSecret(secret.getBytes(StandardCharsets.UTF_8));
  }

  static Document index() {
    return page(
        "Violetear showcase",
        Html.h1().text("Violetear showcase"),
        Html.p()
            .cls("lead")
            .text("One Java codebase: server logic, page markup and browser logic."),
        Html.ul()
            .cls("examples")
            .child(
                Html.li()
                    .child(
                        Html.a("/counter", "Counter").id("counter-link"),
                        Html.text(": RPC from a click handler")),
                Html.li()
                    .child(
                        Html.a("/todos", "Todos").id("todos-link"),
                        Html.text(": records and lists on the wire, server-side validation")),
                Html.li()
                    .child(
                        Html.a("/chat", "Chat").id("chat-link"),
                        Html.text(": realtime calls, events, a toast to one client")),
                Html.li()
                    .child(
                        Html.a("/board", "Board").id("board-link"),
                        Html.text(": high-frequency realtime calls and a game_started event")),
                Html.li()
                    .child(
                        Html.a("/notices", "Notices").id("notices-link"),
                        Html.text(
                            ": the app's guard, and an action only signed-in users may take")),
                Html.li()
                    .child(
                        Html.a("/converter", "Converter").id("converter-link"),
                        Html.text(": client state bound to markup, no DOM code")),
                Html.li()
                    .child(
                        Html.a("/tasks", "Tasks").id("tasks-link"),
                        Html.text(": a keyed list whose items keep their elements and callbacks")),
                Html.li()
                    .child(
                        Html.a("/shared", "Shared counter").id("shared-link"),
                        Html.text(": one server-owned count that every tab follows")),
                Html.li()
                    .child(
                        Html.a("/messages", "Messages").id("messages-link"),
                        Html.text(
                            ": a list of HTML fragments rendered on the server, loaded and"
                                + " refreshed in the page")),
                Html.li()
                    .child(
                        Html.a("/guestbook", "Guestbook").id("guestbook-link"),
                        Html.text(": a form that works with JavaScript off"))));
  }

  static Document page(String title, Node... content) {
    return Document.titled(title)
        .stylesheet("/static/showcase.css")
        .body(
            Html.main().cls("page").child(content),
            Html.footer().child(Html.a("/", "All examples")));
  }
}
