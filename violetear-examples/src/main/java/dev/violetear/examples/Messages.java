// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.app.FragmentRequest;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.examples.MessageBoard.Message;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.List;

/**
 * A fragment-refreshed message list: the list is HTML rendered on the server, as the fragment
 * {@code /messages/list}, and the page loads it again instead of building elements itself. Posting
 * or Refresh reloads it; the server tells every open page when a message is posted, and each
 * reloads; "Show older" appends the next page; a like re-renders its message through {@code
 * /messages/item}. The like buttons of every loaded fragment work, because the runtime attaches the
 * bindings of what it loads.
 */
public final class Messages {
  static final int PAGE_SIZE = 5;

  private Messages() {}

  // ---- server ------------------------------------------------------------------------------

  @Server.Rpc
  public static void post(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.length() > 200) {
      throw new RpcException("BadMessage", "Write a message of 1 to 200 characters.");
    }
    MessageBoard board = App.current().service(MessageBoard.class);
    board.add(trimmed);
    App.current().clients().all().emit("messages_changed", board.size());
  }

  @Server.Rpc
  public static void addLike(int id) {
    if (!App.current().service(MessageBoard.class).like(id)) {
      throw new RpcException("NoSuchMessage", "That message is gone: refresh the list.", 404);
    }
  }

  /** The fragment {@code /messages/list?before=ID}: the page of messages older than ID. */
  static Element list(FragmentRequest request) {
    return page(request.queryInt("before", Integer.MAX_VALUE));
  }

  /** The fragment {@code /messages/item?id=ID}: one message, as the list shows it. */
  static Element item(FragmentRequest request) {
    int id = request.queryInt("id", 0);
    return item(
        App.current()
            .service(MessageBoard.class)
            .find(id)
            .orElseThrow(
                () -> new RpcException("NoSuchMessage", "Message " + id + " is gone.", 404)));
  }

  static Element page(int before) {
    MessageBoard board = App.current().service(MessageBoard.class);
    List<Message> messages = board.before(before, PAGE_SIZE);
    Element list =
        Html.ul().cls("messages").children(messages.stream().map(Messages::item).toList());
    if (messages.isEmpty()) {
      list.child(Html.li("No messages yet: post the first one.").cls("empty"));
    }
    Element page = Html.section().cls("message-page").child(list);
    int oldest = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).id();
    if (board.hasBefore(oldest)) {
      page.child(
          Html.button("Show older")
              .cls("older")
              .attr("type", "button")
              .attr("data-before", String.valueOf(oldest))
              .on("click", Messages::older));
    }
    return page;
  }

  static Element item(Message m) {
    return Html.li()
        .id("message-" + m.id())
        .cls("message")
        .child(
            Html.span().cls("text").text(m.text()),
            Html.text(" "),
            Html.button("\u2665 " + m.likes())
                .cls("like")
                .attr("type", "button")
                .attr("title", "Like")
                .attr("data-id", String.valueOf(m.id()))
                .on("click", Messages::like));
  }

  // ---- browser -----------------------------------------------------------------------------

  @Client.Callback
  public static void submit(Event e) {
    DomElement input = Dom.find("message");
    try {
      post(input.value());
      input.value("");
      reload();
    } catch (RpcException ex) {
      showError(ex);
    }
    input.focus();
  }

  @Client.Callback
  public static void refresh() {
    reload();
  }

  /** Another page (or this one) posted: show the newest messages. */
  @Client.On("messages_changed")
  public static void changed(int count) {
    reload();
  }

  @Client.Callback
  public static void older(Event e) {
    DomElement button = e.target().attr("disabled", "disabled");
    try {
      Dom.find("messages").appendFragment("/messages/list?before=" + button.attr("data-before"));
      button.remove();
      showError(null);
    } catch (RpcException ex) {
      button.removeAttr("disabled");
      showError(ex);
    }
  }

  @Client.Callback
  public static void like(Event e) {
    String id = e.target().attr("data-id");
    try {
      addLike(Integer.parseInt(id));
      Dom.find("message-" + id).replaceWithFragment("/messages/item?id=" + id);
      showError(null);
    } catch (RpcException ex) {
      showError(ex);
    }
  }

  @Client
  static void reload() {
    try {
      Dom.find("messages").load("/messages/list");
      showError(null);
    } catch (RpcException ex) {
      showError(ex);
    }
  }

  /** Shows the server's error as it sent it; null hides it. */
  @Client
  static void showError(RpcException ex) {
    DomElement error = Dom.find("error");
    if (ex == null) {
      error.text("").attr("data-type", "").addClass("hidden");
    } else {
      error.text(ex.getMessage()).attr("data-type", ex.type()).removeClass("hidden");
    }
  }

  static Document page() {
    return Showcase.page(
        "Messages",
        Html.h1().text("Messages"),
        Html.p()
            .cls("lead")
            .text(
                "The list is HTML rendered on the server and loaded into the page: posting,"
                    + " Refresh or anyone else's post reload it, Show older appends the next"
                    + " page, and a like re-renders its message."),
        Html.form()
            .id("message-form")
            .on("submit", Messages::submit)
            .child(
                Html.input()
                    .id("message")
                    .attr("autocomplete", "off")
                    .attr("placeholder", "Say something"),
                Html.button("Post").id("post").attr("type", "submit"),
                Html.text(" "),
                Html.button("Refresh")
                    .id("refresh")
                    .attr("type", "button")
                    .on("click", Messages::refresh)),
        Html.p().id("error").cls("error", "hidden"),
        Html.div().id("messages").child(page(Integer.MAX_VALUE)));
  }
}
