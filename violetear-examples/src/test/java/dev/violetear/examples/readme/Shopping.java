// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import dev.violetear.markup.Repeat;
import java.util.ArrayList;
import java.util.List;

/** The README's list example, word for word below the imports; {@link ReadmeListIT} runs it. */
public final class Shopping {
  static final State<List<String>> items = State.of(List.of("Bread", "Milk"));
  static final Repeat<String> rows = Repeat.of(items, name -> name, Shopping::row);
  static final State<String> draft = State.of("");

  static Element row(String name) { // on the server and in the browser
    return Html.li().text(name).child(Html.button("Got it").on("click", Shopping::got));
  }

  @Client.Callback
  public static void add(Event e) {
    put(draft.get().trim());
    draft.set("");
  }

  @Client.Callback
  public static void got(Event e) { // e.itemKey(): the item's key
    String name = e.itemKey();
    List<String> list = new ArrayList<>(items.get());
    list.remove(name);
    items.set(list);
    // Markup built in client code, its callback bound as on the server:
    Dom.find("bought").append(Html.li(name).on("click", Shopping::undo));
  }

  @Client.Callback
  public static void undo(Event e) {
    put(e.target().text());
    e.target().remove();
  }

  static void put(String name) {
    if (!name.isEmpty() && !items.get().contains(name)) { // keys are unique
      List<String> list = new ArrayList<>(items.get());
      list.add(name);
      items.set(list);
    }
  }

  static Document page() {
    return Document.titled("Shopping")
        .body(
            Html.form()
                .on("submit", Shopping::add)
                .child(Html.input().id("draft").value(draft), Html.button("Add")),
            Html.ul().id("list").repeat(rows),
            Html.h2().text("Bought"),
            Html.ul().id("bought"));
  }

  public static void main(String[] args) {
    App.create("Shopping").register(Shopping.class).view("/", Shopping::page).start(8000);
  }
}
