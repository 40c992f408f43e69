// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.app.App;
import dev.violetear.app.Form;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README's form example, word for word below the imports; {@link ReadmeGuestbookIT} runs it.
 */
public final class Guestbook {
  public record Entry(String name, String message) {} // one form field per component

  static final List<Entry> entries = new CopyOnWriteArrayList<>();

  static Document page(Form form) { // a blank form, or the posted one with its errors
    return Document.titled("Guestbook")
        .body(
            // <form method="post" action="/">; with JavaScript on, posted without a reload
            Form.post("/")
                .child(
                    Html.input().attr("name", "name").attr("value", form.value("name")),
                    Html.span().id("name-error").text(form.error("name")),
                    Html.input().attr("name", "message").attr("value", form.value("message")),
                    Html.button("Sign").attr("type", "submit")),
            Html.ul()
                .children(
                    entries.stream().map(e -> Html.li(e.name() + ": " + e.message())).toList()));
  }

  static void sign(Entry entry, Form form) {
    if (entry.name().isBlank()) {
      form.addError("name", "Write your name."); // 422: the page again, with what was typed
      return;
    }
    entries.add(0, entry); // then 303 See Other back to "/"
  }

  public static void main(String[] args) {
    App.create("Guestbook")
        .view("/", () -> page(Form.blank()))
        .form("/", Entry.class, Guestbook::page, Guestbook::sign)
        .start(8000);
  }
}
