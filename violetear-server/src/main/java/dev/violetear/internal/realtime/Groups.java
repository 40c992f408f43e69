// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Group membership of client ids. It belongs to the id, not to a connection, so it survives
 * reconnects: a member that reconnects is reached again without joining again. Members stay until
 * they leave. Internal: used by {@code App}; thread-safe.
 */
public final class Groups {
  /** Told of each change of membership once it holds, on the thread that made it. */
  interface Listener {
    void joined(ClientId id, String group);

    void left(ClientId id, String group);
  }

  // Each value is an immutable set, replaced as a whole under compute(), so readers get a stable
  // snapshot without locking and an emptied group disappears atomically.
  private final ConcurrentMap<String, Set<ClientId>> members = new ConcurrentHashMap<>();
  // The running app's per-group states, which send a joining or leaving client its value; null
  // while the app is stopped, when there are no pages to tell.
  private volatile Listener listener;

  /** Adds {@code id} to {@code group}; joining twice has no further effect. */
  public void join(ClientId id, String group) {
    boolean[] isNew = new boolean[1];
    members.compute(
        group,
        (name, current) -> {
          Set<ClientId> next = current == null ? new HashSet<>() : new HashSet<>(current);
          isNew[0] = next.add(id);
          return Set.copyOf(next);
        });
    Listener l = listener;
    if (isNew[0] && l != null) {
      l.joined(id, group);
    }
  }

  /** Removes {@code id} from {@code group}; leaving a group one is not in does nothing. */
  public void leave(ClientId id, String group) {
    boolean[] wasIn = new boolean[1];
    members.computeIfPresent(
        group,
        (name, current) -> {
          Set<ClientId> next = new HashSet<>(current);
          wasIn[0] = next.remove(id);
          return next.isEmpty() ? null : Set.copyOf(next);
        });
    Listener l = listener;
    if (wasIn[0] && l != null) {
      l.left(id, group);
    }
  }

  /** Sets who hears of membership changes from now on; null for no one. */
  void listen(Listener l) {
    listener = l;
  }

  /** Returns the members of {@code group} at this moment, an unmodifiable snapshot. */
  public Set<ClientId> members(String group) {
    return members.getOrDefault(group, Set.of());
  }
}
