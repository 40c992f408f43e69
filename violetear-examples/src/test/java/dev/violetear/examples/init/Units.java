// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.init;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client code and server code in one class, each with static fields: the browser initialises the
 * ones client code reads, from their Java initialisers, and never sees the server's.
 */
public final class Units {
  // Server state.
  private static final AtomicInteger conversions = new AtomicInteger();

  // Client state, initialised in the browser.
  static final List<String> NAMES = List.of("°C", "°F");
  static final String ARROW = NAMES.get(0) + " → " + NAMES.get(1);
  static int shown = 0;

  private Units() {}

  @Server.Rpc
  public static double toFahrenheit(double celsius) {
    conversions.incrementAndGet();
    return celsius * 9 / 5 + 32;
  }

  @Client.Callback
  public static void convert(Event e) {
    shown++;
    Dom.find("out").text(ARROW + ": " + toFahrenheit(100) + " (" + shown + ")");
  }

  static Document page() {
    return Document.titled("Units")
        .body(Html.button("convert").id("convert").on("click", Units::convert), Html.p().id("out"));
  }
}
