// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A list in the page, one element per item of a {@code State<List<T>>}, kept in step by key: when
 * the list changes, the page inserts the new items, removes the gone ones, moves the ones that
 * moved and re-renders only an item that changed; every other item keeps its element, its bindings
 * and its focus. Declare it as a {@code static final} field (not private) of a registered class,
 * like a {@link State}, and put it in an element with {@link Element#repeat}.
 *
 * <pre>{@code
 * record Task(String id, String title) {}
 *
 * static final State<List<Task>> tasks = State.of(List.of());
 * static final Repeat<Task> rows = Repeat.of(tasks, Task::id, Tasks::row);
 *
 * static Element row(Task t) {                        // runs on the server and in the browser
 *   return Html.li().child(
 *       Html.span(t.title()),
 *       Html.button("Remove").on("click", Tasks::remove));
 * }
 *
 * @Client.Callback
 * public static void remove(Event e) {                // e.itemKey() is the task's id
 *   tasks.update(list -> list.stream().filter(t -> !t.id().equals(e.itemKey())).toList());
 * }
 *
 * Html.ul().repeat(rows)                              // in the view
 * }</pre>
 *
 * <p>The template runs on the server to render the items the page starts with, and in the browser
 * for items added later, so it uses only what both sides have: markup, the item, and client-safe
 * code. Each item's element carries {@code data-key} (the key as text); keys must be unique in the
 * list. An item is re-rendered when it is not {@code equals} to the one its element shows, so use
 * records or values.
 *
 * @param <T> the item type
 */
public final class Repeat<T> {
  static {
    BrowserDom.install();
  }

  /** The attribute that carries each item's key. */
  static final String KEY = "data-key";

  private final State<? extends List<? extends T>> items;
  private final Function<? super T, ?> key;
  private final Function<? super T, Element> template;

  private Repeat(
      State<? extends List<? extends T>> items,
      Function<? super T, ?> key,
      Function<? super T, Element> template) {
    this.items = items;
    this.key = key;
    this.template = template;
  }

  /**
   * A list of {@code items}, keyed by {@code key}, each rendered by {@code template}.
   *
   * <pre>{@code
   * static final Repeat<Task> rows = Repeat.of(tasks, Task::id, Tasks::row);
   * }</pre>
   *
   * @param items the state holding the list
   * @param key gives each item's key, unique in the list (its {@code toString} is used)
   * @param template renders one item; it runs on the server and in the browser
   * @param <T> the item type
   * @return the repeat, to keep in a {@code static final} field
   */
  public static <T> Repeat<T> of(
      State<? extends List<? extends T>> items,
      Function<? super T, ?> key,
      Function<? super T, Element> template) {
    Objects.requireNonNull(items, "items == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(template, "template == null");
    return new Repeat<>(items, key, template);
  }

  /**
   * The state this list follows.
   *
   * <pre>{@code
   * rows.items().get().size();   // how many items the page shows
   * }</pre>
   *
   * @return the state holding the list
   */
  public State<? extends List<? extends T>> items() {
    return items;
  }

  /** The key of {@code item} as the page carries it. */
  String keyOf(T item) {
    Object k = key.apply(item);
    if (k == null) {
      throw new IllegalArgumentException(
          "Repeat key of " + item + " is null: the key function must give every item a key.");
    }
    return k.toString();
  }

  /** The element of {@code item}, carrying its key. */
  Element render(T item) {
    Element e = template.apply(item);
    if (e == null) {
      throw new IllegalArgumentException(
          "Repeat template returned null for " + item + ": return an Element for every item.");
    }
    return e.attr(KEY, keyOf(item));
  }

  /** The elements of the current items; two items with one key throw. */
  List<Element> renderAll() {
    List<Element> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (T item : current()) {
      Element e = render(item);
      if (!keys.add(e.attributes.get(KEY))) {
        throw new IllegalArgumentException(
            "Element.repeat: two items have the key '"
                + e.attributes.get(KEY)
                + "'; keys must be unique in the list.");
      }
      out.add(e);
    }
    return out;
  }

  /** The current items; a null list counts as empty. */
  List<? extends T> current() {
    List<? extends T> list = items.get();
    return list == null ? List.of() : list;
  }
}
