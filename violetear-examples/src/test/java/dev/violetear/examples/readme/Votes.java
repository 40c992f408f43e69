// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.Client;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.State;
import dev.violetear.app.App;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;

/**
 * The README's shared state example, word for word below the imports; {@link ReadmeVotesIT} runs
 * it.
 */
public final class Votes {
  static final State<Integer> yes = State.shared(0); // the server owns it; every page follows

  @Server.Rpc
  public static void vote() {
    // One change at a time, pushed to every page; the server may refuse it.
    yes.update(
        n -> {
          if (n >= 1_000) {
            throw new RpcException("Closed", "The vote is closed.");
          }
          return n + 1;
        });
  }

  @Client.Callback
  public static void clicked(Event e) {
    vote();
  }

  static Document page() {
    return Document.titled("Votes")
        .body(
            Html.p().id("yes").text(yes),
            Html.button("Yes").id("vote").on("click", Votes::clicked));
  }

  public static void main(String[] args) {
    App.create("Votes").register(Votes.class).view("/", Votes::page).start(8000);
  }
}
