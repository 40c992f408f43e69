// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.delivery;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A page that streams numbered realtime calls; the server records what arrives, per client. */
public final class Stream {
  private static final Map<String, List<Integer>> received = new ConcurrentHashMap<>();

  private Stream() {}

  @Server.Realtime
  public static void hit(int n) {
    List<Integer> list =
        received.computeIfAbsent(ClientId.caller().value(), k -> new ArrayList<>());
    synchronized (list) {
      list.add(n);
    }
  }

  /** Forgets what arrived from {@code clientId}, for a test that reuses a browser's client. */
  public static void forget(String clientId) {
    received.remove(clientId);
  }

  /** A copy of the numbers that arrived from {@code clientId}, in arrival order. */
  public static List<Integer> receivedFrom(String clientId) {
    List<Integer> list = received.getOrDefault(clientId, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** The server's numbered calls into the page; each appends its number to the list. */
  @Client.Realtime
  public static void got(int n) {
    Dom.find("got").append(Dom.create("li").text(String.valueOf(n)));
  }

  /**
   * Records what the list showed when the connection went live: a resumed page has by then run
   * every call it missed (ReplayBeforeConnectIT).
   */
  @Client.On("connect")
  public static void connected() {
    Dom.find("at-connect").append(Dom.create("li").text(Dom.find("got").text()));
  }

  /** A fresh session means the page missed what the server sent while it was away. */
  @Client.On("resume_failed")
  public static void resumeFailed() {
    Dom.find("resume").text("resume failed");
  }

  @Client.Callback
  public static void noop() {}

  public static Document page() {
    return Document.titled("Stream")
        .uses(Stream.class)
        .body(
            Html.button("noop").id("noop").on("click", Stream::noop),
            Html.ol().id("got"),
            Html.ol().id("at-connect"),
            Html.div().id("resume"));
  }
}
