// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rule classes collect while the classes are scanned: the accepted methods, the problems
 * and the warnings. The rules only add to it, so that every problem of every class ends up in the
 * one exception {@link AppModel#of} throws.
 */
final class Findings {
  final List<String> problems = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<RpcMethod> rpcs = new ArrayList<>();
  final List<RealtimeMethod> realtimes = new ArrayList<>();
  final List<ClientMethod> clients = new ArrayList<>();
  final List<EventHandler> serverEvents = new ArrayList<>();
  final List<EventHandler> clientEvents = new ArrayList<>();

  /** The aliases already warned about: each one is reported once, on its first use. */
  private final Set<String> deprecations = new LinkedHashSet<>();

  void deprecated(String alias, String replacement, String name) {
    if (deprecations.add(alias)) {
      warnings.add(alias + " (on " + name + ") is deprecated: write " + replacement + " instead.");
    }
  }
}
