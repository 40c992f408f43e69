// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.violetear.State;
import dev.violetear.internal.StateHooks;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.StateFields;
import dev.violetear.internal.wire.Frames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The shared states of one app ({@link State#shared}): each change, made one at a time under the
 * state's lock, is pushed to every page as a call of {@code "@Class.field"}, and a page that
 * connects gets every current value right after its welcome, inside its replay, so it holds them
 * before its {@code connect} handlers run. A state is a static field, so one JVM-wide writer serves
 * every app that registered its class; each app adds itself while it runs.
 *
 * <pre>{@code
 * SharedStates shared = new SharedStates(model, mapper, frames, realtime::sendToAll);
 * shared.start();                 // Counter.clicks.update(...) now reaches this app's pages
 * shared.snapshot(session);       // on a connect: the current values, in the page's order
 * }</pre>
 */
final class SharedStates {
  // Which apps show each shared state; the writer sends every change to each.
  private static final Map<State<?>, List<SharedStates>> apps = new ConcurrentHashMap<>();

  private final List<Entry> entries = new ArrayList<>();
  private final Frames frames;
  private final BiConsumer<String, String> sendToAll;

  private static final class Entry {
    final State<?> state;
    final String name;
    final ObjectWriter writer;
    // The frame pages got last, guarded by the state's lock: a change that encodes the same (only
    // @Server.Only components differ) is not sent, as pages would see no difference.
    String lastTail;

    Entry(State<?> state, String name, ObjectWriter writer) {
      this.state = state;
      this.name = name;
      this.writer = writer;
    }
  }

  SharedStates(
      AppModel model, ObjectMapper mapper, Frames frames, BiConsumer<String, String> sendToAll) {
    this.frames = frames;
    this.sendToAll = sendToAll;
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
  }

  /** Stops sending this app's pages the changes. */
  void stop() {
    for (Entry e : entries) {
      List<SharedStates> showing = apps.get(e.state);
      if (showing != null) {
        showing.remove(this);
      }
    }
  }

  /**
   * Sends {@code session} the current value of every shared state, each under its state's lock, so
   * that no change can reach the page before an older value.
   *
   * @return the seq of the last value sent, 0 when the app has no shared state
   */
  long snapshot(PageSession session) {
    long last = 0;
    for (Entry e : entries) {
      synchronized (e.state) {
        e.lastTail = tail(e, e.state.get());
        session.send(e.lastTail);
        last = session.lastSent();
      }
    }
    return last;
  }

  private String tail(Entry e, Object value) {
    try {
      return frames.invoke("@" + e.name, new ObjectWriter[] {e.writer}, new Object[] {value});
    } catch (IOException | RuntimeException x) {
      throw new IllegalArgumentException(
          "Shared state " + e.name + " cannot be sent: its value " + value + " is not JSON", x);
    }
  }

  private void push(State<?> state, Object old, Object value) {
    for (Entry e : entries) {
      if (e.state == state) {
        if (e.lastTail == null) {
          e.lastTail = tail(e, old);
        }
        String tail = tail(e, value);
        if (!tail.equals(e.lastTail)) {
          e.lastTail = tail;
          sendToAll.accept(tail, "shared state " + e.name);
        }
      }
    }
  }

  // One change at a time per state, sent to every page in the order of the changes.
  private static final StateHooks.SharedWriter WRITER =
      new StateHooks.SharedWriter() {
        @Override
        public <T> void write(State<T> state, UnaryOperator<T> change) {
          synchronized (state) {
            T old = state.get();
            T value = change.apply(old);
            if (java.util.Objects.equals(value, old)) {
              return;
            }
            StateHooks.force(state, value);
            for (SharedStates app : apps.getOrDefault(state, List.of())) {
              app.push(state, old, value);
            }
          }
        }
      };
}
