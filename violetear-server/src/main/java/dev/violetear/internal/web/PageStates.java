// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.State;
import dev.violetear.internal.StateHooks;
import dev.violetear.internal.model.StateFields;
import dev.violetear.internal.model.WireTypes;
import dev.violetear.internal.wire.WireJson;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The page a view builds on the current thread: the values its document gives states ({@code
 * Document.initial}), which {@link State#get} returns on this thread until the view returns, and
 * the states the view read. A value given after the view read its state is refused, because the
 * markup built before shows the other value.
 *
 * <pre>{@code
 * Document page = PageStates.build(view);   // the view may call Document.initial
 * }</pre>
 *
 * <p>One per view call, used by its thread only.
 */
public final class PageStates implements StateHooks.Page {
  private static final ThreadLocal<PageStates> CURRENT = new ThreadLocal<>();
  // Only writes: the same configuration as RPC answers, so the bundle's codecs read the values.
  private static final ObjectMapper JSON = WireJson.mapper();

  static {
    StateHooks.installPages(CURRENT::get);
  }

  private final Map<State<?>, Object> given = new IdentityHashMap<>();
  private final Set<State<?>> read = Collections.newSetFromMap(new IdentityHashMap<>());

  private PageStates() {}

  /** Runs {@code view}, which builds one page, with a page of its own on this thread. */
  public static <T> T build(Supplier<T> view) {
    PageStates previous = CURRENT.get();
    CURRENT.set(new PageStates());
    try {
      return view.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T read(State<T> state, T current) {
    read.add(state);
    return given.containsKey(state) ? (T) given.get(state) : current;
  }

  @Override
  public String give(State<?> state, Object value, String what) {
    if (read.contains(state)) {
      throw new IllegalStateException(
          what
              + " comes after the view read the state (markup bound it, or get() was called), so"
              + " the page would show two values: give initial values first, as in"
              + " Document.titled(...).initial(state, value).body(...).");
    }
    Field field = StateFields.fieldOf(state);
    // A raw State field has no value type: WireTypes refuses Object, naming the types to use.
    Type type =
        field.getGenericType() instanceof ParameterizedType p
            ? p.getActualTypeArguments()[0]
            : Object.class;
    List<String> problems = new ArrayList<>();
    WireTypes.check(type, what + ": the state", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0));
    }
    String json;
    try {
      json = JSON.writerFor(JSON.constructType(type)).writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          what + ": the value " + value + " cannot be written as JSON: " + e.getMessage(), e);
    }
    given.put(state, value);
    return json;
  }
}
