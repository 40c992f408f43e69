// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.forms;

import dev.violetear.Client;
import dev.violetear.app.App;
import dev.violetear.app.Form;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A page with client code and a {@code Form.post} form: a counter the browser keeps (a bound
 * callback), and notes posted through a form route. After the forms script swaps in a new body, the
 * callback must work in it too.
 */
public final class Tally {
  private Tally() {}

  /** One note, as the form posts it. */
  public record Note(String text) {}

  static final List<String> notes = new CopyOnWriteArrayList<>();

  @Client.Callback
  public static void bump() {
    DomElement tally = Dom.find("tally");
    tally.text(String.valueOf(Integer.parseInt(tally.text()) + 1));
  }

  static Document page(Form form) {
    return Document.titled("Tally")
        .body(
            Html.span().id("tally").text("0"),
            Html.button("+1").id("bump").attr("type", "button").on("click", Tally::bump),
            Form.post("/tally")
                .child(
                    Html.input().id("text").attr("name", "text").attr("value", form.value("text")),
                    Html.span().id("text-error").text(form.error("text")),
                    Html.button("Post").id("post").attr("type", "submit")),
            Html.ul().id("notes").children(notes.stream().map(Html::li).toList()));
  }

  static void post(Note note, Form form) {
    if (note.text().isBlank()) {
      form.addError("text", "Write a note.");
    } else {
      notes.add(note.text());
    }
  }

  /** The app, not started. */
  public static App app() {
    return App.create("Tally")
        .register(Tally.class)
        .view("/tally", () -> page(Form.blank()))
        .form("/tally", Note.class, Tally::page, Tally::post);
  }
}
