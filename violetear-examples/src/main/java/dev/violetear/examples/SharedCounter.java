// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.State;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;

/**
 * A counter every tab shares: the server owns the count, each click asks it to add one, and every
 * page's bound count follows. A tab that was away shows the current count before its {@code
 * connect} handlers run, which this page records.
 */
public final class SharedCounter {
  static final State<Integer> clicks = State.shared(0);
  static final State<String> label = clicks.map(n -> n == 1 ? "1 click" : n + " clicks");

  private SharedCounter() {}

  @Server.Rpc
  public static void click() {
    clicks.update(n -> n + 1);
  }

  @Client.Callback
  public static void plus(Event e) {
    click();
  }

  /** Records what the page shows when it (re)connects: the current count, never an older one. */
  @Client.On("connect")
  public static void connected() {
    Dom.find("at-connect").append(Dom.create("li").text(Dom.find("count").text()));
  }

  static Document page() {
    return Showcase.page(
        "Shared counter",
        Html.h1().text("Shared counter"),
        Html.p().cls("lead").text("One count for every tab: the server owns it, pages follow it."),
        Html.div().id("count").cls("display").text(clicks),
        Html.p().id("label").text(label),
        Html.button("+1").id("plus").on("click", SharedCounter::plus),
        Html.h2().text("Seen at each connect"),
        Html.ul().id("at-connect"));
  }
}
