// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Decides which Java types may cross the wire, and says why a type may not. */
public final class WireTypes {
  private WireTypes() {}

  static final String SUPPORTED =
      "Use primitives and their boxes, String, enums, records, arrays, List<T>, Set<T>,"
          + " Map<String, T> or Optional<T>, nested freely.";

  private static final Set<Class<?>> SCALARS =
      Set.of(
          boolean.class,
          byte.class,
          short.class,
          int.class,
          long.class,
          float.class,
          double.class,
          char.class,
          Boolean.class,
          Byte.class,
          Short.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          Character.class,
          String.class);

  private static final Set<Class<?>> PRIMITIVE_ARRAYS =
      Set.of(int[].class, long[].class, double[].class, boolean[].class);

  /**
   * Adds a problem for every part of {@code type} that cannot cross the wire.
   *
   * @param where names the place, for example {@code Counter.add parameter 'delta'}
   */
  public static void check(Type type, String where, List<String> problems) {
    String reason = reason(type, new HashSet<>());
    if (reason != null) {
      problems.add(
          where + " has type '" + type.getTypeName() + "', which cannot cross the wire: " + reason);
    }
  }

  /** Returns why {@code type} is not supported, or null when it is. */
  private static String reason(Type type, Set<Class<?>> seen) {
    if (type instanceof Class<?> c) {
      if (SCALARS.contains(c) || PRIMITIVE_ARRAYS.contains(c) || c.isEnum()) {
        return null;
      }
      if (c.isArray()) {
        Class<?> item = c.getComponentType();
        if (item.isPrimitive()) {
          return "'"
              + c.getTypeName()
              + "' arrays are not supported; use int[], long[], double[],"
              + " boolean[] or List<"
              + box(item)
              + ">.";
        }
        return reason(item, seen);
      }
      if (c == List.class || c == Set.class || c == Map.class || c == Optional.class) {
        return "'" + c.getSimpleName() + "' needs its type arguments, for example List<String>.";
      }
      if (c.isRecord()) {
        return recordReason(c, seen);
      }
      return "'" + c.getName() + "' is not a JSON type. " + SUPPORTED;
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class || raw == Set.class || raw == Optional.class) {
        return reason(args[0], seen);
      }
      if (raw == Map.class) {
        if (args[0] != String.class) {
          return "Map keys must be String (JSON object keys).";
        }
        return reason(args[1], seen);
      }
      return "'" + raw.getName() + "' is not a JSON type. " + SUPPORTED;
    }
    if (type instanceof GenericArrayType) {
      return "arrays of generic types are not supported; use List<...> instead.";
    }
    return "type variables and wildcards cannot cross the wire; use a concrete type.";
  }

  private static String recordReason(Class<?> c, Set<Class<?>> seen) {
    if (!seen.add(c)) {
      return null;
    }
    if (Modifier.isPrivate(c.getModifiers()) || c.isLocalClass() || c.isAnonymousClass()) {
      return "record '"
          + c.getName()
          + "' must be a top-level or non-private nested record, so"
          + " that the generated browser codec can reach it.";
    }
    if (c.getTypeParameters().length > 0) {
      return "generic record '" + c.getName() + "' is not supported; give it concrete types.";
    }
    for (RecordComponent rc : c.getRecordComponents()) {
      String r = reason(rc.getGenericType(), seen);
      if (r != null) {
        return "component '" + rc.getName() + "' of record '" + c.getName() + "': " + r;
      }
    }
    return null;
  }

  private static String box(Class<?> primitive) {
    if (primitive == char.class) {
      return "Character";
    }
    String n = primitive.getName();
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
