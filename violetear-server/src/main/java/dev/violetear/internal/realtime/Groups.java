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
  // Each value is an immutable set, replaced as a whole under compute(), so readers get a stable
  // snapshot without locking and an emptied group disappears atomically.
  private final ConcurrentMap<String, Set<ClientId>> members = new ConcurrentHashMap<>();

  /** Adds {@code id} to {@code group}; joining twice has no further effect. */
  public void join(ClientId id, String group) {
    members.compute(
        group,
        (name, current) -> {
          Set<ClientId> next = current == null ? new HashSet<>() : new HashSet<>(current);
          next.add(id);
          return Set.copyOf(next);
        });
  }

  /** Removes {@code id} from {@code group}; leaving a group one is not in does nothing. */
  public void leave(ClientId id, String group) {
    members.computeIfPresent(
        group,
        (name, current) -> {
          Set<ClientId> next = new HashSet<>(current);
          next.remove(id);
          return next.isEmpty() ? null : Set.copyOf(next);
        });
  }

  /** Returns the members of {@code group} at this moment, an unmodifiable snapshot. */
  public Set<ClientId> members(String group) {
    return members.getOrDefault(group, Set.of());
  }
}
