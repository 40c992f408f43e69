// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.browser.Event;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import dev.violetear.markup.Repeat;
import java.util.ArrayList;
import java.util.List;

/** A keyed list whose items the browser builds with the markup DSL, each with a callback. */
public final class ListState {
  static final State<List<String>> names = State.of(List.of("Ada", "Grace"));
  static final Repeat<String> rows = Repeat.of(names, n -> n, ListState::row);

  private ListState() {}

  static Element row(String name) {
    return Html.li().cls("name").text(name).child(Html.button("x").on("click", ListState::remove));
  }

  @Client.Callback
  public static void remove(Event e) {
    List<String> list = new ArrayList<>(names.get());
    list.remove(e.itemKey());
    names.set(list);
  }
}
