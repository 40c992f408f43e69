// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import dev.violetear.browser.Subscription;
import dev.violetear.internal.StateHooks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A value that lives in the page and that markup binds to: when it changes, exactly the nodes bound
 * to it (or to a state {@linkplain #map derived} from it) change, without client code touching the
 * DOM. Declare it as a {@code static final} field (not private) of a registered class; each page
 * holds its own value, initialised in the browser from the field's initialiser, and the server
 * renders the page with that same initial value. A view may give a page its own initial value with
 * {@code Document.initial(state, value)}.
 *
 * <pre>{@code
 * static final State<String> name = State.of("world");
 * static final State<String> greeting = name.map(n -> "Hello, " + n + "!");
 *
 * static Document page() {
 *   return Document.titled("Hi").body(
 *       Html.input().value(name),          // two-way: typing sets name
 *       Html.p().text(greeting));          // re-rendered when greeting changes
 * }
 * }</pre>
 *
 * <p>Not thread-safe: in the browser all code runs on one thread. On the server a state is only
 * read, to render its initial value; {@link #set} there changes the value every page renders. While
 * a view builds a page that gives the state its own value, {@link #get} returns that value on the
 * view's thread (and a derived state is computed from it).
 *
 * @param <T> the type of the value
 */
public final class State<T> {
  static {
    StateHooks.forceWith((state, value) -> state.forced(value));
    StateHooks.groupsWith(state -> state.groupValues());
  }

  // Computes a derived state's value from its source's get(); null for a state that is not derived.
  private final Supplier<T> derive;
  private final boolean isShared;
  private final List<Consumer<? super T>> watchers = new ArrayList<>();
  private T value;
  // A per-group state's value in each group that has one other than the initial value; null for
  // any other state. Guarded by this state's monitor, the lock the server's writer holds.
  private final Map<String, T> groups;

  private State(T value, Supplier<T> derive, boolean isShared, boolean isPerGroup) {
    this.value = value;
    this.derive = derive;
    this.isShared = isShared;
    this.groups = isPerGroup ? new HashMap<>() : null;
  }

  /**
   * A state holding {@code initial}.
   *
   * <pre>{@code
   * static final State<Integer> count = State.of(0);
   * }</pre>
   *
   * @param initial the first value, may be null
   * @param <T> the type of the value
   * @return a new state
   */
  public static <T> State<T> of(T initial) {
    return new State<>(initial, null, false, false);
  }

  /**
   * A state the server owns and every page sees: server code changes it ({@link #set}, {@link
   * #update}, one change at a time), and each change reaches every page, whose bindings follow. A
   * page that connects or comes back holds the current value before its {@code connect} handlers
   * run. Client code only reads it: to change it, call a {@code @Server.Rpc} method that does (and
   * may refuse).
   *
   * <pre>{@code
   * static final State<Integer> clicks = State.shared(0);
   *
   * @Server.Rpc
   * public static void click() {
   *   clicks.update(n -> n + 1);   // every page's bound nodes show the new count
   * }
   * }</pre>
   *
   * @param initial the value before the server changes it
   * @param <T> the type of the value, a JSON type (see RPC parameters)
   * @return a new shared state
   */
  public static <T> State<T> shared(T initial) {
    return new State<>(initial, null, true, false);
  }

  /**
   * A state the server owns with one value per group of clients (see {@code Clients.join}): server
   * code changes a group's value with {@link #in}, and each page sees the value of its client's
   * group. A page whose client joins a group gets the group's value at once; one that leaves it
   * goes back to the initial value; a page that connects or comes back holds its group's value
   * before its {@code connect} handlers run. Client code only reads it, with {@link #get}.
   *
   * <pre>{@code
   * static final State<Integer> score = State.perGroup(0);
   *
   * @Server.Rpc
   * public static void point(String room) {
   *   score.in(room).update(n -> n + 1);   // only the pages in that room see it
   * }
   * }</pre>
   *
   * <p>Keep a client in at most one group that has a value of the state (one room at a time): a
   * page in several shows the value sent to it last. On the server, {@link #get} is the initial
   * value, which pages render with until their socket brings the group's.
   *
   * @param initial the value of every group until the server changes it, and again when it sets it
   *     back
   * @param <T> the type of the value, a JSON type (see RPC parameters)
   * @return a new per-group state
   */
  public static <T> State<T> perGroup(T initial) {
    return new State<>(initial, null, true, true);
  }

  /**
   * This per-group state's value in {@code group}, to read and change on the server.
   *
   * <pre>{@code
   * score.in("room-7").set(0);
   * int now = score.in("room-7").get();
   * }</pre>
   *
   * @param group the group's name, as given to {@code Clients.join}
   * @return the group's value
   * @throws IllegalStateException on a state not made with {@link #perGroup}
   * @throws IllegalArgumentException for a blank group
   */
  public GroupState<T> in(String group) {
    Objects.requireNonNull(group, "group == null");
    if (groups == null) {
      throw new IllegalStateException(
          "State.in(\""
              + group
              + "\") on a state that has one value for every page: only a state made with"
              + " State.perGroup(initial) has a value per group.");
    }
    if (group.isBlank()) {
      throw new IllegalArgumentException("State.in: group must not be blank");
    }
    return new GroupState<>(this, group);
  }

  /**
   * Whether the server owns this state (made with {@link #shared} or {@link #perGroup}).
   *
   * @return true for a shared or per-group state
   */
  public boolean isShared() {
    return isShared;
  }

  /**
   * Whether this state holds a value per group (made with {@link #perGroup}).
   *
   * @return true for a per-group state
   */
  public boolean isPerGroup() {
    return groups != null;
  }

  /**
   * The current value: on the server, while a view builds a page that gives this state (or the
   * state it is derived from) its own value, the value for that page.
   *
   * <pre>{@code
   * int n = count.get();
   * }</pre>
   *
   * @return the value, may be null
   */
  public T get() {
    StateHooks.Page page = StateHooks.page();
    if (page == null) {
      return value;
    }
    // Computed again, not cached: the source may have its own value on this page, and reading it
    // records the read, so that a value given after the view used it is refused.
    return derive != null ? derive.get() : page.read(this, value);
  }

  /**
   * Changes the value and, when it is not equal to the old one, tells every watcher, which updates
   * the bound nodes and the derived states.
   *
   * <pre>{@code
   * count.set(count.get() + 1);
   * }</pre>
   *
   * @param newValue the new value, may be null
   * @throws IllegalStateException on a state made by {@link #map}, which follows its source, and on
   *     a per-group state, whose values are changed with {@link #in}
   */
  public void set(T newValue) {
    if (derive != null) {
      throw new IllegalStateException(
          "State.set on a derived state (made with map): it follows the state it was mapped from;"
              + " set that one instead.");
    }
    checkNotPerGroup("set");
    StateHooks.SharedWriter w = isShared ? StateHooks.writer() : null;
    if (w != null) {
      w.write(this, old -> newValue);
    } else {
      change(newValue);
    }
  }

  /**
   * Sets the value to {@code f} applied to the current one.
   *
   * <pre>{@code
   * count.update(n -> n + 1);
   * }</pre>
   *
   * @param f computes the new value from the old
   * @throws IllegalStateException on a per-group state, whose values are changed with {@link #in}
   */
  public void update(UnaryOperator<T> f) {
    checkNotPerGroup("update");
    StateHooks.SharedWriter w = isShared ? StateHooks.writer() : null;
    if (w != null) {
      w.write(this, f);
    } else {
      set(f.apply(value));
    }
  }

  /**
   * Whether {@link #set} may change this state: false for a derived one.
   *
   * @return true unless this state was made with {@link #map}
   */
  public boolean isWritable() {
    return derive == null;
  }

  /**
   * A read-only state that is always {@code f} of this one, recomputed when this one changes and
   * passed on only when the result changed.
   *
   * <pre>{@code
   * static final State<String> label = count.map(n -> n == 1 ? "1 item" : n + " items");
   * }</pre>
   *
   * @param f computes the derived value; it runs on the server to render, and in the browser
   * @param <R> the type of the derived value
   * @return the derived state
   */
  public <R> State<R> map(Function<? super T, ? extends R> f) {
    State<R> derived = new State<>(f.apply(value), () -> f.apply(get()), false, false);
    watch(v -> derived.change(f.apply(v)));
    return derived;
  }

  /**
   * Runs {@code watcher} with every new value from now on.
   *
   * <pre>{@code
   * Subscription s = count.watch(n -> Dom.find("title").text(n + " items"));
   * s.cancel();
   * }</pre>
   *
   * @param watcher receives each new value
   * @return cancels the watch; cancelling twice does nothing
   */
  public Subscription watch(Consumer<? super T> watcher) {
    Objects.requireNonNull(watcher, "watcher == null");
    watchers.add(watcher);
    return () -> watchers.remove(watcher);
  }

  private void checkNotPerGroup(String method) {
    if (groups != null) {
      throw new IllegalStateException(
          "State."
              + method
              + " on a per-group state (made with State.perGroup): it holds a value per group;"
              + " on the server call state.in(group)."
              + method
              + "(...) instead.");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> groupValues() {
    return (Map<String, Object>) groups;
  }

  @SuppressWarnings("unchecked")
  private void forced(Object newValue) {
    change((T) newValue);
  }

  private void change(T newValue) {
    if (Objects.equals(value, newValue)) {
      return;
    }
    value = newValue;
    // A copy: a watcher may cancel itself or add another while it runs.
    for (Consumer<? super T> w : new ArrayList<>(watchers)) {
      w.accept(newValue);
    }
  }

  @Override
  public String toString() {
    return "State[" + value + "]";
  }
}
