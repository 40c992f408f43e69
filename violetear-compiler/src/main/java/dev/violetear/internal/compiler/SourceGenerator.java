// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.ClientMethod;
import dev.violetear.internal.model.EventHandler;
import dev.violetear.internal.model.RealtimeMethod;
import dev.violetear.internal.model.RpcMethod;
import dev.violetear.internal.model.ServerOnlyComponents;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Java glue that TeaVM compiles with the app: one stub class per registered class (RPC
 * stubs and the registration of its client methods), one codec class per record that crosses the
 * wire, and the bundle's entry point. Generating typed Java keeps reflection out of the browser and
 * lets javac check the glue.
 */
final class SourceGenerator {
  static final String MAIN_CLASS = "dev.violetear.generated.ClientMain";
  static final String RT = "dev.violetear.internal.client.";

  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Set<Class<?>> records = new LinkedHashSet<>();
  private final Deque<Class<?>> pendingRecords = new ArrayDeque<>();

  /** Returns generated sources keyed by binary class name. */
  static Map<String, String> generate(AppModel model) {
    SourceGenerator g = new SourceGenerator();
    StringBuilder main = new StringBuilder();
    main.append("package dev.violetear.generated;\n\n")
        .append("public final class ClientMain {\n")
        .append("  private ClientMain() {}\n\n")
        .append("  public static void main(String[] args) {\n");
    Map<String, Type> eventTypes = model.eventTypes();
    for (Class<?> c : model.classes()) {
      g.stubClass(c, model, eventTypes);
      main.append("    ").append(stubName(c)).append(".register();\n");
    }
    if (!model.stateFields().isEmpty()) {
      main.append("    ").append(RT).append("StateBinder.install();\n");
    }
    main.append("    ").append(RT).append("ClientRuntime.bundleLoaded();\n  }\n}\n");
    g.sources.put(MAIN_CLASS, main.toString());
    while (!g.pendingRecords.isEmpty()) {
      g.recordCodec(g.pendingRecords.poll());
    }
    return g.sources;
  }

  /**
   * Binary name of the stub class generated for {@code c}, beside it in its package ({@link
   * ClientView} calls it by the same name).
   */
  static String stubName(Class<?> c) {
    return c.getName() + "$$Violetear";
  }

  static String codecName(Class<?> record) {
    return record.getName() + "$$Codec";
  }

  private static Class<?> owner(Method m) {
    return m.getDeclaringClass();
  }

  private void stubClass(Class<?> c, AppModel model, Map<String, Type> eventTypes) {
    CodecFields fields = new CodecFields(this);
    StringBuilder body = new StringBuilder();
    for (RpcMethod rpc : model.rpcs()) {
      if (owner(rpc.method()) == c) {
        remoteStub(body, fields, rpc.name(), rpc.method(), false);
      }
    }
    for (RealtimeMethod rt : model.realtimes()) {
      if (owner(rt.method()) == c) {
        remoteStub(body, fields, rt.name(), rt.method(), true);
      }
    }
    body.append("  public static void register() {\n");
    String owner = c.getCanonicalName();
    StateGlue.register(body, fields, model, c);
    for (ClientMethod cm : model.clients()) {
      if (owner(cm.method()) != c) {
        continue;
      }
      String call = owner + "." + cm.method().getName();
      if (cm.kind() == ClientMethod.Kind.CALLBACK) {
        body.append("    ")
            .append(RT)
            .append("ClientRuntime.callback(\"")
            .append(cm.name())
            .append("\", e -> ")
            .append(call)
            .append(cm.takesEvent() ? "(e)" : "()")
            .append(");\n");
      } else if (cm.kind() == ClientMethod.Kind.REALTIME) {
        Type[] params = cm.method().getGenericParameterTypes();
        body.append("    ")
            .append(RT)
            .append("ClientRuntime.realtime(\"")
            .append(cm.name())
            .append("\", args -> ")
            .append(call)
            .append('(');
        for (int i = 0; i < params.length; i++) {
          body.append(i == 0 ? "" : ", ")
              .append(fields.codec(params[i]))
              .append(".decode(")
              .append(RT)
              .append("Json.at(args, ")
              .append(i)
              .append("))");
        }
        body.append("));\n");
      }
    }
    Set<String> declared = new LinkedHashSet<>();
    for (List<EventHandler> side : List.of(model.serverEvents(), model.clientEvents())) {
      for (EventHandler h : side) {
        Type t = eventTypes.get(h.event());
        if (owner(h.method()) == c && t != null && declared.add(h.event())) {
          body.append("    ")
              .append(RT)
              .append("ClientRuntime.eventCodec(\"")
              .append(h.event())
              .append("\", ")
              .append(fields.codec(t))
              .append(");\n");
        }
      }
    }
    // The runtime subscribes a class's event handlers when the class is active on the page: at
    // once when the page lists it, or when a loaded fragment needs it.
    StringBuilder subscriptions = new StringBuilder();
    for (EventHandler h : model.clientEvents()) {
      if (owner(h.method()) == c) {
        String call = owner + "." + h.method().getName();
        subscriptions
            .append("      ")
            .append(RT)
            .append("ClientRuntime.on(\"")
            .append(h.event())
            .append("\", \"")
            .append(h.method().getName())
            .append("\", data -> ")
            .append(call)
            .append(
                h.dataType() == null ? "()" : "(" + fields.codec(h.dataType()) + ".decode(data))")
            .append(");\n");
      }
    }
    if (subscriptions.length() > 0) {
      body.append("    ")
          .append(RT)
          .append("ClientRuntime.whenActive(\"")
          .append(c.getSimpleName())
          .append("\", () -> {\n")
          .append(subscriptions)
          .append("    });\n");
    }
    body.append("  }\n");
    sources.put(stubName(c), classSource(c, simpleBinaryName(stubName(c)), fields, body));
  }

  /** A stub with the method's signature: an RPC waits for the result, a realtime call does not. */
  private void remoteStub(
      StringBuilder body, CodecFields fields, String name, Method m, boolean realtime) {
    Type[] params = m.getGenericParameterTypes();
    body.append("  public static ")
        .append(source(m.getGenericReturnType()))
        .append(' ')
        .append(m.getName())
        .append('(');
    for (int i = 0; i < params.length; i++) {
      body.append(i == 0 ? "" : ", ").append(source(params[i])).append(" a").append(i);
    }
    body.append(") {\n    ");
    StringBuilder args = new StringBuilder("new org.teavm.jso.JSObject[] {");
    for (int i = 0; i < params.length; i++) {
      args.append(i == 0 ? "" : ", ")
          .append(fields.codec(params[i]))
          .append(".encode(a")
          .append(i)
          .append(')');
    }
    args.append('}');
    Class<?> result = m.getReturnType();
    if (realtime) {
      body.append(RT)
          .append("ClientRuntime.call(\"")
          .append(name)
          .append("\", ")
          .append(args)
          .append(");\n");
      if (result != void.class) {
        body.append("    ")
            .append(RT)
            .append("ClientRuntime.warnNoResult(\"")
            .append(name)
            .append("\");\n    return ")
            .append(defaultValue(result))
            .append(";\n");
      }
      body.append("  }\n\n");
      return;
    }
    String call = RT + "Rpc.call(\"" + name + "\", " + args + ")";
    if (result == void.class) {
      body.append(call).append(";\n  }\n\n");
    } else {
      body.append("return ")
          .append(fields.codec(m.getGenericReturnType()))
          .append(".decode(")
          .append(call)
          .append(");\n  }\n\n");
    }
  }

  private static String defaultValue(Class<?> c) {
    if (!c.isPrimitive()) {
      return "null";
    }
    return c == boolean.class ? "false" : c == char.class ? "'\\0'" : "(" + c.getName() + ") 0";
  }

  /** What a page's copy of a record holds in place of a server-only component of type {@code c}. */
  private static String serverOnlyDefault(Class<?> c) {
    return c == java.util.Optional.class ? "java.util.Optional.empty()" : defaultValue(c);
  }

  private void recordCodec(Class<?> r) {
    CodecFields fields = new CodecFields(this);
    String type = r.getCanonicalName();
    StringBuilder enc = new StringBuilder();
    StringBuilder dec = new StringBuilder();
    RecordComponent[] components = r.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      if (ServerOnlyComponents.isServerOnly(rc)) {
        // Never on the wire: the page's copy holds the default, and never sends the component.
        dec.append(i == 0 ? "\n        " : ",\n        ").append(serverOnlyDefault(rc.getType()));
        continue;
      }
      String codec = fields.codec(rc.getGenericType());
      enc.append("    ")
          .append(RT)
          .append("Json.set(o, \"")
          .append(rc.getName())
          .append("\", ")
          .append(codec)
          .append(".encode(v.")
          .append(rc.getName())
          .append("()));\n");
      dec.append(i == 0 ? "\n        " : ",\n        ")
          .append(codec)
          .append(".decode(")
          .append(RT)
          .append("Json.get(j, \"")
          .append(rc.getName())
          .append("\"))");
    }
    StringBuilder body = new StringBuilder();
    body.append("  public static org.teavm.jso.JSObject encode(")
        .append(type)
        .append(" v) {\n")
        .append("    org.teavm.jso.JSObject o = ")
        .append(RT)
        .append("Json.object();\n")
        .append(enc)
        .append("    return o;\n  }\n\n")
        .append("  public static ")
        .append(type)
        .append(" decode(org.teavm.jso.JSObject j) {\n")
        .append("    ")
        .append(RT)
        .append("Json.expectObject(j, \"")
        .append(r.getSimpleName())
        .append("\");\n    return new ")
        .append(type)
        .append('(')
        .append(dec)
        .append(");\n  }\n");
    sources.put(codecName(r), classSource(r, simpleBinaryName(codecName(r)), fields, body));
  }

  private static String classSource(
      Class<?> near, String simpleName, CodecFields f, CharSequence body) {
    StringBuilder s = new StringBuilder();
    String pkg = near.getPackageName();
    if (!pkg.isEmpty()) {
      s.append("package ").append(pkg).append(";\n\n");
    }
    s.append("@SuppressWarnings(\"all\")\npublic final class ")
        .append(simpleName)
        .append(" {\n")
        .append("  private ")
        .append(simpleName)
        .append("() {}\n\n")
        .append(f.declarations())
        .append(f.declarations().length() > 0 ? "\n" : "")
        .append(body)
        .append("}\n");
    return s.toString();
  }

  private static String simpleBinaryName(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('.') + 1);
  }

  String codecExpression(Type t) {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] a = p.getActualTypeArguments();
      String factory =
          raw == List.class
              ? "list"
              : raw == Set.class ? "set" : raw == Map.class ? "map" : "optional";
      return RT + "Codecs." + factory + "(" + codecExpression(a[a.length - 1]) + ")";
    }
    Class<?> c = (Class<?>) t;
    if (c.isArray()) {
      Class<?> item = c.getComponentType();
      if (item.isPrimitive()) {
        return RT + "Codecs." + item.getName() + "Array()";
      }
      return RT
          + "Codecs.array("
          + codecExpression(item)
          + ", "
          + item.getCanonicalName()
          + "[]::new)";
    }
    if (c.isEnum()) {
      return RT + "Codecs.enumeration(" + c.getCanonicalName() + "::values)";
    }
    if (c.isRecord()) {
      if (records.add(c)) {
        pendingRecords.add(c);
      }
      String codec = codecName(c);
      return RT + "Codecs.of(" + codec + "::encode, " + codec + "::decode)";
    }
    return RT + "Codecs." + scalarFactory(c) + "()";
  }

  private static String scalarFactory(Class<?> c) {
    String n = c.isPrimitive() ? c.getName() : c.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    switch (n) {
      case "integer":
        return "intCodec";
      case "character":
        return "charCodec";
      default:
        return n + "Codec";
    }
  }

  /** Java source for a type, with nested classes in canonical form. */
  static String source(Type t) {
    if (t instanceof ParameterizedType p) {
      StringBuilder s = new StringBuilder(source(p.getRawType())).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        s.append(i == 0 ? "" : ", ").append(source(args[i]));
      }
      return s.append('>').toString();
    }
    return ((Class<?>) t).getCanonicalName();
  }

  static String boxedSource(Type t) {
    if (t instanceof Class<?> c && c.isPrimitive()) {
      return c == int.class
          ? "Integer"
          : c == char.class
              ? "Character"
              : Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
    }
    return source(t);
  }
}
