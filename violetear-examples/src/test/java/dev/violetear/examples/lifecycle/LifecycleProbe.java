// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.lifecycle;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.app.App;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.browser.Violetear;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A probe page for the lifecycle race tests: the browser writes every lifecycle step and every
 * message from the server into {@code <ul id="events">}, and the server keeps, per client, the
 * order in which its connect and disconnect handlers ran and the client's messages arrived.
 *
 * <p>The page's {@code ready} handler sends {@value #HITS} numbered realtime calls {@code
 * hit(1..5)} and the emit {@code probe(5)} while the socket is not live yet (a connection only goes
 * live after the ready handlers finished), then waits for an RPC so that it finishes well after it
 * started. Each {@code connect} handler sends {@code hit(100 + k)} for the page's k-th connection,
 * so the queued frames must reach the server before it. The server answers every connection with
 * the client call {@code hello(k)}. The k-th click on the button {@code #more} sends {@code hit(300
 * + k)} and writes the connection state it saw into the button's {@code data-state-k}.
 */
public final class LifecycleProbe {
  /** How many numbered realtime calls the ready handler sends. */
  public static final int HITS = 5;

  // Per ClientId value: what the server's handlers saw, in order.
  private static final Map<String, List<Step>> steps = new ConcurrentHashMap<>();

  private LifecycleProbe() {}

  /** One thing the server saw for a client, and when (System.nanoTime). */
  public record Step(String what, long nanos) {}

  /** The probe app, unstarted: {@code /probe}, its bundle cached in {@code bundleCache}. */
  public static App create(Path bundleCache) {
    App created =
        App.create("Lifecycle probe", config -> config.bundleCacheDir(bundleCache))
            .register(LifecycleProbe.class)
            .view("/probe", LifecycleProbe::page);
    return created;
  }

  /** What the server saw for {@code clientId}, in order: "connect", "hit 3", "probe 5"... */
  public static List<String> log(String clientId) {
    return stepsOf(clientId).stream().map(Step::what).toList();
  }

  /** Like {@link #log}, with the time of each step. */
  public static List<Step> stepsOf(String clientId) {
    List<Step> list = steps.get(clientId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  private static int record(ClientId id, String what) {
    List<Step> list = steps.computeIfAbsent(id.value(), k -> new ArrayList<>());
    synchronized (list) {
      list.add(new Step(what, System.nanoTime()));
      return (int) list.stream().filter(s -> s.what().equals(what)).count();
    }
  }

  // ---- server --------------------------------------------------------------------------------

  @Server.On("connect")
  public static void onConnect(ClientId id) {
    int k = record(id, "connect");
    // Sent before the welcome leaves; the browser must still see it after its connect handlers.
    App.current().clients().to(id).invoke(LifecycleProbe::hello, k);
  }

  @Server.On("disconnect")
  public static void onDisconnect(ClientId id) {
    record(id, "disconnect");
  }

  @Server.Realtime
  public static void hit(int n) {
    record(ClientId.caller(), "hit " + n);
  }

  @Server.On("probe")
  public static void onProbe(ClientId id, int n) {
    record(id, "probe " + n);
  }

  @Server.Rpc
  public static String ping() {
    return "pong";
  }

  // ---- browser -------------------------------------------------------------------------------

  @Client.On("ready")
  public static void ready() {
    Violetear runtime = Violetear.runtime();
    // Whether the welcome had arrived (clientId is set by it) and the state, when ready ran.
    step("ready")
        .attr("data-welcomed", runtime.clientId() == null ? "no" : "yes")
        .attr("data-state", runtime.state().name().toLowerCase());
    for (int n = 1; n <= HITS; n++) {
      hit(n);
    }
    runtime.emit("probe", HITS);
    // An RPC suspends this handler: connect must still wait until it has finished.
    ping();
    step("ready-done");
  }

  @Client.On("connect")
  public static void connected() {
    int k = next(Dom.find("events"), "data-connects");
    step("connect");
    hit(100 + k);
  }

  @Client.On("disconnect")
  public static void disconnected() {
    step("disconnect");
  }

  @Client.On("probe")
  public static void probed(int n) {
    step("probe " + n);
  }

  @Client.Realtime
  public static void hello(int k) {
    step("hello " + k);
  }

  @Client.Callback
  public static void more(Event e) {
    DomElement button = Dom.find("more");
    int k = next(button, "data-clicks");
    // The connection state at the time of the k-th click's call, for the test to check.
    button.attr("data-state-" + k, Violetear.runtime().state().name().toLowerCase());
    hit(300 + k);
  }

  @Client
  static DomElement step(String text) {
    DomElement li = Dom.create("li").text(text);
    Dom.find("events").append(li);
    return li;
  }

  /** Increments the counter kept in attribute {@code name} of {@code element}, returns it. */
  @Client
  static int next(DomElement element, String name) {
    int k = Integer.parseInt(element.attr(name)) + 1;
    element.attr(name, String.valueOf(k));
    return k;
  }

  static Document page() {
    return Document.titled("Lifecycle probe")
        .body(
            Html.ul().id("events").attr("data-connects", "0"),
            Html.button("More")
                .id("more")
                .attr("data-clicks", "0")
                .on("click", LifecycleProbe::more));
  }
}
