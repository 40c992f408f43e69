// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.browser.Violetear;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The test app of {@link RealtimeContractIT}: a page that writes down everything that reaches it
 * (server calls, lifecycle events, custom events) as list items the test can read, and a server
 * side that writes down the events browsers emit.
 */
public final class Probe {
  private Probe() {}

  /** The data of the custom event {@code note}, the same type on both sides. */
  public record Note(String text) {}

  /** A {@code note} the server received, with the sender the framework filled in. */
  record Heard(ClientId from, Note note) {}

  /** Every note browsers emitted to the server, in arrival order. */
  static final Queue<Heard> heard = new ConcurrentLinkedQueue<>();

  static App create() {
    return App.create("Probe").register(Probe.class).view("/", Probe::page);
  }

  // ---- server ------------------------------------------------------------------------------

  @Server.On("note")
  public static void heard(ClientId from, Note note) {
    heard.add(new Heard(from, note));
  }

  // ---- browser -----------------------------------------------------------------------------

  /** The server calls it with app.invoke or app.broadcast. */
  @Client.Realtime
  public static void mark(String text) {
    line("marks", "mark", text);
  }

  @Client.On("connect")
  public static void connected() {
    line("lifecycle", "connect", "connect");
  }

  @Client.On("disconnect")
  public static void disconnected() {
    line("lifecycle", "disconnect", "disconnect");
  }

  /** Runs for a note from the server (emitTo, emitToAll) and for a note this page emits. */
  @Client.On("note")
  public static void noted(Note note) {
    line("notes", "note", note.text());
  }

  /** Emits the text of #note-text as a note: to this page's handlers and to the server's. */
  @Client.Callback
  public static void sendNote(Event e) {
    Violetear.runtime().emit("note", new Note(Dom.find("note-text").value()));
  }

  @Client
  static void line(String list, String kind, String text) {
    Dom.find(list).append(Dom.create("li").addClass(kind).text(text));
  }

  static Document page() {
    return Document.titled("Probe")
        .body(
            Html.ul().id("lifecycle"),
            Html.ul().id("marks"),
            Html.ul().id("notes"),
            Html.input().id("note-text"),
            Html.button("Send a note")
                .id("send-note")
                .attr("type", "button")
                .on("click", Probe::sendNote));
  }
}
