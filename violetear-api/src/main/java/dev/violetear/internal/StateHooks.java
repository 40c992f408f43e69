// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import dev.violetear.State;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How the framework reaches into {@link State}: it changes a shared state's value when the server
 * pushes one (bypassing the check that refuses client code), and it decides what a change to a
 * shared state does (on the server: one change at a time, sent to every page; in the browser:
 * refused). Not for apps: the package is exported to the server module only.
 *
 * <pre>{@code
 * StateHooks.installWriter(new ServerWriter());   // the server, at start
 * StateHooks.force(Counter.clicks, 3);             // the bundle, on a pushed value
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

  private static volatile SharedWriter writer;
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
}
