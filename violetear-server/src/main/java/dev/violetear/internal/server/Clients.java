// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import dev.violetear.ClientId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections by client id, and the sends that address clients: one id, a group, or all.
 * A send only queues the frame on each connection's {@link Outbound}, so it never waits for the
 * network. Thread-safe.
 */
final class Clients {
  private static final Logger log = LoggerFactory.getLogger(Clients.class);

  // Immutable sets replaced under compute(), as in Groups.
  private final ConcurrentMap<ClientId, Set<Connection>> byId = new ConcurrentHashMap<>();
  private final Groups groups;

  Clients(Groups groups) {
    this.groups = groups;
  }

  void add(Connection c) {
    byId.compute(
        c.id(),
        (id, current) -> {
          Set<Connection> next = current == null ? new HashSet<>() : new HashSet<>(current);
          next.add(c);
          return Set.copyOf(next);
        });
  }

  void remove(Connection c) {
    byId.computeIfPresent(
        c.id(),
        (id, current) -> {
          Set<Connection> next = new HashSet<>(current);
          next.remove(c);
          return next.isEmpty() ? null : Set.copyOf(next);
        });
  }

  /** Sends {@code frame} to every connection of {@code id}; {@code what} names it in logs. */
  void sendTo(ClientId id, String frame, String what) {
    Set<Connection> connections = byId.getOrDefault(id, Set.of());
    if (connections.isEmpty()) {
      log.debug("Dropped {} for {}: it is not connected", what, Connection.describe(id));
    }
    for (Connection c : connections) {
      c.outbound().send(frame);
    }
  }

  /** Sends {@code frame} to every connected member of {@code group}. */
  void sendToGroup(String group, String frame, String what) {
    for (ClientId id : groups.members(group)) {
      sendTo(id, frame, what);
    }
  }

  /** Sends {@code frame} to every open connection. */
  void sendToAll(String frame) {
    for (Connection c : all()) {
      c.outbound().send(frame);
    }
  }

  /** Returns the open connections at this moment. */
  List<Connection> all() {
    List<Connection> all = new ArrayList<>();
    byId.values().forEach(all::addAll);
    return all;
  }
}
