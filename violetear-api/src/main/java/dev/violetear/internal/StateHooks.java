// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import dev.violetear.State;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How the framework reaches into {@link State}: it changes a shared state's value when the server
 * pushes one (bypassing the check that refuses client code), it decides what a change to a shared
 * state does (on the server: one change at a time, sent to every page; in the browser: refused),
 * and, on the server, it gives a state the value one page starts with while the view builds that
 * page. Not for apps: the package is exported to the server module only.
 *
 * <pre>{@code
 * StateHooks.installWriter(new ServerWriter());   // the server, at start
 * StateHooks.force(Counter.clicks, 3);             // the bundle, on a pushed value
 * StateHooks.page();                               // the page a view builds on this thread, or null
 * }</pre>
 */
public final class StateHooks {
  /** What {@link State#set} and {@link State#update} of a shared state do. */
  public interface SharedWriter {
    /**
     * Changes {@code state} to {@code change} applied to its value.
     *
     * @param state the shared state
     * @param change computes the new value from the old
     * @param <T> the type of the value
     */
    <T> void write(State<T> state, UnaryOperator<T> change);

    /**
     * Changes the value of a per-group {@code state} in {@code group} to {@code change} applied to
     * it.
     *
     * @param state the per-group state
     * @param group the group
     * @param change computes the new value from the old
     * @param <T> the type of the value
     */
    <T> void writeIn(State<T> state, String group, UnaryOperator<T> change);
  }

  /**
   * The page a view builds on the current server thread: the values it gives states ({@code
   * Document.initial}), which {@link State#get} returns there, and the states the view read.
   */
  public interface Page {
    /**
     * The value {@code state} has on this page, recording that the view read it.
     *
     * @param state a state that is not derived
     * @param current its value for every page
     * @param <T> the type of the value
     * @return the value given for this page, or {@code current}
     */
    <T> T read(State<T> state, T current);

    /**
     * Gives {@code state} its value for this page.
     *
     * @param state a writable state that is not shared, named by a registered field
     * @param value the value, may be null
     * @param what the call, for errors, like {@code Document.initial(Profile.name, value)}
     * @return the value as JSON, as the bundle decodes it
     * @throws IllegalStateException when the view already read the state
     * @throws IllegalArgumentException when the value cannot be sent as JSON
     */
    String give(State<?> state, Object value, String what);
  }

  private static volatile SharedWriter writer;
  private static volatile Supplier<Page> pages;
  private static volatile BiConsumer<State<?>, Object> force;
  private static volatile Function<State<?>, Map<String, Object>> groups;

  private StateHooks() {}

  /**
   * Sets what changes to shared states do, for this JVM or page.
   *
   * @param w the writer
   */
  public static void installWriter(SharedWriter w) {
    writer = w;
  }

  /**
   * The writer installed, or null when none is (then a shared state changes like any other).
   *
   * @return the writer, or null
   */
  public static SharedWriter writer() {
    return writer;
  }

  /**
   * Called by {@link State} once: how to change a state's value without the writer.
   *
   * @param f sets the value and tells the watchers
   */
  public static void forceWith(BiConsumer<State<?>, Object> f) {
    force = f;
  }

  /**
   * Called by {@link State} once: how to reach a per-group state's values.
   *
   * @param f the values of a state by group, null for a state that is not per group
   */
  public static void groupsWith(Function<State<?>, Map<String, Object>> f) {
    groups = f;
  }

  /**
   * The values of a per-group state by group, live: read and change it holding the state's monitor.
   * A group missing from it has the state's initial value.
   *
   * @param state a per-group state
   * @return its values, or null for a state that is not per group
   */
  public static Map<String, Object> groups(State<?> state) {
    return groups.apply(state);
  }

  /**
   * Stores {@code value} as the value of per-group {@code state} in {@code group}, holding the
   * state's monitor; a value equal to the initial one is stored as no entry, so the group's entry
   * goes.
   *
   * @param state a per-group state
   * @param group the group
   * @param value the group's new value
   */
  public static void putGroupValue(State<?> state, String group, Object value) {
    Map<String, Object> values = groups(state);
    if (Objects.equals(value, state.get())) {
      values.remove(group);
    } else {
      values.put(group, value);
    }
  }

  /**
   * Changes {@code state} to {@code value} and tells its watchers, whatever kind of state it is.
   *
   * @param state the state
   * @param value its new value
   */
  public static void force(State<?> state, Object value) {
    // Set by State's static initialiser, which ran before any state existed.
    force.accept(state, value);
  }

  /**
   * Sets how to find the page the current thread builds; the server calls it before its first view.
   *
   * @param current the page of the current thread, or null outside a view
   */
  public static void installPages(Supplier<Page> current) {
    pages = current;
  }

  /**
   * The page a view builds on this thread, or null: always null in the browser and outside views.
   *
   * @return the page, or null
   */
  public static Page page() {
    Supplier<Page> p = pages;
    return p == null ? null : p.get();
  }
}
