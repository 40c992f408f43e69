// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import dev.violetear.Client;
import dev.violetear.app.App;
import dev.violetear.app.FragmentRequest;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.List;

/**
 * The README's fragments example, word for word below the imports; {@link ReadmeNewsIT} runs it.
 */
public final class News {
  static final List<String> headlines =
      List.of("Fragments landed", "Tests pass", "Docs updated", "Release soon");

  static Element latest(FragmentRequest request) { // served at /news: the element's HTML alone
    Element list = Html.ul().id("headlines");
    int count = request.queryInt("count", 2); // 400 for /news?count=abc
    for (int i = 0; i < count && i < headlines.size(); i++) {
      Element read = Html.button("Read").on("click", News::read);
      list.child(Html.li().child(Html.text(headlines.get(i) + " "), read));
    }
    return list;
  }

  @Client.Callback
  public static void more() {
    Dom.find("news").load("/news?count=4"); // blocks until the fragment is in the page
  }

  @Client.Callback
  public static void read(Event e) {
    e.target().text("Done"); // bound in every loaded fragment
  }

  static Document page() {
    return Document.titled("News")
        .body(Html.button("More").id("more").on("click", News::more), Html.div().id("news"));
  }

  public static void main(String[] args) {
    App.create("News")
        .register(News.class)
        .view("/", News::page)
        .fragment("/news", News::latest)
        .start(8000);
  }
}
