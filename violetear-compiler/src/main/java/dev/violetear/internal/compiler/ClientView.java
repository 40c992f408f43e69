// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.internal.model.AppModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * The classes as the browser sees them. Registered classes are rewritten: each {@code @Server.Rpc}
 * and {@code @Server.Realtime} body becomes a call to its generated stub, and the static
 * initialiser of a class with server methods keeps only the steps that set the fields client code
 * uses (see {@link StaticInitialisers}): the rest holds server state (connections, stores) that
 * must not reach the browser. TeaVM reads classes through {@link #loader()}, which serves the
 * rewritten and generated classes from a directory and everything else from the app's class loader.
 */
final class ClientView {
  private final Path dir;
  private final ClassLoader loader;

  private ClientView(Path dir, ClassLoader appLoader) {
    this.dir = dir;
    this.loader = new Overlay(dir, appLoader);
  }

  /** Writes the rewritten registered classes into {@code dir}, beside the compiled glue. */
  static ClientView create(
      AppModel model, ClassLoader appLoader, Path dir, Map<String, Set<String>> browserFields) {
    ClientView view = new ClientView(dir, appLoader);
    for (Class<?> c : model.classes()) {
      Set<String> stubbed = new HashSet<>();
      for (Method m : serverMethods(model)) {
        if (m.getDeclaringClass() == c) {
          stubbed.add(key(m));
        }
      }
      Set<String> fields =
          hasServerSide(model, c)
              ? browserFields.getOrDefault(Type.getInternalName(c), Set.of())
              : null;
      view.write(c, rewrite(ClassBytes.read(appLoader, c.getName()), stubbed, fields, appLoader));
    }
    return view;
  }

  ClassLoader loader() {
    return loader;
  }

  private void write(Class<?> c, byte[] bytes) {
    Path file = dir.resolve(c.getName().replace('.', '/') + ".class");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The methods whose bodies run on the server: in the browser they are stubs. */
  static List<Method> serverMethods(AppModel model) {
    List<Method> all = new ArrayList<>();
    model.rpcs().forEach(r -> all.add(r.method()));
    model.realtimes().forEach(r -> all.add(r.method()));
    return all;
  }

  static String key(Method m) {
    return m.getName() + Type.getMethodDescriptor(m);
  }

  /** Whether the class has server methods, and so static state the browser must not run. */
  static boolean hasServerSide(AppModel model, Class<?> c) {
    return serverMethods(model).stream().anyMatch(m -> m.getDeclaringClass() == c)
        || model.serverEvents().stream().anyMatch(h -> h.method().getDeclaringClass() == c);
  }

  /**
   * The class as the browser sees it: the methods in {@code rpcs} become stub calls, and when
   * {@code browserFields} is not null (a class with server methods) its static initialiser keeps
   * only the steps that set those fields.
   */
  static byte[] rewrite(
      byte[] original, Set<String> rpcs, Set<String> browserFields, ClassLoader loader) {
    ClassReader reader = new ClassReader(original);
    String stub = reader.getClassName() + "$$Violetear";
    StaticInitialisers.Plan plan = browserFields == null ? null : StaticInitialisers.plan(original);
    MethodNode kept = plan == null ? null : plan.keeping(browserFields);
    // A cut initialiser has no frames left: they are computed again, for that method alone.
    ClassWriter writer =
        kept == null
            ? new ClassWriter(reader, ClassWriter.COMPUTE_MAXS)
            : new Frames(reader, loader);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            if (plan != null && name.equals("<clinit>")) {
              return null;
            }
            MethodVisitor target = super.visitMethod(access, name, desc, signature, exceptions);
            return rpcs.contains(name + desc) ? new StubBody(target, stub, name, desc) : target;
          }

          @Override
          public void visitEnd() {
            if (kept != null) {
              kept.accept(cv);
            }
            super.visitEnd();
          }
        },
        0);
    return writer.toByteArray();
  }

  /**
   * Computes frames with the app's classes: the common superclass of two of them is looked up
   * through the loader that has them, and is {@code Object} when it cannot be (TeaVM, which reads
   * the class, does its own analysis and needs no precise frame).
   */
  private static final class Frames extends ClassWriter {
    private final ClassLoader loader;

    Frames(ClassReader reader, ClassLoader loader) {
      super(reader, ClassWriter.COMPUTE_FRAMES);
      this.loader = loader;
    }

    @Override
    protected ClassLoader getClassLoader() {
      return loader;
    }

    @Override
    protected String getCommonSuperClass(String a, String b) {
      try {
        return super.getCommonSuperClass(a, b);
      } catch (RuntimeException | LinkageError e) {
        return "java/lang/Object";
      }
    }
  }

  /** Keeps the method's annotations, drops its code and emits a call to the generated stub. */
  private static final class StubBody extends MethodVisitor {
    private final MethodVisitor target;
    private final String stub;
    private final String name;
    private final String desc;

    StubBody(MethodVisitor target, String stub, String name, String desc) {
      super(Opcodes.ASM9);
      this.target = target;
      this.stub = stub;
      this.name = name;
      this.desc = desc;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return target.visitAnnotation(descriptor, visible);
    }

    @Override
    public void visitEnd() {
      target.visitCode();
      int slot = 0;
      for (Type t : Type.getArgumentTypes(desc)) {
        target.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
        slot += t.getSize();
      }
      target.visitMethodInsn(Opcodes.INVOKESTATIC, stub, name, desc, false);
      target.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
      target.visitMaxs(0, 0);
      target.visitEnd();
    }
  }

  /** Serves classes from the overlay directory first; TeaVM asks through getResources. */
  private static final class Overlay extends ClassLoader {
    // The server's markup resolver: hidden, so that markup in the browser finds none and binds
    // callback and state objects instead of checking names (TeaVM reads service files too).
    private static final String HIDDEN =
        "META-INF/services/dev.violetear.internal.MarkupHooks$Resolver";
    private final Path dir;

    Overlay(Path dir, ClassLoader parent) {
      super(parent);
      this.dir = dir;
    }

    @Override
    public URL getResource(String name) {
      if (name.equals(HIDDEN)) {
        return null;
      }
      URL own = own(name);
      return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals(HIDDEN)) {
        return Collections.emptyEnumeration();
      }
      URL own = own(name);
      return own != null ? Collections.enumeration(List.of(own)) : super.getResources(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      URL url = getResource(name);
      try {
        return url == null ? null : url.openStream();
      } catch (IOException e) {
        return null;
      }
    }

    private URL own(String name) {
      Path p = dir.resolve(name);
      try {
        return name.endsWith(".class") && Files.isRegularFile(p) ? p.toUri().toURL() : null;
      } catch (IOException e) {
        return null;
      }
    }
  }
}
