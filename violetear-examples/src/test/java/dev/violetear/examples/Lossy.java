// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test app of {@link WarningsIT}: a {@code @Server.Realtime} method declared with a result,
 * which the page calls as if it could get the answer back.
 */
public final class Lossy {
  private Lossy() {}

  /** How many times the server ran {@link #answer()}. */
  static final AtomicInteger calls = new AtomicInteger();

  static App create() {
    return App.create("Lossy").register(Lossy.class).view("/", Lossy::page);
  }

  /** Realtime calls are fire-and-forget: this 42 never reaches the browser. */
  @Server.Realtime
  public static int answer() {
    calls.incrementAndGet();
    return 42;
  }

  @Client.Callback
  public static void ask(Event e) {
    int got = answer();
    Dom.find("answer").text("answer: " + got);
  }

  static Document page() {
    return Document.titled("Lossy")
        .body(
            Html.button("Ask").id("ask").attr("type", "button").on("click", Lossy::ask),
            Html.p().id("answer"));
  }
}
