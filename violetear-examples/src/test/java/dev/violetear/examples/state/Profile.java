// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.state;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.browser.Dom;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;

/**
 * A page whose state starts with the value its view gives for the request: the signed-in name,
 * which the field's initialiser cannot know. Its {@code ready} handler shows what it reads.
 */
public final class Profile {
  static final State<String> name = State.of("nobody");
  static final State<String> greeting = name.map(n -> "Hello, " + n + "!");

  private Profile() {}

  /** The page for {@code user}; runs on the server for each request. */
  public static Document page(String user) {
    return Document.titled("Profile")
        .initial(name, user)
        .body(
            Html.input().id("name").value(name),
            Html.p().id("greeting").text(greeting),
            Html.p().id("seen"));
  }

  @Client.On("ready")
  public static void ready() {
    Dom.find("seen").text("ready saw " + name.get());
  }
}
