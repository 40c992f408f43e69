// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import dev.violetear.internal.StateHooks;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The value of a per-group state ({@link State#perGroup}) in one group: what the pages of the
 * group's members see. Get it with {@link State#in}; it is a view, so getting it again for the same
 * group reads and changes the same value.
 *
 * <pre>{@code
 * static final State<Integer> score = State.perGroup(0);
 *
 * @Server.Rpc
 * public static void point(String room) {
 *   score.in(room).update(n -> n + 1);   // one change at a time, sent to the room's pages
 * }
 * }</pre>
 *
 * <p>For server code: thread-safe, with the changes of one state (in all its groups) made one at a
 * time. A group holds nothing once its value is the initial one again, so setting it back frees it.
 * In the browser, read the page's value with {@link State#get} on the state itself.
 *
 * @param <T> the type of the value
 */
public final class GroupState<T> {
  private final State<T> state;
  private final String group;

  GroupState(State<T> state, String group) {
    this.state = state;
    this.group = group;
  }

  /**
   * The group's name.
   *
   * <pre>{@code
   * score.in("room-7").group();   // "room-7"
   * }</pre>
   *
   * @return the name given to {@link State#in}
   */
  public String group() {
    return group;
  }

  /**
   * The group's current value: the state's initial value until the server changes it.
   *
   * <pre>{@code
   * int now = score.in("room-7").get();
   * }</pre>
   *
   * @return the value, may be null
   */
  @SuppressWarnings("unchecked")
  public T get() {
    Map<String, Object> values = StateHooks.groups(state);
    synchronized (state) {
      return values.containsKey(group) ? (T) values.get(group) : state.get();
    }
  }

  /**
   * Changes the group's value; when it is not equal to the old one, the pages of the group's
   * members get it.
   *
   * <pre>{@code
   * score.in("room-7").set(0);
   * }</pre>
   *
   * @param newValue the new value, may be null
   */
  public void set(T newValue) {
    update(old -> newValue);
  }

  /**
   * Sets the group's value to {@code f} applied to the current one, under the state's lock: a
   * function that throws changes nothing.
   *
   * <pre>{@code
   * score.in("room-7").update(n -> n + 1);
   * }</pre>
   *
   * @param f computes the new value from the old
   */
  public void update(UnaryOperator<T> f) {
    Objects.requireNonNull(f, "f == null");
    StateHooks.SharedWriter w = StateHooks.writer();
    if (w != null) {
      w.writeIn(state, group, f);
    } else {
      // No app runs: keep the value for the pages of the next one.
      synchronized (state) {
        StateHooks.putGroupValue(state, group, f.apply(get()));
      }
    }
  }

  @Override
  public String toString() {
    return "GroupState[" + group + "=" + get() + "]";
  }
}
