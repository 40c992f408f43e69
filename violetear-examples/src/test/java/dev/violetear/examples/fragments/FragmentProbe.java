// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.fragments;

import dev.violetear.Client;
import dev.violetear.RpcException;
import dev.violetear.app.App;
import dev.violetear.app.GuardRejection;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;

/**
 * The test app of {@link FragmentsIT}: a page whose buttons load fragments into {@code #target}
 * (each button names the path and how to load it in data attributes) and write the outcome, or the
 * {@link RpcException} the load threw, into {@code #status}. Its fragments fail in every way a
 * fragment can, and one binds {@link Ticker}, a class the page itself does not use.
 */
public final class FragmentProbe {
  private FragmentProbe() {}

  static App create() {
    return App.create("Fragment probe")
        .register(FragmentProbe.class, Ticker.class)
        .guard(
            String.class,
            request -> {
              if (request.path().equals("/members")) {
                throw GuardRejection.forbidden("Members only.");
              }
              return null;
            })
        .staticFiles("/static", "/static")
        .view("/", FragmentProbe::page)
        .fragment(
            "/hello",
            () ->
                Html.p()
                    .cls("hello")
                    .child(
                        Html.text("Hello "),
                        Html.button("Wave").cls("wave").on("click", FragmentProbe::wave)))
        .fragment("/ticker", () -> Html.button("Start").id("start").on("click", Ticker::start))
        .fragment("/members", () -> Html.p().text("for members"))
        .fragment(
            "/slow",
            () -> {
              try {
                return SlowFragment.render();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            })
        .fragment(
            "/broken",
            () -> {
              throw new IllegalStateException("the fragment has a bug");
            });
  }

  // ---- browser -----------------------------------------------------------------------------

  /** Loads the button's data-path into its data-target, as its data-mode says. */
  @Client.Callback
  public static void load(Event e) {
    DomElement button = e.target();
    String path = button.attr("data-path");
    DomElement target = Dom.find(button.attr("data-target"));
    DomElement status = Dom.find("status");
    try {
      String mode = button.attr("data-mode");
      if (mode.equals("append")) {
        target.appendFragment(path);
      } else if (mode.equals("replace")) {
        target.replaceWithFragment(path);
      } else {
        target.load(path);
      }
      status.text("loaded " + path);
    } catch (RpcException ex) {
      status.text(ex.type() + " " + ex.status() + ": " + ex.getMessage());
    }
  }

  /** Bound inside the /hello fragment. */
  @Client.Callback
  public static void wave() {
    DomElement waves = Dom.find("waves");
    waves.text(String.valueOf(Integer.parseInt(waves.text()) + 1));
  }

  static Element loader(String id, String path, String target, String mode) {
    return Html.button(id)
        .id(id)
        .attr("type", "button")
        .attr("data-path", path)
        .attr("data-target", target)
        .attr("data-mode", mode)
        .on("click", FragmentProbe::load);
  }

  static Document page() {
    return Document.titled("Fragment probe")
        .body(
            Html.div()
                .child(
                    loader("load-hello", "/hello", "target", "children"),
                    loader("append-hello", "/hello", "target", "append"),
                    loader("replace-first", "/hello", "first", "replace"),
                    loader("load-ticker", "/ticker", "target", "children"),
                    loader("load-slow", "/slow", "target", "children"),
                    loader("load-broken", "/broken", "target", "children"),
                    loader("load-missing", "/nowhere", "target", "children"),
                    loader("load-members", "/members", "target", "children"),
                    loader("load-scripted", "/static/scripted.html", "target", "children")),
            Html.p().id("status"),
            Html.p().id("waves").text("0"),
            Html.p().id("ticks"),
            Html.p().id("ticker-ready"),
            Html.div().id("target").child(Html.p().id("first").text("first")));
  }
}
