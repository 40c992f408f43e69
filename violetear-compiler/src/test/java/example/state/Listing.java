// SPDX-License-Identifier: Apache-2.0
package example.state;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.browser.Event;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import dev.violetear.markup.Repeat;
import java.util.List;

/** A keyed list of names; each item's button removes it. */
public final class Listing {
  static final State<List<String>> names = State.of(List.of("a", "b"));
  static final Repeat<String> rows = Repeat.of(names, n -> n, Listing::row);

  private Listing() {}

  static Element row(String name) {
    return Html.li().text(name).child(Html.button("x").on("click", Listing::remove));
  }

  @Client.Callback
  public static void remove(Event e) {
    names.update(list -> list.stream().filter(n -> !n.equals(e.itemKey())).toList());
  }
}
