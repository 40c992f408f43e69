// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.internal.compiler.ReachCheck.Ref;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Records what one method body (or one step of a static initialiser) refers to, for {@link
 * ReachCheck}: calls, field accesses, instantiations and type uses; the markup callbacks it makes;
 * and whether the method itself is a {@code @Client.Callback}.
 *
 * <pre>{@code
 * List<Ref> refs = new ArrayList<>();
 * method.accept(new RefCollector(refs));
 * }</pre>
 */
final class RefCollector extends MethodVisitor {
  static final String CALLBACK_ANNOTATION = "Ldev/violetear/Client$Callback;";
  private static final String EVENT_CALLBACK = "dev/violetear/markup/EventCallback";
  private static final String ACTION = "dev/violetear/markup/Action";
  private final List<Ref> refs;

  RefCollector(List<Ref> refs) {
    super(Opcodes.ASM9);
    this.refs = refs;
  }

  @Override
  public void visitMethodInsn(int op, String owner, String name, String desc, boolean itf) {
    String o = arrayElement(owner);
    if (o == null) {
      return;
    }
    boolean virtual = op == Opcodes.INVOKEVIRTUAL || op == Opcodes.INVOKEINTERFACE;
    refs.add(new Ref(virtual ? Ref.Kind.VIRTUAL : Ref.Kind.DIRECT, o, name + desc));
  }

  @Override
  public void visitFieldInsn(int op, String owner, String name, String desc) {
    boolean isStatic = op == Opcodes.GETSTATIC || op == Opcodes.PUTSTATIC;
    refs.add(new Ref(isStatic ? Ref.Kind.STATIC_FIELD : Ref.Kind.TYPE, owner, name));
  }

  @Override
  public void visitTypeInsn(int op, String type) {
    String o = arrayElement(type);
    if (o != null) {
      refs.add(new Ref(op == Opcodes.NEW ? Ref.Kind.NEW : Ref.Kind.TYPE, o, null));
    }
  }

  @Override
  public void visitLdcInsn(Object value) {
    if (value instanceof Type t && t.getSort() == Type.OBJECT) {
      refs.add(new Ref(Ref.Kind.TYPE, t.getInternalName(), null));
    }
  }

  @Override
  public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
    if (desc.equals(CALLBACK_ANNOTATION)) {
      refs.add(new Ref(Ref.Kind.CALLBACK_METHOD, "", null));
    }
    return null;
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
    // A markup callback made here: the bundle check wants it to be a @Client.Callback method.
    String made = Type.getReturnType(desc).getInternalName();
    if ((made.equals(EVENT_CALLBACK) || made.equals(ACTION))
        && args.length > 1
        && args[1] instanceof Handle target) {
      refs.add(new Ref(Ref.Kind.CALLBACK, target.getOwner(), target.getName() + target.getDesc()));
    }
    for (Object a : args) {
      if (a instanceof Handle h) {
        boolean isNew = h.getTag() == Opcodes.H_NEWINVOKESPECIAL;
        refs.add(new Ref(Ref.Kind.DIRECT, h.getOwner(), h.getName() + h.getDesc()));
        if (isNew) {
          refs.add(new Ref(Ref.Kind.NEW, h.getOwner(), null));
        }
      }
    }
  }

  /** The element class of an array type, the class itself otherwise; null for primitives. */
  private static String arrayElement(String internalName) {
    if (!internalName.startsWith("[")) {
      return internalName;
    }
    Type t = Type.getType(internalName).getElementType();
    return t.getSort() == Type.OBJECT ? t.getInternalName() : null;
  }
}
