// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.app.App;
import dev.violetear.app.Form;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The guestbook: a form that works with JavaScript off. It has no client code at all. Without
 * JavaScript the browser posts the form and the server answers with a redirect back to the page
 * (303), or with the page again (422) showing each field's error beside it and what was typed. With
 * JavaScript the runtime posts the same form with {@code fetch} and swaps in the answer, so the
 * page is not reloaded.
 */
public final class Guestbook {
  private static final int MAX_ENTRIES = 50;
  private static final int MAX_NAME = 40;
  private static final int MAX_MESSAGE = 280;

  private Guestbook() {}

  /** One signature, as the form posts it: one field per component. */
  public record Entry(String name, String message) {}

  /** The app's entries, newest first and at most {@value #MAX_ENTRIES}; a service of the app. */
  public static final class Book {
    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void add(Entry entry) {
      entries.addFirst(entry);
      if (entries.size() > MAX_ENTRIES) {
        entries.removeLast();
      }
    }

    synchronized List<Entry> newestFirst() {
      return List.copyOf(entries);
    }
  }

  /** The form route's handler: checks what a record cannot say, then signs the book. */
  static void sign(Entry entry, Form form) {
    String name = entry.name().strip();
    String message = entry.message().strip();
    if (name.isEmpty()) {
      form.addError("name", "Write your name.");
    } else if (name.length() > MAX_NAME) {
      form.addError("name", "Keep your name under " + MAX_NAME + " characters.");
    }
    if (message.isEmpty()) {
      form.addError("message", "Write a message.");
    } else if (message.length() > MAX_MESSAGE) {
      form.addError("message", "Keep your message under " + MAX_MESSAGE + " characters.");
    }
    if (!form.hasErrors()) {
      App.current().service(Book.class).add(new Entry(name, message));
    }
  }

  /** The page, for a blank form (the view) or a posted one with errors (the form route). */
  static Document page(Form form) {
    List<Entry> entries = App.current().service(Book.class).newestFirst();
    return Showcase.page(
        "Guestbook",
        Html.h1().text("Guestbook"),
        Html.p()
            .cls("lead")
            .text("A form that works with JavaScript off, and posts without a reload with it on."),
        Form.post("/guestbook")
            .id("sign")
            .cls("stack")
            .child(
                field(form, "name", "Your name", Html.input().attr("type", "text")),
                field(form, "message", "Your message", Html.element("textarea").attr("rows", "3")),
                Html.button("Sign the guestbook").id("submit").attr("type", "submit")),
        entries.isEmpty()
            ? Html.p().id("empty").text("Nobody has signed yet.")
            : Html.ul()
                .id("entries")
                .cls("log")
                .children(
                    entries.stream()
                        .map(
                            e ->
                                Html.li()
                                    .child(
                                        Html.strong().text(e.name()),
                                        Html.text(": " + e.message())))
                        .toList()));
  }

  /** A labelled field showing what was typed and, below it, its error. */
  private static Element field(Form form, String name, String label, Element input) {
    String error = form.error(name);
    input.id(name).attr("name", name);
    if (input.tag().equals("textarea")) {
      input.text(form.value(name));
    } else {
      input.attr("value", form.value(name));
    }
    if (!error.isEmpty()) {
      input.attr("aria-invalid", "true").attr("aria-describedby", name + "-error");
    }
    return Html.div()
        .child(
            Html.label(label).attr("for", name),
            input,
            Html.p().cls("error").id(name + "-error").text(error));
  }
}
