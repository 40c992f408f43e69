// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Storage;
import dev.violetear.browser.Timer;
import dev.violetear.browser.Timers;
import dev.violetear.markup.Action;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;

/**
 * The test app of {@link BrowserApisIT}: buttons that exercise storage, timers and input readers,
 * each writing what it saw into an element the test reads.
 */
public final class BrowserApis {
  private BrowserApis() {}

  // Browser state of the page; no initialisers, since a mixed class's static initialiser does not
  // run in the browser.
  private static Timer ticker;
  private static int ticks;

  // ---- server ------------------------------------------------------------------------------

  @Server.Rpc
  public static String echo(String text) {
    return "server says " + text;
  }

  // ---- storage -----------------------------------------------------------------------------

  @Client.On("ready")
  public static void showStored() {
    Storage local = Storage.local();
    Dom.find("local-read")
        .text(
            "next="
                + (local.getInt("count", -1) + 1)
                + " ratio="
                + local.getDouble("ratio", -1.5) * 2
                + " flag="
                + local.getBoolean("flag", false)
                + " word="
                + local.getString("word"));
    Dom.find("session-read")
        .text(
            "session="
                + Storage.session().getString("tab", "none")
                + " local-tab="
                + local.getString("tab", "none"));
    Dom.find("keys").text(String.join(",", local.keys().stream().sorted().toList()));
  }

  @Client.Callback
  public static void store() {
    Storage.local().set("count", 41).set("ratio", 2.25).set("flag", true).set("word", "é <b>&");
    Storage.session().set("tab", "this tab");
    showStored();
  }

  @Client.Callback
  public static void forget() {
    Storage.local().remove("word").remove("absent");
    Storage.session().clear();
    showStored();
  }

  @Client.Callback
  public static void clearAll() {
    Storage.local().clear();
    showStored();
  }

  @Client.Callback
  public static void overfill() {
    String huge = "x";
    while (huge.length() < 12_000_000) {
      huge = huge + huge;
    }
    try {
      Storage.local().set("huge", huge);
      Dom.find("storage-error").text("stored");
    } catch (IllegalStateException e) {
      Dom.find("storage-error").text(e.getMessage());
    }
  }

  // ---- timers ------------------------------------------------------------------------------

  @Client.Callback
  public static void startTicking() {
    ticks = 0;
    ticker =
        Timers.every(
            40,
            () -> {
              ticks++;
              Dom.find("ticks").text(String.valueOf(ticks));
              if (ticks == 2) {
                throw new IllegalStateException("boom on tick 2");
              }
            });
  }

  @Client.Callback
  public static void stopTicking() {
    ticker.cancel();
    ticker.cancel(); // idempotent
    Dom.find("stopped-at").text(String.valueOf(ticks));
    // Long enough for several more ticks, had the cancel not worked; then a server round trip.
    Timers.after(
        300, () -> Dom.find("after-stop").text(echo("still " + ticks) + " after " + ticks));
  }

  @Client.Callback
  public static void later() {
    Timers.after(50, () -> Dom.find("later-answer").text(echo("later")));
  }

  @Client.Callback
  public static void laterCancelled() {
    Timer cancelled = Timers.after(20, () -> Dom.find("cancelled-ran").text("ran"));
    cancelled.cancel();
    Timers.after(200, () -> Dom.find("cancelled-done").text("done"));
  }

  // ---- inputs ------------------------------------------------------------------------------

  @Client.Callback
  public static void readInputs() {
    Dom.find("inputs-read")
        .text(
            "news="
                + Dom.find("news").checked()
                + " size="
                + Dom.checkedValue("size")
                + " theme="
                + Dom.find("theme").value()
                + " "
                + Dom.find("theme").selectedValues()
                + " toppings="
                + Dom.find("toppings").selectedValues()
                + " notes="
                + Dom.find("notes").value().replace("\n", "|"));
  }

  @Client.Callback
  public static void resetInputs() {
    Dom.find("news").checked(false);
    Dom.find("size-s").checked(true);
    readInputs();
  }

  @Client.Callback
  public static void misuseInputs() {
    StringBuilder errors = new StringBuilder();
    DomElement name = Dom.find("name");
    try {
      name.checked();
    } catch (IllegalArgumentException e) {
      errors.append(e.getMessage()).append('\n');
    }
    try {
      name.selectedValues();
    } catch (IllegalArgumentException e) {
      errors.append(e.getMessage()).append('\n');
    }
    try {
      Dom.checkedValue("no-such-group");
    } catch (IllegalArgumentException e) {
      errors.append(e.getMessage());
    }
    Dom.find("input-errors").text(errors.toString());
  }

  // ---- page --------------------------------------------------------------------------------

  static Document page() {
    return Document.titled("Browser APIs")
        .description("Storage, timers and inputs")
        .link("stylesheet", "/static/showcase.css")
        .body(
            Html.h4().text("Storage"),
            Html.p().id("local-read"),
            Html.p().id("session-read"),
            Html.p().id("keys"),
            Html.p().id("storage-error"),
            button("store", BrowserApis::store),
            button("forget", BrowserApis::forget),
            button("clear-all", BrowserApis::clearAll),
            button("overfill", BrowserApis::overfill),
            Html.hr(),
            Html.h5().text("Timers"),
            Html.p().id("ticks"),
            Html.p().id("stopped-at"),
            Html.p().id("after-stop"),
            Html.p().id("later-answer"),
            Html.p().id("cancelled-ran"),
            Html.p().id("cancelled-done"),
            button("start", BrowserApis::startTicking),
            button("stop", BrowserApis::stopTicking),
            button("later", BrowserApis::later),
            button("later-cancelled", BrowserApis::laterCancelled),
            Html.hr(),
            Html.h6().text("Inputs"),
            Html.input().id("name").attr("type", "text"),
            Html.input().id("news").attr("type", "checkbox"),
            Html.label("News").attr("for", "news"),
            Html.fieldset()
                .child(
                    Html.legend("Size"),
                    radio("size-s", "S"),
                    radio("size-m", "M"),
                    radio("size-l", "L")),
            Html.select()
                .id("theme")
                .child(Html.option("light", "Light"), Html.option("dark", "Dark")),
            Html.select()
                .id("toppings")
                .attr("multiple", "")
                .child(
                    Html.option("a", "Anchovies"),
                    Html.option("b", "Basil"),
                    Html.option("c", "Capers")),
            Html.textarea().id("notes").text("\nsecond <line>"),
            Html.p().id("inputs-read"),
            Html.pre().id("input-errors"),
            button("read", BrowserApis::readInputs),
            button("reset", BrowserApis::resetInputs),
            button("misuse", BrowserApis::misuseInputs));
  }

  private static Element radio(String id, String value) {
    return Html.input().id(id).attr("type", "radio").attr("name", "size").attr("value", value);
  }

  private static Element button(String id, Action callback) {
    return Html.button(id).id(id).on("click", callback);
  }
}
