// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.VioletearException;
import dev.violetear.browser.Event;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every annotated method of the registered classes, checked once at startup. All the rules about
 * annotations live here, so that the server and the compiler agree on them.
 *
 * @param warnings problems that do not stop the app (a realtime method with a result, deprecated
 *     aliases), for the app to log once
 */
public record AppModel(
    List<Class<?>> classes,
    List<RpcMethod> rpcs,
    List<RealtimeMethod> realtimes,
    List<ClientMethod> clients,
    List<EventHandler> serverEvents,
    List<EventHandler> clientEvents,
    List<String> warnings) {

  /** The method annotations this model knows, in the order they are reported. */
  @SuppressWarnings("deprecation")
  /** The most arguments a typed server-to-browser call takes (ClientCall.Of4). */
  private static final int MAX_CLIENT_CALL_ARGS = 4;

  private static final List<Class<? extends Annotation>> KINDS =
      List.of(
          Server.Rpc.class,
          Server.Realtime.class,
          Server.On.class,
          Server.On.List.class,
          Server.Connect.class,
          Client.class,
          Client.Callback.class,
          Client.Realtime.class,
          Client.On.class,
          Client.On.List.class,
          Client.Startup.class);

  /**
   * Scans the classes and checks every rule.
   *
   * @throws VioletearException listing every problem found
   */
  public static AppModel of(List<Class<?>> classes) {
    Builder b = new Builder();
    Map<String, Class<?>> bySimpleName = new LinkedHashMap<>();
    for (Class<?> c : classes) {
      Class<?> other = bySimpleName.putIfAbsent(c.getSimpleName(), c);
      if (other != null && other != c) {
        b.problems.add(
            "Classes '"
                + other.getName()
                + "' and '"
                + c.getName()
                + "' have the same"
                + " simple name '"
                + c.getSimpleName()
                + "', which names their functions on the wire;"
                + " rename one of them.");
      }
      Method[] methods = c.getDeclaredMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
      Map<String, Method> wireNames = new LinkedHashMap<>();
      for (Method m : methods) {
        if (!m.isSynthetic()) {
          b.method(m, wireNames);
        }
      }
    }
    b.checkEventTypes();
    if (!b.problems.isEmpty()) {
      throw new VioletearException(
          "The app's classes break "
              + b.problems.size()
              + (b.problems.size() == 1 ? " rule" : " rules")
              + ":\n  - "
              + String.join("\n  - ", b.problems));
    }
    return new AppModel(
        List.copyOf(classes),
        List.copyOf(b.rpcs),
        List.copyOf(b.realtimes),
        List.copyOf(b.clients),
        List.copyOf(b.serverEvents),
        List.copyOf(b.clientEvents),
        List.copyOf(b.warnings));
  }

  /**
   * Whether {@code c} declares a method with a Violetear annotation, i.e. whether registering it
   * means anything; the build plugin selects the classes of a prebuilt bundle with it.
   *
   * @throws LinkageError when a method's signature names a class that is not on the classpath
   */
  public static boolean isAnnotated(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      for (Class<? extends Annotation> kind : KINDS) {
        if (m.isAnnotationPresent(kind)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code m} has the shape a DOM event binding needs. */
  public static boolean isCallbackShape(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return m.getReturnType() == void.class
        && (p.length == 0 || (p.length == 1 && p[0] == Event.class));
  }

  /** The custom events of the app with the data type their handlers declare (null: none). */
  public Map<String, Type> eventTypes() {
    Map<String, Type> types = new LinkedHashMap<>();
    for (List<EventHandler> side : List.of(serverEvents, clientEvents)) {
      for (EventHandler h : side) {
        if (!EventHandler.isLifecycle(h.event())
            && (h.dataType() != null || !types.containsKey(h.event()))) {
          types.put(h.event(), h.dataType());
        }
      }
    }
    return types;
  }

  /**
   * The classes the server may reach in a page at any time: those with a {@code @Client.Realtime}
   * method or a {@code @Client.On} handler of any event but {@code ready}. A page opens its socket
   * at load only when one of them is active; other pages open it on their first realtime send.
   */
  public Set<Class<?>> listeningClasses() {
    Set<Class<?>> listening = new LinkedHashSet<>();
    for (ClientMethod m : clients) {
      if (m.kind() == ClientMethod.Kind.REALTIME) {
        listening.add(m.method().getDeclaringClass());
      }
    }
    for (EventHandler h : clientEvents) {
      if (!h.event().equals("ready")) {
        listening.add(h.method().getDeclaringClass());
      }
    }
    return Set.copyOf(listening);
  }

  /** Collects methods and problems while the classes are scanned. */
  private static final class Builder {
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Set<String> deprecations = new LinkedHashSet<>();
    final List<RpcMethod> rpcs = new ArrayList<>();
    final List<RealtimeMethod> realtimes = new ArrayList<>();
    final List<ClientMethod> clients = new ArrayList<>();
    final List<EventHandler> serverEvents = new ArrayList<>();
    final List<EventHandler> clientEvents = new ArrayList<>();

    @SuppressWarnings("deprecation")
    void method(Method m, Map<String, Method> wireNames) {
      List<String> present = new ArrayList<>();
      for (Class<? extends Annotation> kind : KINDS) {
        if (m.isAnnotationPresent(kind)) {
          present.add(label(kind));
        }
      }
      String name = Names.of(m);
      if (m.isAnnotationPresent(Server.SignedIn.class)
          && !m.isAnnotationPresent(Server.Rpc.class)
          && !m.isAnnotationPresent(Server.Realtime.class)) {
        problems.add(
            "@Server.SignedIn on "
                + name
                + ": only @Server.Rpc and @Server.Realtime"
                + " methods can require a signed-in caller"
                + (present.isEmpty()
                    ? ", and it has" + " neither"
                    : ", not " + String.join(" and ", present))
                + ". Remove it (a @Server.On"
                + " handler can check Principal.current(...) itself).");
      }
      if (present.isEmpty()) {
        return;
      }
      boolean onServer = present.stream().anyMatch(p -> p.startsWith("@Server"));
      boolean onClient = present.stream().anyMatch(p -> p.startsWith("@Client"));
      if (onServer && onClient || present.size() > 1 && !onlyEvents(present)) {
        problems.add(
            name
                + " has "
                + String.join(" and ", present)
                + "; a method runs either on"
                + " the server or in the browser, in one role: keep one.");
        return;
      }
      String annotation = present.get(0);
      if (!Modifier.isStatic(m.getModifiers())) {
        problems.add(annotation + " method " + name + " must be static.");
        return;
      }
      if (Modifier.isPrivate(m.getModifiers())) {
        problems.add(
            annotation
                + " method "
                + name
                + " must not be private: the generated"
                + " browser code calls it. Make it package-private or public.");
        return;
      }
      if (m.isAnnotationPresent(Server.Rpc.class)) {
        if (unique(m, wireNames, "@Server.Rpc")) {
          checkSignature(m, true);
          rpcs.add(new RpcMethod(name, m));
        }
      } else if (m.isAnnotationPresent(Server.Realtime.class)) {
        if (unique(m, wireNames, "@Server.Realtime")) {
          checkSignature(m, false);
          if (m.getReturnType() != void.class) {
            warnings.add(
                "@Server.Realtime method "
                    + name
                    + " returns "
                    + m.getGenericReturnType().getTypeName()
                    + ", but realtime calls have no result:"
                    + " the value is lost. Make it void, or use @Server.Rpc to answer the caller.");
          }
          realtimes.add(new RealtimeMethod(name, m));
        }
      } else if (m.isAnnotationPresent(Client.Callback.class)) {
        if (!isCallbackShape(m)) {
          problems.add(
              "@Client.Callback method "
                  + name
                  + " must return void and take no"
                  + " parameter or one dev.violetear.browser.Event; it is declared as '"
                  + m.toGenericString()
                  + "'.");
          return;
        }
        clients.add(new ClientMethod(name, m, ClientMethod.Kind.CALLBACK));
      } else if (m.isAnnotationPresent(Client.Realtime.class)) {
        if (m.getReturnType() != void.class) {
          problems.add(
              "@Client.Realtime method "
                  + name
                  + " must return void: the server calls"
                  + " it without waiting for a result.");
          return;
        }
        if (m.getParameterCount() > MAX_CLIENT_CALL_ARGS) {
          problems.add(
              "@Client.Realtime method "
                  + name
                  + " takes "
                  + m.getParameterCount()
                  + " parameters, but the server calls it with a typed method reference, which"
                  + " takes at most "
                  + MAX_CLIENT_CALL_ARGS
                  + " (ClientCall.Of0 to Of4): group the values in a record.");
          return;
        }
        if (unique(m, wireNames, "@Client.Realtime")) {
          checkSignature(m, false);
          clients.add(new ClientMethod(name, m, ClientMethod.Kind.REALTIME));
        }
      } else if (m.isAnnotationPresent(Client.class)) {
        clients.add(new ClientMethod(name, m, ClientMethod.Kind.PLAIN));
      } else {
        events(m, name);
      }
    }

    @SuppressWarnings("deprecation")
    private void events(Method m, String name) {
      for (Server.On on : m.getAnnotationsByType(Server.On.class)) {
        serverEvent(m, name, on.value(), "@Server.On(\"" + on.value() + "\")");
      }
      if (m.isAnnotationPresent(Server.Connect.class)) {
        deprecated("@Server.Connect", "@Server.On(\"connect\")", name);
        serverEvent(m, name, "connect", "@Server.Connect");
      }
      for (Client.On on : m.getAnnotationsByType(Client.On.class)) {
        clientEvent(m, name, on.value(), "@Client.On(\"" + on.value() + "\")");
      }
      if (m.isAnnotationPresent(Client.Startup.class)) {
        deprecated("@Client.Startup", "@Client.On(\"ready\")", name);
        clientEvent(m, name, "ready", "@Client.Startup");
      }
    }

    private void serverEvent(Method m, String name, String event, String annotation) {
      if (!validEventName(event, annotation, name)) {
        return;
      }
      if (EventHandler.CLIENT_LIFECYCLE.contains(event)
          && !EventHandler.SERVER_LIFECYCLE.contains(event)) {
        problems.add(
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
      boolean lifecycle = EventHandler.SERVER_LIFECYCLE.contains(event);
      if (event.equals("start") || event.equals("stop")) {
        if (p.length > 0) {
          problems.add(
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
        if (p.length > 1 || p.length == 1 && ids != 1) {
          problems.add(
              annotation
                  + " method "
                  + name
                  + " may take only a ClientId (the client"
                  + " that "
                  + (event.equals("connect") ? "connected" : "disconnected")
                  + ").");
          return;
        }
      } else if (ids > 1 || p.length - ids > 1) {
        problems.add(
            annotation
                + " method "
                + name
                + " may take at most one ClientId (the"
                + " sender) and one data parameter.");
        return;
      }
      if (!lifecycle && h.dataType() != null) {
        WireTypes.check(h.dataType(), name + " data parameter", problems);
      }
      serverEvents.add(h);
    }

    private void clientEvent(Method m, String name, String event, String annotation) {
      if (!validEventName(event, annotation, name)) {
        return;
      }
      if (event.equals("start") || event.equals("stop")) {
        problems.add(
            annotation
                + " on "
                + name
                + ": '"
                + event
                + "' is the server app's"
                + " lifecycle; use @Server.On(\""
                + event
                + "\") on a server method.");
        return;
      }
      if (m.getReturnType() != void.class) {
        problems.add(annotation + " method " + name + " must return void.");
        return;
      }
      Class<?>[] p = m.getParameterTypes();
      if (EventHandler.CLIENT_LIFECYCLE.contains(event) && p.length > 0) {
        problems.add(
            annotation
                + " method "
                + name
                + " must take no parameters: '"
                + event
                + "' carries no data.");
        return;
      }
      if (p.length > 1 || p.length == 1 && p[0] == ClientId.class) {
        problems.add(
            annotation
                + " method "
                + name
                + " may take one data parameter at most;"
                + " the browser knows no ClientId of the sender.");
        return;
      }
      EventHandler h = new EventHandler(event, m);
      if (h.dataType() != null) {
        WireTypes.check(h.dataType(), name + " data parameter", problems);
      }
      clientEvents.add(h);
    }

    private boolean validEventName(String event, String annotation, String name) {
      if (!EventHandler.NAME.matcher(event).matches()) {
        problems.add(
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

    private void deprecated(String alias, String replacement, String name) {
      if (deprecations.add(alias)) {
        warnings.add(
            alias + " (on " + name + ") is deprecated: write " + replacement + " instead.");
      }
    }

    /** Every custom event's handlers must agree on the data type, on both sides. */
    void checkEventTypes() {
      Map<String, EventHandler> first = new LinkedHashMap<>();
      for (List<EventHandler> side : List.of(serverEvents, clientEvents)) {
        for (EventHandler h : side) {
          Type t = h.dataType();
          if (t == null || EventHandler.isLifecycle(h.event())) {
            continue;
          }
          EventHandler seen = first.putIfAbsent(h.event(), h);
          if (seen != null && !seen.dataType().equals(t)) {
            problems.add(
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

    private boolean unique(Method m, Map<String, Method> wireNames, String annotation) {
      Method previous = wireNames.put(m.getName(), m);
      if (previous != null) {
        problems.add(
            annotation
                + " method "
                + Names.of(m)
                + " is overloaded or shares its name"
                + " with another remote method; remote functions are called by name, so give each"
                + " its own name.");
        return false;
      }
      return true;
    }

    private void checkSignature(Method m, boolean withResult) {
      String name = Names.of(m);
      Parameter[] params = m.getParameters();
      for (int i = 0; i < params.length; i++) {
        String label =
            params[i].isNamePresent()
                ? "'" + params[i].getName() + "'"
                : (i + 1) + " (compile with -parameters to see its name)";
        WireTypes.check(params[i].getParameterizedType(), name + " parameter " + label, problems);
      }
      if (withResult && m.getReturnType() != void.class) {
        WireTypes.check(m.getGenericReturnType(), name + " return type", problems);
      }
    }

    private static boolean onlyEvents(List<String> present) {
      return present.stream()
          .allMatch(p -> p.contains(".On") || p.endsWith("Connect") || p.endsWith("Startup"));
    }

    private static String label(Class<? extends Annotation> kind) {
      String outer =
          kind.getEnclosingClass() == null ? "" : kind.getEnclosingClass().getSimpleName();
      if (outer.equals("On")) {
        return "@" + kind.getEnclosingClass().getEnclosingClass().getSimpleName() + ".On";
      }
      return "@" + (outer.isEmpty() ? "" : outer + ".") + kind.getSimpleName();
    }
  }
}
