// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.State;
import dev.violetear.markup.Repeat;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link State} and {@link Repeat} fields of registered classes (the bindable fields), and the
 * name each is bound by in markup ({@code SimpleClassName.field}, like the wire names of methods).
 * A state is a static field, so its name belongs to the class, not to an app: the index is one for
 * the JVM.
 *
 * <pre>{@code
 * StateFields.of(Converter.class, findings);   // checked, and indexed by name
 * StateFields.nameOf(Converter.celsius);        // "Converter.celsius", or null
 * }</pre>
 */
public final class StateFields {
  private static final Map<Object, Field> fields =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private StateFields() {}

  /**
   * The name markup binds {@code state} (a state or a repeat) by, or null when no registered class
   * holds it.
   */
  public static String nameOf(Object state) {
    Field f = fields.get(state);
    return f == null ? null : f.getDeclaringClass().getSimpleName() + "." + f.getName();
  }

  /** The class that declares {@code state}, or null when no registered class holds it. */
  public static Class<?> declaringClassOf(Object state) {
    Field f = fields.get(state);
    return f == null ? null : f.getDeclaringClass();
  }

  /**
   * The field that holds {@code state} (a state or a repeat), or null when no registered class
   * does.
   */
  public static Field fieldOf(Object state) {
    return fields.get(state);
  }

  /** Whether the state in {@code field}, one {@link #of} accepted, is a shared one. */
  public static boolean isShared(Field field) {
    return read(field) instanceof State<?> s && s.isShared();
  }

  /** The name of the state in {@code field}: {@code SimpleClassName.field}. */
  public static String name(Field field) {
    return field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }

  /** The state {@code field} holds, one {@link #of} accepted and {@link #isShared}. */
  public static State<?> state(Field field) {
    return (State<?>) read(field);
  }

  /** Whether {@code field} holds a {@link Repeat}, not a state. */
  public static boolean isRepeat(Field field) {
    return field.getType() == Repeat.class;
  }

  /** The state fields of {@code c}, in name order; their problems go to {@code f}. */
  static List<Field> of(Class<?> c, Findings f) {
    List<Field> found = new ArrayList<>();
    Field[] declared = c.getDeclaredFields();
    Arrays.sort(declared, Comparator.comparing(Field::getName));
    for (Field field : declared) {
      if (field.getType() != State.class && field.getType() != Repeat.class) {
        continue;
      }
      String type = field.getType().getSimpleName();
      String factory = isRepeat(field) ? "Repeat.of(...)" : "State.of(...)";
      String name = c.getSimpleName() + "." + field.getName();
      int m = field.getModifiers();
      if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || Modifier.isPrivate(m)) {
        f.problems.add(
            type
                + " field "
                + name
                + " must be static final and not private, so that pages and the bundle share"
                + " it: declare it as 'static final "
                + type
                + "<T> "
                + field.getName()
                + " = "
                + factory
                + ";'.");
        continue;
      }
      Object state = read(field);
      if (state == null) {
        f.problems.add(type + " field " + name + " is null: initialise it with " + factory + ".");
        continue;
      }
      fields.put(state, field);
      found.add(field);
    }
    return found;
  }

  private static Object read(Field field) {
    try {
      field.setAccessible(true);
      return field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot read "
              + field.getType().getSimpleName()
              + " field "
              + field.getDeclaringClass().getName()
              + "."
              + field.getName()
              + ": open its package to the framework ("
              + e
              + ").",
          e);
    }
  }
}
