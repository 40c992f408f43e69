// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Storage;
import dev.violetear.browser.Timers;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.time.LocalTime;

/** The README's browser API example, word for word below the imports; BrowserApisIT runs it. */
public final class Settings {
  @Server.Rpc
  public static String serverTime() {
    return LocalTime.now().withNano(0).toString();
  }

  @Client.On("ready")
  public static void restore() {
    Storage saved = Storage.local(); // kept across reloads; Storage.session() for this tab only
    Dom.find("name").value(saved.getString("name", ""));
    Dom.find("news").checked(saved.getBoolean("news", false)); // a malformed value falls back
    Dom.find("theme").value(saved.getString("theme", "light"));
    Dom.find("visits").text("Visit " + saved.getInt("visits", 0));
    Timers.every(1000, () -> Dom.find("clock").text(serverTime())); // may block on an RPC
  }

  @Client.Callback
  public static void save() {
    Storage.local()
        .set("name", Dom.find("name").value())
        .set("news", Dom.find("news").checked())
        .set("theme", Dom.find("theme").value())
        .set("visits", Storage.local().getInt("visits", 0) + 1);
    Dom.find("status").text("Saved, size " + Dom.checkedValue("size")).removeClass("faded");
    Timers.after(2000, () -> Dom.find("status").addClass("faded")); // .cancel() on the handle
  }

  static Document page() {
    return Document.titled("Settings")
        .description("Preferences kept in this browser")
        .body(
            Html.h4().text("Settings"),
            Html.form()
                .on("submit", Settings::save)
                .child(
                    Html.label("Name").attr("for", "name"),
                    Html.input().id("name"),
                    Html.input().id("news").attr("type", "checkbox"),
                    Html.label("Newsletter").attr("for", "news"),
                    Html.select()
                        .id("theme")
                        .child(Html.option("light", "Light"), Html.option("dark", "Dark")),
                    Html.input().attr("type", "radio").attr("name", "size").attr("value", "S"),
                    Html.input().attr("type", "radio").attr("name", "size").attr("value", "M"),
                    Html.hr(),
                    Html.button("Save").attr("type", "submit")),
            Html.p().id("status"),
            Html.p().id("visits"),
            Html.p().id("clock"));
  }

  public static void main(String[] args) {
    App.create("Settings").register(Settings.class).view("/", Settings::page).start(8000);
  }
}
