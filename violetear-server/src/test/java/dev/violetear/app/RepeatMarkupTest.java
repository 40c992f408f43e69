// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.browser.Event;
import dev.violetear.internal.model.AppModel;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import dev.violetear.markup.Repeat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A repeat renders its items with their keys and names itself for the browser. */
class RepeatMarkupTest {
  record Item(int id, String name) {}

  static final class Shelf {
    static final State<List<Item>> items =
        State.of(List.of(new Item(1, "<pen>"), new Item(2, "ink")));
    static final Repeat<Item> rows = Repeat.of(items, Item::id, Shelf::row);
    static final State<List<Item>> twins = State.of(List.of(new Item(1, "a"), new Item(1, "b")));
    static final Repeat<Item> twinRows = Repeat.of(twins, Item::id, Shelf::row);

    static Element row(Item item) {
      return Html.li().text(item.name()).child(Html.button("x").on("click", Shelf::remove));
    }

    @Client.Callback
    static void remove(Event e) {}
  }

  @BeforeAll
  static void register() {
    AppModel.of(List.of(Shelf.class));
  }

  @Test
  void theItemsRenderWithTheirKeysAndTheListNamesItsRepeat() {
    StringBuilder out = new StringBuilder();
    Html.ul().repeat(Shelf.rows).render(out);

    assertThat(out.toString())
        .isEqualTo(
            "<ul data-bind=\"each:Shelf.rows\">"
                + "<li data-key=\"1\">&lt;pen&gt;<button data-on-click=\"Shelf.remove\">x</button></li>"
                + "<li data-key=\"2\">ink<button data-on-click=\"Shelf.remove\">x</button></li>"
                + "</ul>");
    assertThat(Document.titled("t").body(Html.ul().repeat(Shelf.rows)).activeClasses())
        .containsExactly(Shelf.class);
  }

  @Test
  void twoItemsWithOneKeyAreRefused() {
    assertThatThrownBy(() -> Html.ul().repeat(Shelf.twinRows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Element.repeat: two items have the key '1'; keys must be unique in the list.");
  }

  @Test
  void theElementOfARepeatHoldsOnlyItsItems() {
    assertThatThrownBy(() -> Html.ul().text("x").repeat(Shelf.rows))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("<ul> already has children");
    assertThatThrownBy(() -> Html.ul().repeat(Shelf.rows).child(Html.li("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot add children to <ul>: it holds a repeat's items");
  }

  @Test
  void aRepeatNoRegisteredClassHoldsIsRefusedWithWhatToDo() {
    Repeat<Item> loose = Repeat.of(Shelf.items, Item::id, Shelf::row);
    assertThatThrownBy(() -> Html.ul().repeat(loose))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Element.repeat(Repeat) was given a Repeat that no registered class holds. Declare it"
                + " as a field 'static final Repeat<T> name = Repeat.of(...);'");
  }
}
