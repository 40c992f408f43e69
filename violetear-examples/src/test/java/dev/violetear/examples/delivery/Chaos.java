// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app of {@link ChaosIT}: pages call {@code up(1..n)}, the server calls their {@code
 * down(1..n)}, and both sides record what arrived.
 */
public final class Chaos {
  private static final Map<String, List<Integer>> ups = new ConcurrentHashMap<>();
  static final Set<ClientId> connected = ConcurrentHashMap.newKeySet();
  static volatile int calls;

  private Chaos() {}

  @Server.Realtime
  public static void up(int n) {
    ClientId caller = ClientId.caller();
    List<Integer> list = ups.computeIfAbsent(caller.value(), k -> new ArrayList<>());
    int size;
    synchronized (list) {
      list.add(n);
      size = list.size();
    }
    // Calls arrive in order, so the last number is the last call: tell the page how many came.
    if (n == calls) {
      App.current().clients().to(caller).invoke(Chaos::allUp, size);
    }
  }

  @Server.On("connect")
  public static void connect(ClientId id) {
    connected.add(id);
  }

  /** What arrived from {@code clientId}, in arrival order. */
  static List<Integer> upsFrom(String clientId) {
    List<Integer> list = ups.getOrDefault(clientId, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** Registered by the test's pages themselves (they run violetear.js without the bundle). */
  @Client.Realtime
  public static void down(int n) {}

  @Client.Realtime
  public static void allUp(int count) {}

  public static Document page() {
    return Document.titled("Chaos").uses(Chaos.class).body(Html.p().text("chaos"));
  }
}
