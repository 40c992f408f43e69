// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.State;
import dev.violetear.app.App;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;

/** The README's state example, word for word below the imports; {@link ReadmeStateIT} runs it. */
public final class Greeting {
  static final State<String> name = State.of("world");
  static final State<String> greeting = name.map(n -> "Hello, " + n + "!");
  static final State<Boolean> empty = name.map(String::isBlank);

  static Document page() {
    return Document.titled("Greeting")
        .body(
            Html.input().id("name").value(name), // two-way: typing sets name
            Html.p().id("greeting").text(greeting), // follows greeting
            Html.p().id("hint").text("Type a name.").visible(empty));
  }

  public static void main(String[] args) {
    App.create("Greeting").register(Greeting.class).view("/", Greeting::page).start(8000);
  }
}
