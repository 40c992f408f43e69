// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.Server;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of event handlers, {@code @Server.On} and {@code @Client.On} (and their deprecated
 * aliases): valid event names, lifecycle events on the side where they happen, the parameters each
 * event allows, and one data type per custom event across both sides.
 */
final class EventRules {
  /** What each client lifecycle event on the server means, for error messages. */
  private static final Map<String, String> LIFECYCLE_VERBS =
      Map.of(
          "connect", "connected",
          "disconnect", "disconnected",
          "page_open", "opened",
          "page_close", "closed");

  private EventRules() {}

  /** Checks every event annotation of {@code m} and collects a handler for each one that passes. */
  @SuppressWarnings("deprecation")
  static void check(Method m, String name, Findings f) {
    for (Server.On on : m.getAnnotationsByType(Server.On.class)) {
      serverEvent(m, name, on.value(), "@Server.On(\"" + on.value() + "\")", f);
    }
    if (m.isAnnotationPresent(Server.Connect.class)) {
      f.deprecated("@Server.Connect", "@Server.On(\"connect\")", name);
      serverEvent(m, name, "connect", "@Server.Connect", f);
    }
    for (Client.On on : m.getAnnotationsByType(Client.On.class)) {
      clientEvent(m, name, on.value(), "@Client.On(\"" + on.value() + "\")", f);
    }
    if (m.isAnnotationPresent(Client.Startup.class)) {
      f.deprecated("@Client.Startup", "@Client.On(\"ready\")", name);
      clientEvent(m, name, "ready", "@Client.Startup", f);
    }
  }

  private static void serverEvent(
      Method m, String name, String event, String annotation, Findings f) {
    if (!validEventName(event, annotation, name, f)) {
      return;
    }
    if (EventHandler.CLIENT_LIFECYCLE.contains(event)
        && !EventHandler.SERVER_LIFECYCLE.contains(event)) {
      f.problems.add(
          annotation
              + " on "
              + name
              + ": '"
              + event
              + "' happens in the browser;"
              + " use @Client.On(\""
              + event
              + "\") on a client method.");
      return;
    }
    EventHandler h = new EventHandler(event, m);
    Class<?>[] p = m.getParameterTypes();
    long ids = Arrays.stream(p).filter(t -> t == ClientId.class).count();
    long pages = Arrays.stream(p).filter(t -> t == PageId.class).count();
    boolean lifecycle = EventHandler.SERVER_LIFECYCLE.contains(event);
    if (event.equals("start") || event.equals("stop")) {
      if (p.length > 0) {
        f.problems.add(
            annotation
                + " method "
                + name
                + " must take no parameters: the app's"
                + " '"
                + event
                + "' concerns no client and carries no data.");
        return;
      }
    } else if (lifecycle) {
      if (ids > 1 || pages > 1 || p.length > ids + pages) {
        f.problems.add(
            annotation
                + " method "
                + name
                + " may take only a ClientId and a PageId (the client and the page that "
                + LIFECYCLE_VERBS.get(event)
                + "), each at most once.");
        return;
      }
    } else if (ids > 1 || pages > 1 || p.length - ids - pages > 1) {
      f.problems.add(
          annotation
              + " method "
              + name
              + " may take at most one ClientId and one PageId (the"
              + " sender) and one data parameter.");
      return;
    }
    if (!lifecycle && h.dataType() != null) {
      WireTypes.check(h.dataType(), name + " data parameter", f.problems);
      // Pages may emit any custom event, so its server handlers read data that came from one.
      ServerOnlyComponents.checkFromPages(h.dataType(), name + " data parameter", f.problems);
    }
    f.serverEvents.add(h);
  }

  private static void clientEvent(
      Method m, String name, String event, String annotation, Findings f) {
    if (!validEventName(event, annotation, name, f)) {
      return;
    }
    if (EventHandler.SERVER_LIFECYCLE.contains(event)
        && !EventHandler.CLIENT_LIFECYCLE.contains(event)) {
      f.problems.add(
          annotation
              + " on "
              + name
              + ": '"
              + event
              + "' is "
              + (EventHandler.PAGE_LIFECYCLE.contains(event)
                  ? "a page's lifecycle on the server"
                  : "the server app's lifecycle")
              + "; use @Server.On(\""
              + event
              + "\") on a server method.");
      return;
    }
    if (m.getReturnType() != void.class) {
      f.problems.add(annotation + " method " + name + " must return void.");
      return;
    }
    Class<?>[] p = m.getParameterTypes();
    if (EventHandler.CLIENT_LIFECYCLE.contains(event) && p.length > 0) {
      f.problems.add(
          annotation
              + " method "
              + name
              + " must take no parameters: '"
              + event
              + "' carries no data.");
      return;
    }
    if (p.length > 1 || p.length == 1 && EventHandler.isSender(p[0])) {
      f.problems.add(
          annotation
              + " method "
              + name
              + " may take one data parameter at most;"
              + " the browser knows no ClientId or PageId of the sender.");
      return;
    }
    EventHandler h = new EventHandler(event, m);
    if (h.dataType() != null) {
      WireTypes.check(h.dataType(), name + " data parameter", f.problems);
    }
    f.clientEvents.add(h);
  }

  private static boolean validEventName(String event, String annotation, String name, Findings f) {
    if (!EventHandler.NAME.matcher(event).matches()) {
      f.problems.add(
          annotation
              + " on "
              + name
              + ": '"
              + event
              + "' is not a valid event name;"
              + " use letters, digits and _ . : - (starting with a letter), like 'game_started'.");
      return false;
    }
    return true;
  }

  /**
   * Every custom event's handlers must agree on the data type, on both sides. Runs once all classes
   * are scanned, since the handlers of one event may live in different classes.
   */
  static void checkDataTypes(Findings f) {
    Map<String, EventHandler> first = new LinkedHashMap<>();
    for (List<EventHandler> side : List.of(f.serverEvents, f.clientEvents)) {
      for (EventHandler h : side) {
        Type t = h.dataType();
        if (t == null || EventHandler.isLifecycle(h.event())) {
          continue;
        }
        EventHandler seen = first.putIfAbsent(h.event(), h);
        if (seen != null && !seen.dataType().equals(t)) {
          f.problems.add(
              "Event '"
                  + h.event()
                  + "' has handlers with different data types: "
                  + Names.of(seen.method())
                  + " takes "
                  + seen.dataType().getTypeName()
                  + ", "
                  + Names.of(h.method())
                  + " takes "
                  + t.getTypeName()
                  + ". Give every handler"
                  + " of one event the same data type.");
        }
      }
    }
  }
}
