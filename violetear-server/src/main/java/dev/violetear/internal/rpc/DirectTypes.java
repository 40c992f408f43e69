// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which parameter types {@link DirectArguments} may read straight from the parser: those
 * whose values come out exactly as they do from a JSON tree. The tree holds every fraction as a
 * double before converting it, so a float (or a BigDecimal) read from a tree can differ from one
 * read from the text; binary and untyped values have other tree-only forms; and a type that tunes
 * its own reading with Jackson annotations may look at the parser in ways only the tree path was
 * ever tested with. So only a short list qualifies: integers (longs included, in either wire form),
 * booleans, chars, strings, enums, and records, lists, sets, maps, optionals and arrays of those.
 */
final class DirectTypes {
  private static final Set<Class<?>> SCALARS =
      Set.of(
          boolean.class,
          Boolean.class,
          byte.class,
          Byte.class,
          short.class,
          Short.class,
          int.class,
          Integer.class,
          long.class,
          Long.class,
          char.class,
          Character.class,
          String.class);
  private static final Set<Class<?>> PRIMITIVE_ARRAYS =
      Set.of(boolean[].class, int[].class, long[].class);
  private static final Set<Class<?>> COLLECTIONS = Set.of(List.class, Set.class, Collection.class);
  private static final Set<Class<?>> MAP_KEYS = Set.of(String.class, Integer.class, Long.class);

  private DirectTypes() {}

  /** Whether values of {@code type} read the same from the parser as from a tree. */
  static boolean allows(JavaType type, TypeFactory types) {
    return allows(type, types, new HashSet<>());
  }

  private static boolean allows(JavaType type, TypeFactory types, Set<JavaType> visiting) {
    if (type == null) {
      return false;
    }
    Class<?> raw = type.getRawClass();
    if (SCALARS.contains(raw) || PRIMITIVE_ARRAYS.contains(raw)) {
      return true;
    }
    if (raw.isEnum()) {
      return isPlainEnum(raw);
    }
    if (type.isArrayType()) {
      JavaType item = type.getContentType();
      return !item.isPrimitive() && allows(item, types, visiting);
    }
    if (COLLECTIONS.contains(raw)) {
      return allows(type.getContentType(), types, visiting);
    }
    if (raw == Optional.class) {
      return allows(type.getReferencedType(), types, visiting);
    }
    if (raw == Map.class) {
      Class<?> key = type.getKeyType() == null ? Object.class : type.getKeyType().getRawClass();
      return (MAP_KEYS.contains(key) || (key.isEnum() && isPlainEnum(key)))
          && allows(type.getContentType(), types, visiting);
    }
    if (raw.isRecord()) {
      // A record seen before is being judged now (it contains itself) or was found fit: an unfit
      // one ends the whole judgement.
      return !visiting.add(type) || isPlainRecord(type, types, visiting);
    }
    return false;
  }

  private static boolean isPlainRecord(JavaType type, TypeFactory types, Set<JavaType> visiting) {
    Class<?> raw = type.getRawClass();
    if (hasTunedInterface(raw) || hasTunedMember(raw)) {
      return false;
    }
    for (RecordComponent component : raw.getRecordComponents()) {
      JavaType resolved = types.resolveMemberType(component.getGenericType(), type.getBindings());
      if (isTuned(component) || !allows(resolved, types, visiting)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlainEnum(Class<?> type) {
    return !hasTunedInterface(type) && !hasTunedMember(type);
  }

  /** Whether {@code type} or an interface it implements is tuned; Jackson reads both. */
  private static boolean hasTunedInterface(Class<?> type) {
    if (isTuned(type)) {
      return true;
    }
    for (Class<?> parent : type.getInterfaces()) {
      if (hasTunedInterface(parent)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a field, method, constructor or constructor parameter of {@code type} is tuned. */
  private static boolean hasTunedMember(Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      if (isTuned(field)) {
        return true;
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (isTuned(method)) {
        return true;
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (isTuned(constructor)) {
        return true;
      }
      for (Parameter parameter : constructor.getParameters()) {
        if (isTuned(parameter)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code element} carries a Jackson annotation. */
  private static boolean isTuned(AnnotatedElement element) {
    for (Annotation annotation : element.getAnnotations()) {
      Class<? extends Annotation> kind = annotation.annotationType();
      if (kind.getName().startsWith("com.fasterxml.jackson.")
          || kind.isAnnotationPresent(JacksonAnnotationsInside.class)) {
        return true;
      }
    }
    return false;
  }
}
