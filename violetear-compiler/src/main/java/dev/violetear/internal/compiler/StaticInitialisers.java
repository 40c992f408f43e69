// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * A class's static initialiser cut into steps, each ending where a static field of the class is set
 * with nothing left on the stack: {@code static T f = expr;} is one step. The browser runs, of a
 * class with server methods, only the steps of the fields client code uses, because the others hold
 * server state (connections, stores) and may reach server-only code; and a step that does reach it
 * is reported naming its field. An initialiser that cannot be cut (a jump, a handler or a local
 * variable crossing a step) is one step that sets every field it sets.
 *
 * <pre>{@code
 * StaticInitialisers.Plan plan = StaticInitialisers.plan(bytes);   // null without one
 * plan.stepSetting("rates");                                       // its step, or null
 * MethodNode kept = plan.keeping(Set.of("rates"));                 // only those steps
 * }</pre>
 */
final class StaticInitialisers {
  private StaticInitialisers() {}

  /**
   * One step of an initialiser.
   *
   * @param fields the class's static fields it sets, in order (the last is the one it is for)
   * @param from the index of its first instruction
   * @param to the index after its last instruction
   */
  record Step(List<String> fields, int from, int to) {
    /** The field to name for it: the one it ends by setting, or null for trailing code. */
    String field() {
      return fields.isEmpty() ? null : fields.get(fields.size() - 1);
    }
  }

  /**
   * An initialiser and its steps.
   *
   * @param owner the class's internal name
   * @param method the initialiser as read
   * @param steps its steps, in order, covering every instruction
   */
  record Plan(String owner, MethodNode method, List<Step> steps) {
    /** The step that sets {@code field}, or null when the initialiser leaves it at its default. */
    Step stepSetting(String field) {
      for (Step s : steps) {
        if (s.fields().contains(field)) {
          return s;
        }
      }
      return null;
    }

    /** The instructions of {@code step}, for walking what it refers to. */
    List<AbstractInsnNode> instructions(Step step) {
      List<AbstractInsnNode> insns = new ArrayList<>();
      for (int i = step.from(); i < step.to(); i++) {
        insns.add(method.instructions.get(i));
      }
      return insns;
    }

    /**
     * The initialiser with only the steps that set one of {@code fields}, in their order; null when
     * none does. Frames are dropped: the class must be written with frames computed.
     */
    MethodNode keeping(Set<String> fields) {
      MethodNode out =
          new MethodNode(
              method.access,
              method.name,
              method.desc,
              method.signature,
              method.exceptions.toArray(String[]::new));
      Map<LabelNode, LabelNode> labels = new HashMap<>();
      for (AbstractInsnNode insn : method.instructions) {
        if (insn instanceof LabelNode l) {
          labels.put(l, new LabelNode());
        }
      }
      boolean any = false;
      for (Step s : steps) {
        if (s.fields().stream().noneMatch(fields::contains)) {
          continue;
        }
        any = true;
        for (int i = s.from(); i < s.to(); i++) {
          AbstractInsnNode insn = method.instructions.get(i);
          if (!(insn instanceof FrameNode) && !(insn instanceof LineNumberNode)) {
            out.instructions.add(insn.clone(labels));
          }
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
          int start = method.instructions.indexOf(t.start);
          if (start >= s.from() && start < s.to()) {
            out.tryCatchBlocks.add(
                new TryCatchBlockNode(
                    labels.get(t.start), labels.get(t.end), labels.get(t.handler), t.type));
          }
        }
      }
      if (!any) {
        return null;
      }
      out.instructions.add(new InsnNode(Opcodes.RETURN));
      return out;
    }
  }

  /** The plan of the static initialiser in {@code classBytes}, or null when it has none. */
  static Plan plan(byte[] classBytes) {
    ClassReader reader = new ClassReader(classBytes);
    MethodNode[] found = new MethodNode[1];
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            if (!name.equals("<clinit>")) {
              return null;
            }
            found[0] = new MethodNode(access, name, desc, signature, exceptions);
            return found[0];
          }
        },
        ClassReader.SKIP_FRAMES);
    if (found[0] == null) {
      return null;
    }
    String owner = reader.getClassName();
    MethodNode m = found[0];
    List<Step> steps = cut(owner, m);
    if (steps == null || !separate(m, steps)) {
      steps = List.of(new Step(fieldsSet(owner, m, 0, m.instructions.size()), 0, size(m)));
    }
    return new Plan(owner, m, steps);
  }

  // The steps, where the stack is empty after a field of the owner is set; null when unreadable.
  private static List<Step> cut(String owner, MethodNode m) {
    Frame<BasicValue>[] frames;
    try {
      frames = new Analyzer<>(new BasicInterpreter()).analyze(owner, m);
    } catch (AnalyzerException e) {
      return null;
    }
    List<Step> steps = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < size(m); i++) {
      AbstractInsnNode insn = m.instructions.get(i);
      boolean isEnd =
          insn instanceof FieldInsnNode f
              && f.getOpcode() == Opcodes.PUTSTATIC
              && f.owner.equals(owner)
              && i + 1 < size(m)
              && frames[i + 1] != null
              && frames[i + 1].getStackSize() == 0;
      if (isEnd) {
        steps.add(new Step(fieldsSet(owner, m, from, i + 1), from, i + 1));
        from = i + 1;
      }
    }
    if (from < size(m)) {
      steps.add(new Step(List.of(), from, size(m)));
    }
    return steps;
  }

  // Whether every jump, handler and local variable stays within its step.
  private static boolean separate(MethodNode m, List<Step> steps) {
    for (TryCatchBlockNode t : m.tryCatchBlocks) {
      Step s = stepOf(steps, m.instructions.indexOf(t.start));
      if (!within(s, m.instructions.indexOf(t.end) - 1)
          || !within(s, m.instructions.indexOf(t.handler))) {
        return false;
      }
    }
    for (Step s : steps) {
      Set<Integer> stored = new LinkedHashSet<>();
      for (int i = s.from(); i < s.to(); i++) {
        AbstractInsnNode insn = m.instructions.get(i);
        for (LabelNode target : targets(insn)) {
          if (!within(s, m.instructions.indexOf(target))) {
            return false;
          }
        }
        if (insn instanceof VarInsnNode v) {
          if (v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
            stored.add(v.var);
          } else if (!stored.contains(v.var)) {
            return false;
          }
        } else if (insn instanceof IincInsnNode inc && !stored.contains(inc.var)) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<LabelNode> targets(AbstractInsnNode insn) {
    List<LabelNode> targets = new ArrayList<>();
    if (insn instanceof JumpInsnNode j) {
      targets.add(j.label);
    } else if (insn instanceof TableSwitchInsnNode t) {
      targets.add(t.dflt);
      targets.addAll(t.labels);
    } else if (insn instanceof LookupSwitchInsnNode l) {
      targets.add(l.dflt);
      targets.addAll(l.labels);
    }
    return targets;
  }

  private static Step stepOf(List<Step> steps, int index) {
    for (Step s : steps) {
      if (within(s, index)) {
        return s;
      }
    }
    return null;
  }

  private static boolean within(Step s, int index) {
    return s != null && index >= s.from() && index < s.to();
  }

  private static List<String> fieldsSet(String owner, MethodNode m, int from, int to) {
    List<String> fields = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (m.instructions.get(i) instanceof FieldInsnNode f
          && f.getOpcode() == Opcodes.PUTSTATIC
          && f.owner.equals(owner)
          && !fields.contains(f.name)) {
        fields.add(f.name);
      }
    }
    return fields;
  }

  private static int size(MethodNode m) {
    return m.instructions.size();
  }
}
