// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small multiplayer board: every pointer move is a high-frequency realtime call, every player
 * sees every cursor, and a started game is announced to the server and to all browsers.
 */
public final class Board {
  private static final AtomicInteger games = new AtomicInteger();
  private static final AtomicInteger moves = new AtomicInteger();

  private Board() {}

  /** A game, as announced with the game_started event. */
  public record Game(int number, String startedBy) {}

  // ---- server ------------------------------------------------------------------------------

  // It only counts and sends, never waits: it can run on the thread that read the call.
  @Server.Realtime
  @Server.NonBlocking
  public static void move(int x, int y) {
    moves.incrementAndGet();
    App.current().clients().all().invoke(Board::cursor, Chat.nameOf(ClientId.caller()), x, y);
  }

  @Server.Rpc
  public static Game start() {
    Game game = new Game(games.incrementAndGet(), Chat.nameOf(ClientId.caller()));
    App app = App.current();
    app.emit("game_started", game);
    app.clients().all().emit("game_started", game);
    return game;
  }

  @Server.On("game_started")
  public static void started(Game game) {
    moves.set(0);
  }

  // ---- browser -----------------------------------------------------------------------------

  @Client.Callback
  public static void moved(Event e) {
    move((int) e.offsetX(), (int) e.offsetY());
  }

  @Client.Callback
  public static void startGame() {
    start();
  }

  @Client.Realtime
  public static void cursor(String who, int x, int y) {
    String id = "cursor-" + who;
    DomElement dot = Dom.findOrNull(id);
    if (dot == null) {
      dot = Dom.create("span").attr("id", id).addClass("cursor").text(who);
      Dom.find("board").append(dot);
    }
    dot.style("left", x + "px").style("top", y + "px");
    Dom.find("last-move").text(who + " at " + x + "," + y);
  }

  @Client.On("game_started")
  public static void gameStarted(Game game) {
    Dom.find("game").text("Game #" + game.number() + " started by " + game.startedBy());
  }

  static Document page() {
    return Showcase.page(
        "Board",
        Html.h1().text("Board"),
        Html.p()
            .cls("lead")
            .text("Move the pointer over the board: every player sees every" + " cursor."),
        Html.p()
            .child(
                Html.button("Start a game")
                    .id("start")
                    .attr("type", "button")
                    .on("click", Board::startGame),
                Html.text(" "),
                Html.strong().id("game")),
        Html.div().id("board").cls("board").on("mousemove", Board::moved),
        Html.p().child(Html.small().id("last-move")));
  }
}
