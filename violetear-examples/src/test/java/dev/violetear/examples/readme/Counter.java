// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.concurrent.atomic.AtomicInteger;

/** The example of the README, word for word below the imports; {@link ReadmeCounterIT} runs it. */
public final class Counter {
  private static final AtomicInteger count = new AtomicInteger();

  public record Total(int value) {}

  @Server.Rpc // runs on the server, called over HTTP
  public static Total add(int delta) {
    return new Total(count.addAndGet(delta));
  }

  @Client.Callback // runs in the browser (compiled by TeaVM)
  public static void plus(Event e) {
    Dom.find("display").text("Count: " + add(1).value()); // blocks until the server answers
  }

  static Document page() {
    return Document.titled("Counter")
        .body(
            Html.div().id("display").text("Count: " + count.get()),
            Html.button("+").on("click", Counter::plus)); // only @Client.Callback methods bind
  }

  public static void main(String[] args) {
    App.create("Counter").register(Counter.class).view("/", Counter::page).start(8000);
  }
}
