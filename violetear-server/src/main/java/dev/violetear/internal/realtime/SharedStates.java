// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.violetear.ClientId;
import dev.violetear.State;
import dev.violetear.internal.StateHooks;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.StateFields;
import dev.violetear.internal.wire.Frames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The shared states of one app ({@link State#shared}, {@link State#perGroup}): each change, made
 * one at a time under the state's lock, is pushed as a call of {@code "@Class.field"} to every page
 * (to the pages of the group's members, for a per-group state), and a page that connects gets every
 * current value right after its welcome, inside its replay, so it holds them before its {@code
 * connect} handlers run. A client that joins a group gets the group's values, and one that leaves
 * it gets its value without that group, both under the state's lock after the membership changed,
 * so that no change overtakes them. A state is a static field, so one JVM-wide writer serves every
 * app that registered its class; each app adds itself while it runs.
 *
 * <pre>{@code
 * SharedStates shared = new SharedStates(model, mapper, frames, clients, groups);
 * shared.start();                 // Counter.clicks.update(...) now reaches this app's pages
 * shared.snapshot(session);       // on a connect: the current values, in the page's order
 * }</pre>
 */
final class SharedStates implements Groups.Listener {
  // Which apps show each shared state; the writer sends every change to each.
  private static final Map<State<?>, List<SharedStates>> apps = new ConcurrentHashMap<>();

  private final List<Entry> entries = new ArrayList<>();
  private final Frames frames;
  private final Clients clients;
  private final Groups groups;

  private static final class Entry {
    final State<?> state;
    final String name;
    final ObjectWriter writer;
    // The frames pages got last (of the whole state, and by group for a per-group one), guarded
    // by the state's lock: a change that encodes the same (only @Server.Only components differ) is
    // not sent, as pages would see no difference.
    String lastTail;
    final Map<String, String> lastTails = new HashMap<>();

    Entry(State<?> state, String name, ObjectWriter writer) {
      this.state = state;
      this.name = name;
      this.writer = writer;
    }
  }

  SharedStates(AppModel model, ObjectMapper mapper, Frames frames, Clients clients, Groups groups) {
    this.frames = frames;
    this.clients = clients;
    this.groups = groups;
    for (Field f : model.stateFields()) {
      if (StateFields.isShared(f)) {
        ParameterizedType t = (ParameterizedType) f.getGenericType();
        entries.add(
            new Entry(
                StateFields.state(f),
                StateFields.name(f),
                mapper.writerFor(mapper.constructType(t.getActualTypeArguments()[0]))));
      }
    }
  }

  /** From now on, changes to this app's shared states reach its pages. */
  void start() {
    if (entries.isEmpty()) {
      return;
    }
    StateHooks.installWriter(WRITER);
    for (Entry e : entries) {
      apps.computeIfAbsent(e.state, s -> new CopyOnWriteArrayList<>()).add(this);
    }
    if (entries.stream().anyMatch(e -> e.state.isPerGroup())) {
      groups.listen(this);
    }
  }

  /** Stops sending this app's pages the changes. */
  void stop() {
    groups.listen(null);
    for (Entry e : entries) {
      List<SharedStates> showing = apps.get(e.state);
      if (showing != null) {
        showing.remove(this);
      }
    }
  }

  /**
   * Sends {@code session} the current value of every shared state (of its client's group, for a
   * per-group one), each under its state's lock, so that no change can reach the page before an
   * older value.
   *
   * @return the seq of the last value sent, 0 when the app has no shared state
   */
  long snapshot(PageSession session) {
    long last = 0;
    for (Entry e : entries) {
      synchronized (e.state) {
        if (e.state.isPerGroup()) {
          session.send(tail(e, valueFor(e, session.id())));
        } else {
          e.lastTail = tail(e, e.state.get());
          session.send(e.lastTail);
        }
        last = session.lastSent();
      }
    }
    return last;
  }

  @Override
  public void joined(ClientId id, String group) {
    for (Entry e : entries) {
      if (e.state.isPerGroup()) {
        synchronized (e.state) {
          Map<String, Object> values = StateHooks.groups(e.state);
          // Still a member: a leave that came first has sent its own value.
          if (values.containsKey(group) && groups.members(group).contains(id)) {
            clients.sendTo(id, tail(e, values.get(group)), "state " + e.name + " of " + group);
          }
        }
      }
    }
  }

  @Override
  public void left(ClientId id, String group) {
    for (Entry e : entries) {
      if (e.state.isPerGroup()) {
        synchronized (e.state) {
          if (StateHooks.groups(e.state).containsKey(group)
              && !groups.members(group).contains(id)) {
            clients.sendTo(id, tail(e, valueFor(e, id)), "state " + e.name + " without " + group);
          }
        }
      }
    }
  }

  /**
   * The value of a per-group state for {@code id}'s pages: of the first group by name that has a
   * value and that {@code id} is in, else the initial value. Called holding the state's lock.
   */
  private Object valueFor(Entry e, ClientId id) {
    String chosen = null;
    for (String group : StateHooks.groups(e.state).keySet()) {
      if ((chosen == null || group.compareTo(chosen) < 0) && groups.members(group).contains(id)) {
        chosen = group;
      }
    }
    return chosen == null ? e.state.get() : StateHooks.groups(e.state).get(chosen);
  }

  private String tail(Entry e, Object value) {
    try {
      return frames.invoke("@" + e.name, new ObjectWriter[] {e.writer}, new Object[] {value});
    } catch (IOException | RuntimeException x) {
      throw new IllegalArgumentException(
          "Shared state " + e.name + " cannot be sent: its value " + value + " is not JSON", x);
    }
  }

  /** Sends pages the change of {@code state} (in {@code group}, or of all when null). */
  private void push(State<?> state, String group, Object old, Object value) {
    for (Entry e : entries) {
      if (e.state != state) {
        continue;
      }
      String last = group == null ? e.lastTail : e.lastTails.get(group);
      if (last == null) {
        last = tail(e, old);
      }
      String tail = tail(e, value);
      if (group == null) {
        e.lastTail = tail;
      } else if (Objects.equals(value, state.get())) {
        // The group holds nothing any more: neither does this.
        e.lastTails.remove(group);
      } else {
        e.lastTails.put(group, tail);
      }
      if (tail.equals(last)) {
        continue;
      }
      if (group == null) {
        clients.send(null, tail, "shared state " + e.name);
      } else {
        clients.sendToGroup(group, tail, "state " + e.name + " of " + group);
      }
    }
  }

  // One change at a time per state, sent to the pages in the order of the changes.
  private static final StateHooks.SharedWriter WRITER =
      new StateHooks.SharedWriter() {
        @Override
        public <T> void write(State<T> state, UnaryOperator<T> change) {
          synchronized (state) {
            T old = state.get();
            T value = change.apply(old);
            if (Objects.equals(value, old)) {
              return;
            }
            StateHooks.force(state, value);
            for (SharedStates app : apps.getOrDefault(state, List.of())) {
              app.push(state, null, old, value);
            }
          }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> void writeIn(State<T> state, String group, UnaryOperator<T> change) {
          synchronized (state) {
            Map<String, Object> values = StateHooks.groups(state);
            T old = values.containsKey(group) ? (T) values.get(group) : state.get();
            T value = change.apply(old);
            if (Objects.equals(value, old)) {
              return;
            }
            StateHooks.putGroupValue(state, group, value);
            for (SharedStates app : apps.getOrDefault(state, List.of())) {
              app.push(state, group, old, value);
            }
          }
        }
      };
}
