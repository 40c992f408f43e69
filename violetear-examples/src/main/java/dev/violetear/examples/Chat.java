// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.app.Clients;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The chat room: messages go out as realtime calls and come back to everyone in the room as events;
 * a browser enters the room when its first chat tab connects and leaves it when its last chat tab
 * is gone, so a second tab or a network blip announces nothing. The welcome toast reaches the
 * entering tab alone.
 */
public final class Chat {
  // The chat tabs of each browser in the room. Guarded by itself, so that two tabs of one browser
  // opening and closing at once announce the browser once.
  private static final Map<ClientId, Set<PageId>> present = new HashMap<>();

  private Chat() {}

  /** One chat line as it crosses the wire. */
  public record Message(String from, String text) {}

  static String nameOf(ClientId id) {
    String v = id.value();
    return "guest-" + v.substring(0, Math.min(4, v.length()));
  }

  // ---- server ------------------------------------------------------------------------------

  /** Called on every connect of a chat tab; a tab that resumes after a blip is already in. */
  @Server.Realtime
  public static void enter() {
    ClientId id = ClientId.caller();
    PageId tab = PageId.caller();
    Clients clients = App.current().clients();
    synchronized (present) {
      Set<PageId> tabs = present.computeIfAbsent(id, k -> new HashSet<>());
      if (!tabs.add(tab)) {
        return;
      }
      // A tab that moved here from another node of the app is in the room already.
      if (tabs.size() == 1 && !clients.members("chat").contains(id)) {
        clients.join(id, "chat");
        clients.group("chat").emit("user_joined", nameOf(id));
      }
    }
    clients.page(tab).invoke(Chat::toast, "Welcome, " + nameOf(id) + "!");
  }

  /** A tab is gone: closed, navigated away, or not back within the grace period after a cut. */
  @Server.On("page_close")
  public static void left(ClientId id, PageId tab) {
    Clients clients = App.current().clients();
    synchronized (present) {
      Set<PageId> tabs = present.get(id);
      if (tabs == null || !tabs.remove(tab) || !tabs.isEmpty()) {
        return;
      }
      present.remove(id);
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
