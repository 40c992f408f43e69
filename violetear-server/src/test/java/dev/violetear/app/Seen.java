// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.ClientId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What server-side test fixtures observed, recorded per key (usually a client id), so that tests
 * sharing one app never read each other's records.
 */
final class Seen {
  private final ConcurrentMap<String, List<String>> byKey = new ConcurrentHashMap<>();

  void add(String key, String what) {
    List<String> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (list) {
      list.add(what);
    }
  }

  void add(ClientId id, String what) {
    add(id == null ? "null" : id.value(), what);
  }

  /** Forgets every record, for a fixture shared by several tests. */
  void clear() {
    byKey.clear();
  }

  /** A copy of the records of {@code key}, in the order they were made. */
  List<String> of(String key) {
    List<String> list = byKey.getOrDefault(key, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }
}
