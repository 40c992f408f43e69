// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.List;

/**
 * The todo list: records and lists cross the wire, the server's rejection is shown, and the items
 * live in the app's {@link TodoStore} service.
 */
public final class Todos {
  private Todos() {}

  /** One todo item. */
  public record Item(long id, String text, boolean done) {}

  @Server.Rpc
  public static List<Item> add(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new RpcException("EmptyItem", "Write something first: an empty todo is not added.");
    }
    if (trimmed.length() > 200) {
      throw new RpcException("TooLong", "Keep it under 200 characters.");
    }
    TodoStore store = App.current().service(TodoStore.class);
    store.add(trimmed);
    return store.all();
  }

  @Server.Rpc
  public static List<Item> list() {
    return App.current().service(TodoStore.class).all();
  }

  @Client.Callback
  public static void submit(Event e) {
    DomElement input = Dom.find("new-item");
    DomElement error = Dom.find("error");
    try {
      show(add(input.value()));
      input.value("");
      error.text("").addClass("hidden");
    } catch (RpcException ex) {
      error.text(ex.getMessage()).removeClass("hidden");
    }
    input.focus();
  }

  @Client.Callback
  public static void refresh() {
    show(list());
  }

  @Client
  static void show(List<Item> all) {
    DomElement list = Dom.find("items").clear();
    for (Item item : all) {
      list.append(Dom.create("li").text(item.text()).toggleClass("done", item.done()));
    }
    Dom.find("count").text(all.size() == 1 ? "1 item" : all.size() + " items");
  }

  static Document page() {
    List<Item> all = list();
    Element list = Html.ul().id("items");
    for (Item item : all) {
      list.child(Html.li(item.text()));
    }
    return Showcase.page(
        "Todos",
        Html.h1().text("Todos"),
        Html.form()
            .id("new-item-form")
            .on("submit", Todos::submit)
            .child(
                Html.input()
                    .id("new-item")
                    .attr("name", "text")
                    .attr("autocomplete", "off")
                    .attr("placeholder", "What needs doing?"),
                Html.button("Add").id("add").attr("type", "submit")),
        Html.p().id("error").cls("error", "hidden"),
        list,
        Html.p()
            .child(
                Html.small().id("count").text(all.size() == 1 ? "1 item" : all.size() + " items"),
                Html.text(" "),
                Html.button("Refresh")
                    .id("refresh")
                    .attr("type", "button")
                    .on("click", Todos::refresh)));
  }
}
