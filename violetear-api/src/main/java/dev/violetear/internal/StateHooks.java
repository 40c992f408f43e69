// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import dev.violetear.State;
import java.util.function.BiConsumer;
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
  }

  private static volatile SharedWriter writer;
  private static volatile BiConsumer<State<?>, Object> force;

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
