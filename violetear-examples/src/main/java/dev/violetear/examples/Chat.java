// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.app.Clients;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat room: messages go out as realtime calls and come back to everyone in the room as events;
 * a browser enters the room when its chat page connects, and the welcome toast reaches it alone.
 */
public final class Chat {
  // Clients on the chat page; a ClientId may connect from other pages too.
  private static final Set<ClientId> present = ConcurrentHashMap.newKeySet();

  private Chat() {}

  /** One chat line as it crosses the wire. */
  public record Message(String from, String text) {}

  static String nameOf(ClientId id) {
    String v = id.value();
    return "guest-" + v.substring(0, Math.min(4, v.length()));
  }

  // ---- server ------------------------------------------------------------------------------

  @Server.Realtime
  public static void enter() {
    ClientId id = ClientId.caller();
    Clients clients = App.current().clients();
    present.add(id);
    clients.join(id, "chat");
    clients.group("chat").emit("user_joined", nameOf(id));
    clients.to(id).invoke(Chat::toast, "Welcome, " + nameOf(id) + "!");
  }

  @Server.On("disconnect")
  public static void left(ClientId id) {
    if (present.remove(id)) {
      Clients clients = App.current().clients();
      clients.leave(id, "chat");
      clients.group("chat").emit("user_left", nameOf(id));
    }
  }

  @Server.Realtime
  public static void say(String text) {
    String clean = text.strip();
    if (!clean.isEmpty()) {
      App.current()
          .clients()
          .group("chat")
          .emit("chat_message", new Message(nameOf(ClientId.caller()), clean));
    }
  }

  // ---- browser -----------------------------------------------------------------------------

  @Client.Callback
  public static void send(Event e) {
    DomElement input = Dom.find("message");
    say(input.value());
    input.value("").focus();
  }

  @Client.On("chat_message")
  public static void message(Message m) {
    line("message", m.from() + ": " + m.text());
  }

  @Client.On("user_joined")
  public static void userJoined(String who) {
    line("joined", who + " joined");
  }

  @Client.On("user_left")
  public static void userLeft(String who) {
    line("left", who + " left");
  }

  @Client.Realtime
  public static void toast(String text) {
    Dom.find("toast").text(text).removeClass("hidden");
  }

  @Client.On("connect")
  public static void online() {
    Dom.find("status").text("online").addClass("online");
    enter();
  }

  @Client.On("disconnect")
  public static void offline() {
    Dom.find("status").text("offline: reconnecting").removeClass("online");
  }

  @Client
  static void line(String kind, String text) {
    Dom.find("log").append(Dom.create("li").addClass(kind).text(text));
  }

  static Document page() {
    return Showcase.page(
        "Chat",
        Html.h1().text("Chat"),
        Html.p().child(Html.small().id("status").text("connecting")),
        Html.p().id("toast").cls("toast", "hidden"),
        Html.ul().id("log").cls("log"),
        Html.form()
            .id("chat-form")
            .on("submit", Chat::send)
            .child(
                Html.input()
                    .id("message")
                    .attr("autocomplete", "off")
                    .attr("placeholder", "Say something"),
                Html.button("Send").id("send").attr("type", "submit")));
  }
}
