// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.State;
import dev.violetear.app.App;
import dev.violetear.app.Clients;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;

/**
 * The README's per-group state example, word for word below the imports; {@link ReadmeRoomsIT} runs
 * it.
 */
public final class Rooms {
  static final State<Integer> score = State.perGroup(0); // one score per room
  static final State<String> room = State.of("none"); // this page's room, kept in the page

  @Server.Rpc
  public static void enter(String from, String to) {
    Clients clients = App.current().clients();
    clients.leave(ClientId.caller(), from);
    clients.join(ClientId.caller(), to); // the page gets the room's score at once
  }

  @Server.Rpc
  public static void point(String room) {
    if (!App.current().clients().members(room).contains(ClientId.caller())) {
      throw new RpcException("NotInRoom", "Enter the room first.");
    }
    score.in(room).update(n -> n + 1); // only the pages in that room see it
  }

  @Client.Callback
  public static void red(Event e) {
    move("red");
  }

  @Client.Callback
  public static void blue(Event e) {
    move("blue");
  }

  @Client.Callback
  public static void scored(Event e) {
    point(room.get());
  }

  static void move(String to) {
    enter(room.get(), to);
    room.set(to);
  }

  static Document page() {
    return Document.titled("Rooms")
        .body(
            Html.p().id("room").text(room),
            Html.p().id("score").text(score),
            Html.button("Red").id("red").on("click", Rooms::red),
            Html.button("Blue").id("blue").on("click", Rooms::blue),
            Html.button("Point").id("point").on("click", Rooms::scored));
  }

  public static void main(String[] args) {
    App.create("Rooms").register(Rooms.class).view("/", Rooms::page).start(8000);
  }
}
