// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.examples.Todos.Item;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the todo list keeps its items: a service the app provides to its handlers, so that each app
 * has its own list (a real app would keep them in a database).
 *
 * <pre>{@code
 * app.provide(TodoStore.class, new TodoStore());
 * List<Item> items = App.current().service(TodoStore.class).all();
 * }</pre>
 */
public final class TodoStore {
  private final List<Item> items = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  /** Adds an item that is not done, with the next id. */
  public void add(String text) {
    items.add(new Item(ids.incrementAndGet(), text, false));
  }

  /** Returns the items, oldest first. */
  public List<Item> all() {
    return List.copyOf(items);
  }
}
