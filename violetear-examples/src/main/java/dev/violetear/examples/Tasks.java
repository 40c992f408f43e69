// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import dev.violetear.markup.Repeat;
import java.util.ArrayList;
import java.util.List;

/**
 * The task list: a keyed list in client state. One template renders each task, on the server for
 * the tasks the page starts with and in the browser for the ones added later. Adding, finishing,
 * moving and removing a task changes only that task's element; the others keep theirs, with their
 * callbacks, which find their task by {@link Event#itemKey()}. Every task follows the "compact
 * view" checkbox through a state; a removed task's element stops following it.
 */
public final class Tasks {
  /** One task; a record, so that an unchanged task is equal to itself and keeps its element. */
  public record Task(String id, String title, boolean done) {}

  static final State<List<Task>> tasks =
      State.of(
          List.of(
              new Task("t1", "Write the docs", false),
              new Task("t2", "Ship it", false),
              new Task("t3", "Celebrate", false)));
  static final Repeat<Task> rows = Repeat.of(tasks, Task::id, Tasks::row);
  static final State<String> draft = State.of("");
  static final State<Integer> added = State.of(0);
  static final State<Boolean> compact = State.of(false);

  private Tasks() {}

  // Runs on the server for the first tasks and in the browser for each new or changed one.
  static Element row(Task t) {
    return Html.li()
        .cls("task", t.done() ? "done" : "open")
        .cls("compact", compact)
        .child(
            Html.span().cls("title").text(t.title()),
            Html.button(t.done() ? "Reopen" : "Done").cls("toggle").on("click", Tasks::toggle),
            Html.button("Up").cls("up").on("click", Tasks::up),
            Html.button("Remove").cls("remove").on("click", Tasks::remove));
  }

  /** Adds the typed task at the top of the list. */
  @Client.Callback
  public static void add(Event e) {
    String title = draft.get().trim();
    if (title.isEmpty()) {
      return;
    }
    added.update(n -> n + 1);
    List<Task> list = new ArrayList<>(tasks.get());
    list.add(0, new Task("n" + added.get(), title, false));
    tasks.set(list);
    draft.set("");
  }

  /** Finishes the task clicked, or opens it again: only its element is rebuilt. */
  @Client.Callback
  public static void toggle(Event e) {
    List<Task> list = new ArrayList<>(tasks.get());
    int i = indexOf(list, e.itemKey());
    Task t = list.get(i);
    list.set(i, new Task(t.id(), t.title(), !t.done()));
    tasks.set(list);
  }

  /** Moves the task clicked one place up: only its element moves. */
  @Client.Callback
  public static void up(Event e) {
    List<Task> list = new ArrayList<>(tasks.get());
    int i = indexOf(list, e.itemKey());
    if (i > 0) {
      list.add(i - 1, list.remove(i));
      tasks.set(list);
    }
  }

  /** Removes the task clicked. */
  @Client.Callback
  public static void remove(Event e) {
    List<Task> list = new ArrayList<>(tasks.get());
    list.remove(indexOf(list, e.itemKey()));
    tasks.set(list);
  }

  private static int indexOf(List<Task> list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("No task has the id " + id);
  }

  static Document page() {
    return Showcase.page(
        "Tasks",
        Html.h1().text("Tasks"),
        Html.p().cls("lead").text("A keyed list: each change touches only the task it is about."),
        Html.form()
            .id("new-task")
            .on("submit", Tasks::add)
            .child(
                Html.input().id("title").attr("aria-label", "New task").value(draft),
                Html.button("Add").attr("type", "submit")),
        Html.label(" Compact view")
            .attr("for", "compact")
            .child(Html.input().attr("type", "checkbox").id("compact").checked(compact)),
        Html.ul().id("tasks").repeat(rows));
  }
}
