// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.State;
import dev.violetear.app.App;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import dev.violetear.markup.Repeat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README's example of a page's own initial value, word for word below the imports; {@link
 * ReadmeNotesIT} runs it.
 */
public final class Notes {
  public record Note(String id, String text) {}

  static final List<Note> saved = new CopyOnWriteArrayList<>(); // a store, on the server
  static final State<List<Note>> notes = State.of(List.of());
  static final State<String> count = notes.map(list -> list.size() + " notes");
  static final Repeat<Note> rows = Repeat.of(notes, Note::id, n -> Html.li(n.text()));

  static Document page() { // runs for each request
    return Document.titled("Notes")
        .initial(notes, List.copyOf(saved)) // this page starts with the notes saved now
        .body(Html.p().id("count").text(count), Html.ul().id("notes").repeat(rows));
  }

  public static void main(String[] args) {
    saved.add(new Note("n1", "Buy milk"));
    App.create("Notes").register(Notes.class).view("/", Notes::page).start(8000);
  }
}
