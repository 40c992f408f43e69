// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Names Java types the way the user wrote them ({@code List<Item>}, {@code int[]}), without
 * packages or enclosing classes: error messages go to browsers, which need the shape, not the
 * server's class layout.
 */
public final class TypeNames {
  private TypeNames() {}

  public static String of(Type type) {
    if (type instanceof Class<?> c) {
      return c.isArray() ? of(c.getComponentType()) + "[]" : c.getSimpleName();
    }
    if (type instanceof ParameterizedType p) {
      return of(p.getRawType())
          + Arrays.stream(p.getActualTypeArguments())
              .map(TypeNames::of)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof GenericArrayType g) {
      return of(g.getGenericComponentType()) + "[]";
    }
    return type.getTypeName();
  }
}
