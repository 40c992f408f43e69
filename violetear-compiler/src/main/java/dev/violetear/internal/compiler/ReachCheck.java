// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.Names;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Walks the code that client methods reach, before TeaVM runs, and reports every server-only class
 * it touches with the path that leads there. TeaVM would otherwise fail deep inside JDK code (or
 * quietly compile a server library into the bundle) without naming the client method at fault.
 *
 * <p>The walk is a rapid type analysis over class files: static and special calls are followed
 * directly; virtual calls are followed into the declaring class and into every class the walk has
 * seen instantiated. Bodies of {@code @Server.Rpc} methods are not walked, because the client view
 * replaces them with stubs. Static initialisers are walked step by step (see {@link
 * StaticInitialisers}): all of a class's steps when it is initialised, but of a class with server
 * methods only the steps of the fields client code uses, which are all the browser runs of it.
 */
final class ReachCheck {
  // The member name of a step of a static initialiser, followed by its index.
  private static final String STEP = "<clinit>#";
  private static final String INITIALISER = " (initialiser)";

  private final ClassLoader loader;
  private static final List<String> GLUE_CLASSES =
      List.of(
          "dev/violetear/internal/client/ClientRuntime",
          "dev/violetear/internal/client/Rpc",
          "dev/violetear/internal/client/Codecs",
          "dev/violetear/internal/client/EventCodecs",
          "dev/violetear/internal/client/Json",
          "dev/violetear/internal/client/StateBinder",
          "dev/violetear/internal/StateHooks",
          "dev/violetear/browser/Event");
  private final Set<String> stubbed = new HashSet<>();
  // Registered classes with server methods: the browser runs only some steps of their initialisers.
  private final Set<String> mixed = new HashSet<>();
  private final Map<String, StaticInitialisers.Plan> plans = new HashMap<>();
  private final Map<String, Set<String>> browserFields = new HashMap<>();
  private final Map<String, ClassInfo> classes = new HashMap<>();
  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, String> rootOf = new HashMap<>();
  private final Deque<String> queue = new ArrayDeque<>();
  private final Set<String> virtualCalls = new HashSet<>();
  private final Set<String> instantiated = new HashSet<>();
  private final Map<String, String> violations = new LinkedHashMap<>();
  private final Map<String, Ref> violatingRef = new HashMap<>();
  private final Set<String> visitedClasses = new LinkedHashSet<>();

  private ReachCheck(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * The result of a walk.
   *
   * @param visitedClasses every class whose bytes the walk read
   * @param problems what it found, one message each
   * @param browserFields per class with server methods, the static fields whose initialisers run in
   *     the browser, because client code uses them
   */
  record Result(
      Set<String> visitedClasses, List<String> problems, Map<String, Set<String>> browserFields) {}

  static Result run(AppModel model, ClassLoader loader) {
    ReachCheck check = new ReachCheck(loader);
    for (java.lang.reflect.Method m : ClientView.serverMethods(model)) {
      check.stubbed.add(Type.getInternalName(m.getDeclaringClass()) + "." + ClientView.key(m));
    }
    for (Class<?> c : model.classes()) {
      if (ClientView.hasServerSide(model, c)) {
        check.mixed.add(Type.getInternalName(c));
      }
    }
    for (Class<?> c : model.classes()) {
      check.visitedClasses.add(Type.getInternalName(c));
    }
    List<java.lang.reflect.Method> roots = new ArrayList<>();
    model.clients().forEach(m -> roots.add(m.method()));
    model.clientEvents().forEach(h -> roots.add(h.method()));
    for (java.lang.reflect.Method m : roots) {
      String id = Type.getInternalName(m.getDeclaringClass()) + "." + ClientView.key(m);
      check.rootOf.putIfAbsent(id, Names.of(m));
      check.reach(id, null);
      // Calling it initialises its class, as any static call does.
      check.initialise(Type.getInternalName(m.getDeclaringClass()), id);
    }
    // The glue reads every state field, so the browser initialises them (and what they read).
    for (java.lang.reflect.Field state : model.stateFields()) {
      Class<?> c = state.getDeclaringClass();
      String root = Type.getInternalName(c) + ".<clinit>";
      check.rootOf.putIfAbsent(root, c.getSimpleName() + "." + state.getName());
      check.initialiseField(Type.getInternalName(c), state.getName(), root);
    }
    // The generated glue calls the framework's client classes: what they reach is in the bundle
    // too, so its classes count among the ones a prebuilt bundle was built from.
    for (String glue : GLUE_CLASSES) {
      ClassInfo info = check.info(glue);
      for (String member : info == null ? Set.<String>of() : info.methods.keySet()) {
        check.rootOf.putIfAbsent(glue + "." + member, "the generated glue");
        check.reach(glue + "." + member, null);
      }
    }
    check.drain();
    List<String> problems = new ArrayList<>(check.violations.values());
    return new Result(check.visitedClasses, problems, check.browserFields);
  }

  private void drain() {
    while (!queue.isEmpty()) {
      String id = queue.poll();
      int dot = id.indexOf('.');
      String owner = id.substring(0, dot);
      ClassInfo info = info(owner);
      if (info == null) {
        continue;
      }
      String member = id.substring(dot + 1);
      MethodInfo m = member.startsWith(STEP) ? stepInfo(owner, member) : info.methods.get(member);
      if (m == null) {
        continue;
      }
      for (Ref ref : m.refs) {
        follow(id, ref);
      }
    }
  }

  private void follow(String from, Ref ref) {
    if (ServerOnly.isForbidden(ref.owner)) {
      // One problem per offending method; a call names the culprit better than a type use
      // (a varargs call first allocates its array, for example).
      Ref seen = violatingRef.get(from);
      boolean isCall = ref.kind == Ref.Kind.DIRECT || ref.kind == Ref.Kind.VIRTUAL;
      if (seen == null
          || (isCall && seen.kind != Ref.Kind.DIRECT && seen.kind != Ref.Kind.VIRTUAL)) {
        violatingRef.put(from, ref);
        violations.put(from, message(from, ref));
      }
      return;
    }
    if (ref.kind == Ref.Kind.CALLBACK) {
      checkCallback(from, ref);
      return;
    }
    if (ServerOnly.isPlatform(ref.owner) || ref.kind == Ref.Kind.TYPE) {
      return;
    }
    switch (ref.kind) {
      case NEW -> instantiate(ref.owner, from);
      case STATIC_FIELD -> initialiseField(ref.owner, ref.member, from);
      case DIRECT -> {
        initialise(ref.owner, from);
        reachInHierarchy(ref.owner, ref.member, from);
      }
      case VIRTUAL -> {
        reachInHierarchy(ref.owner, ref.member, from);
        if (virtualCalls.add(ref.member)) {
          for (String c : instantiated) {
            reachIfDeclared(c, ref.member, from);
          }
        }
      }
      default -> {}
    }
  }

  // Markup built in the browser binds the callback object itself, so the rule the server checks
  // when it renders (a method reference to a @Client.Callback method) is checked here.
  private void checkCallback(String from, Ref ref) {
    ClassInfo owner = info(ref.owner);
    MethodInfo target = owner == null ? null : owner.methods.get(ref.member);
    boolean isLambda = ref.member.startsWith("lambda$");
    if (!isLambda && target != null && target.isCallback()) {
      return;
    }
    String named =
        isLambda
            ? "a lambda"
            : ref.owner.substring(ref.owner.lastIndexOf('/') + 1).replace('$', '.')
                + "."
                + memberName(ref.member)
                + ", which is not a @Client.Callback method";
    violations.put(
        from + " callback " + ref.member,
        "Client code "
            + display(from)
            + " binds a DOM event with .on(...) to "
            + named
            + ": bind a method reference to a static @Client.Callback method, for example"
            + " .on(\"click\", Counter::plus), as on the server.");
  }

  private void instantiate(String owner, String from) {
    initialise(owner, from);
    if (instantiated.add(owner)) {
      for (String member : virtualCalls) {
        reachIfDeclared(owner, member, from);
      }
    }
  }

  // The JVM initialises the class: all of its initialiser runs, unless the browser runs parts.
  private void initialise(String owner, String from) {
    StaticInitialisers.Plan plan = mixed.contains(owner) ? null : plan(owner);
    for (int i = 0; plan != null && i < plan.steps().size(); i++) {
      reach(owner + "." + STEP + i, from);
    }
  }

  // Code uses a static field: of a class with server methods, the browser runs its step alone.
  private void initialiseField(String owner, String field, String from) {
    if (!mixed.contains(owner)) {
      initialise(owner, from);
      return;
    }
    StaticInitialisers.Plan plan = plan(owner);
    StaticInitialisers.Step step = plan == null ? null : plan.stepSetting(field);
    if (step != null) {
      browserFields.computeIfAbsent(owner, o -> new LinkedHashSet<>()).addAll(step.fields());
      reach(owner + "." + STEP + plan.steps().indexOf(step), from);
    }
  }

  private StaticInitialisers.Plan plan(String owner) {
    if (!plans.containsKey(owner)) {
      byte[] bytes =
          ServerOnly.isPlatform(owner)
              ? null
              : ClassBytes.readOrNull(loader, owner.replace('/', '.'));
      plans.put(owner, bytes == null ? null : StaticInitialisers.plan(bytes));
    }
    return plans.get(owner);
  }

  // What one step of an initialiser refers to, as a method's body would.
  private MethodInfo stepInfo(String owner, String member) {
    StaticInitialisers.Plan plan = plan(owner);
    if (plan == null) {
      return null;
    }
    List<Ref> refs = new ArrayList<>();
    RefCollector collector = new RefCollector(refs);
    plan.instructions(plan.steps().get(step(member))).forEach(insn -> insn.accept(collector));
    return new MethodInfo(refs);
  }

  private static int step(String member) {
    return Integer.parseInt(member.substring(STEP.length()));
  }

  private void reachInHierarchy(String owner, String member, String from) {
    for (String c = owner; c != null && !ServerOnly.isPlatform(c); ) {
      ClassInfo info = info(c);
      if (info == null) {
        return;
      }
      if (info.methods.containsKey(member)) {
        reach(c + "." + member, from);
        return;
      }
      for (String i : info.interfaces) {
        reachIfDeclared(i, member, from);
      }
      c = info.superName;
    }
  }

  private void reachIfDeclared(String owner, String member, String from) {
    ClassInfo info = ServerOnly.isPlatform(owner) ? null : info(owner);
    if (info != null && info.methods.containsKey(member)) {
      reach(owner + "." + member, from);
    }
  }

  private void reach(String id, String from) {
    if (stubbed.contains(id) || parent.containsKey(id) || rootOf.containsKey(id) && from != null) {
      return;
    }
    parent.put(id, from);
    queue.add(id);
  }

  private String message(String from, Ref ref) {
    List<String> path = new ArrayList<>();
    String root = null;
    // The field whose initialiser is on the path nearest the culprit.
    String field = null;
    for (String id = from; id != null; id = parent.get(id)) {
      path.add(0, display(id));
      root = rootOf.getOrDefault(id, root);
      if (field == null && isStep(id)) {
        field = display(id).replace(INITIALISER, "");
      }
    }
    path.add(
        ref.owner.replace('/', '.') + (ref.member == null ? "" : "." + memberName(ref.member)));
    return "Client method "
        + root
        + " reaches server-only class '"
        + ref.owner.replace('/', '.')
        + "' ("
        + String.join(" -> ", path)
        + (field == null
            ? "). Browser code cannot use it: move that work into a @Server.Rpc method and call it"
                + " from the client."
            : "). The initialiser of static field "
                + field
                + " runs in the browser because client code uses that field: give it a value"
                + " browser code can compute, or keep it on the server and read it through a"
                + " @Server.Rpc method.");
  }

  private static boolean isStep(String id) {
    return id.substring(id.indexOf('.') + 1).startsWith(STEP);
  }

  private String display(String id) {
    int dot = id.indexOf('.');
    String owner = id.substring(0, dot);
    String simple = owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.');
    if (isStep(id)) {
      StaticInitialisers.Step step = plan(owner).steps().get(step(id.substring(dot + 1)));
      return simple + (step.field() == null ? ".<clinit>" : "." + step.field() + INITIALISER);
    }
    return simple + "." + memberName(id.substring(dot + 1));
  }

  private static String memberName(String member) {
    int paren = member.indexOf('(');
    return paren < 0 ? member : member.substring(0, paren);
  }

  private ClassInfo info(String owner) {
    if (classes.containsKey(owner)) {
      return classes.get(owner);
    }
    byte[] bytes = ClassBytes.readOrNull(loader, owner.replace('/', '.'));
    ClassInfo info = bytes == null ? null : ClassInfo.parse(bytes);
    classes.put(owner, info);
    if (info != null) {
      visitedClasses.add(owner);
    }
    return info;
  }

  /** One reference from code: a call, a field access, an instantiation or a type use. */
  record Ref(Kind kind, String owner, String member) {
    enum Kind {
      DIRECT,
      VIRTUAL,
      NEW,
      STATIC_FIELD,
      TYPE,
      /** A markup callback made from a method reference or lambda: owner and member name it. */
      CALLBACK,
      /** Marks the method itself as a {@code @Client.Callback}. */
      CALLBACK_METHOD
    }
  }

  record MethodInfo(List<Ref> refs) {
    boolean isCallback() {
      return refs.stream().anyMatch(r -> r.kind == Ref.Kind.CALLBACK_METHOD);
    }
  }

  record ClassInfo(String superName, List<String> interfaces, Map<String, MethodInfo> methods) {
    static ClassInfo parse(byte[] bytes) {
      ClassReader reader = new ClassReader(bytes);
      Map<String, MethodInfo> methods = new HashMap<>();
      List<String> interfaces = List.of(reader.getInterfaces());
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(
                int access, String name, String desc, String signature, String[] exceptions) {
              List<Ref> refs = new ArrayList<>();
              methods.put(name + desc, new MethodInfo(refs));
              return new RefCollector(refs);
            }
          },
          ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return new ClassInfo(reader.getSuperName(), interfaces, methods);
    }
  }
}
