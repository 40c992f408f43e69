// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.concurrent.atomic.AtomicInteger;

/** The counter: a click runs client code, which calls the server and shows its answer. */
public final class Counter {
  private static final AtomicInteger count = new AtomicInteger();

  private Counter() {}

  /** The count after a change, as it crosses the wire. */
  public record Total(int value) {}

  @Server.Rpc
  public static Total add(int delta) {
    return new Total(count.addAndGet(delta));
  }

  @Client
  static String label(int n) {
    return "Count: " + n;
  }

  @Client.Callback
  public static void plus(Event e) {
    Dom.find("display").text(label(add(1).value()));
  }

  @Client.Callback
  public static void minus(Event e) {
    Dom.find("display").text(label(add(-1).value()));
  }

  static Document page() {
    return Showcase.page(
        "Counter",
        Html.h1().text("Counter"),
        Html.p()
            .cls("lead")
            .text("Each click calls the server's Counter.add and shows its answer."),
        Html.div().id("display").cls("display").text(label(count.get())),
        Html.div()
            .cls("row")
            .child(
                Html.button("-").id("minus").on("click", Counter::minus),
                Html.button("+").id("plus").on("click", Counter::plus)));
  }
}
