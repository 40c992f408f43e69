// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.browser.Storage;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;

/**
 * The converter: client state bound to markup. The input is bound both ways to {@code celsius};
 * every other state is derived from it, and typing re-renders exactly the nodes bound to what
 * changed, with no client code touching the DOM. The browser's local storage keeps the last value
 * typed, so a reload shows it again.
 */
public final class Converter {
  static final State<String> celsius = State.of("20");
  static final State<Double> degrees = celsius.map(Converter::parse);
  static final State<String> fahrenheit =
      degrees.map(c -> c == null ? "?" : String.valueOf(Math.round((c * 9 / 5 + 32) * 10) / 10.0));
  static final State<Boolean> freezing = degrees.map(c -> c != null && c <= 0);
  static final State<Boolean> invalid = degrees.map(c -> c == null);

  // Where the page keeps what was typed last, so that it comes back after a reload.
  static final String SAVED = "converter.celsius";

  private Converter() {}

  /** Restores the last value typed in this browser, then saves each new one. */
  @Client.On("ready")
  public static void restore() {
    Storage storage = Storage.local();
    String saved = storage.getString(SAVED);
    if (saved != null) {
      celsius.set(saved);
    }
    celsius.watch(text -> storage.set(SAVED, text));
  }

  // A number, or null when the text is not one.
  static Double parse(String text) {
    try {
      return Double.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Document page() {
    return Showcase.page(
        "Converter",
        Html.h1().text("Converter"),
        Html.p()
            .cls("lead")
            .text("Client state bound to markup: typing changes only the nodes bound to it."),
        Html.div()
            .cls("row")
            .child(
                Html.input().id("celsius").attr("aria-label", "Celsius").value(celsius),
                Html.span().text("°C = "),
                Html.strong().id("fahrenheit").cls("frozen", freezing).text(fahrenheit),
                Html.span().text(" °F")),
        Html.p().id("freezing").text("Water freezes at this temperature.").visible(freezing),
        Html.p().id("invalid").cls("error").text("Type a number of degrees.").visible(invalid));
  }
}
