// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.State;
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
 * The {@link State} fields of registered classes, and the name each state is bound by in markup
 * ({@code SimpleClassName.field}, like the wire names of methods). A state is a static field, so
 * its name belongs to the class, not to an app: the index is one for the JVM.
 *
 * <pre>{@code
 * StateFields.of(Converter.class, findings);   // checked, and indexed by name
 * StateFields.nameOf(Converter.celsius);        // "Converter.celsius", or null
 * }</pre>
 */
public final class StateFields {
  private static final Map<State<?>, Field> fields =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private StateFields() {}

  /** The name markup binds {@code state} by, or null when no registered class holds it. */
  public static String nameOf(State<?> state) {
    Field f = fields.get(state);
    return f == null ? null : f.getDeclaringClass().getSimpleName() + "." + f.getName();
  }

  /** The class that declares {@code state}, or null when no registered class holds it. */
  public static Class<?> declaringClassOf(State<?> state) {
    Field f = fields.get(state);
    return f == null ? null : f.getDeclaringClass();
  }

  /** Whether the state in {@code field}, one {@link #of} accepted, is a shared one. */
  public static boolean isShared(Field field) {
    return read(field).isShared();
  }

  /** The name of the state in {@code field}: {@code SimpleClassName.field}. */
  public static String name(Field field) {
    return field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }

  /** The state {@code field} holds, one {@link #of} accepted. */
  public static State<?> state(Field field) {
    return read(field);
  }

  /** The state fields of {@code c}, in name order; their problems go to {@code f}. */
  static List<Field> of(Class<?> c, Findings f) {
    List<Field> found = new ArrayList<>();
    Field[] declared = c.getDeclaredFields();
    Arrays.sort(declared, Comparator.comparing(Field::getName));
    for (Field field : declared) {
      if (field.getType() != State.class) {
        continue;
      }
      String name = c.getSimpleName() + "." + field.getName();
      int m = field.getModifiers();
      if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || Modifier.isPrivate(m)) {
        f.problems.add(
            "State field "
                + name
                + " must be static final and not private, so that pages and the bundle share"
                + " it: declare it as 'static final State<T> "
                + field.getName()
                + " = State.of(...);'.");
        continue;
      }
      State<?> state = read(field);
      if (state == null) {
        f.problems.add("State field " + name + " is null: initialise it with State.of(...).");
        continue;
      }
      fields.put(state, field);
      found.add(field);
    }
    return found;
  }

  private static State<?> read(Field field) {
    try {
      field.setAccessible(true);
      return (State<?>) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot read State field "
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
