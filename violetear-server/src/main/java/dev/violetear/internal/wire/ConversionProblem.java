// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Explains in one short phrase why a JSON argument does not convert to its parameter type.
 * Jackson's own messages name internal classes and coercion settings and may carry source excerpts,
 * which must not reach a browser, so the phrase is built from the exception's kind, its path and
 * the offending JSON value.
 */
public final class ConversionProblem {
  private ConversionProblem() {}

  /**
   * Describes {@code e}, raised while converting {@code arg}.
   *
   * @return for example {@code got a string} or {@code at [0].done: expected boolean, got null}
   */
  public static String describe(Exception e, JsonNode arg) {
    if (e instanceof UnrecognizedPropertyException u) {
      List<JsonMappingException.Reference> path = u.getPath();
      String parent = path(path.subList(0, Math.max(0, path.size() - 1)));
      return "unknown property '"
          + u.getPropertyName()
          + "'"
          + (parent.isEmpty() ? "" : " in " + parent);
    }
    if (e instanceof InvalidFormatException f
        && f.getTargetType() != null
        && f.getTargetType().isEnum()
        && f.getValue() instanceof String) {
      return at(path(f.getPath()))
          + "'"
          + f.getValue()
          + "' is not one of "
          + Arrays.stream(f.getTargetType().getEnumConstants())
              .map(c -> ((Enum<?>) c).name())
              .collect(Collectors.joining(", "));
    }
    if (e instanceof ValueInstantiationException v) {
      // The cause is the user's own check in a record constructor; its message is meant for
      // callers. Jackson's wrapper message is not, since it names internal classes.
      Throwable cause = v.getCause();
      return at(path(v.getPath()))
          + TypeNames.of(v.getType().getRawClass())
          + " rejected the value"
          + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
    if (e instanceof MismatchedInputException m) {
      String where = path(m.getPath());
      String got = "got " + value(find(arg, m.getPath()));
      if (where.isEmpty() || m.getTargetType() == null) {
        return at(where) + got;
      }
      Class<?> expected = m.getTargetType();
      List<JsonMappingException.Reference> path = m.getPath();
      if (expected.isArray() && path.get(path.size() - 1).getIndex() >= 0) {
        // Primitive array deserializers report the array type for a bad item.
        expected = expected.getComponentType();
      }
      return at(where) + "expected " + TypeNames.of(expected) + ", " + got;
    }
    if (e instanceof InputCoercionException c) {
      // Raised by the parser itself, so Jackson attaches no path to it.
      return "a number is out of range"
          + (c.getTargetType() == null ? "" : " for " + TypeNames.of(c.getTargetType()));
    }
    if (e instanceof JsonMappingException j) {
      return at(path(j.getPath())) + "got " + value(find(arg, j.getPath()));
    }
    return "the value does not convert";
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : "at " + path + ": ";
  }

  /** Renders a path like {@code items[2].name}. */
  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static JsonNode find(JsonNode root, List<JsonMappingException.Reference> refs) {
    JsonNode node = root;
    for (JsonMappingException.Reference r : refs) {
      if (node == null) {
        return null;
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    return node;
  }

  /** Names the kind of a JSON value, for example {@code a string} or {@code the number 1.5}. */
  public static String value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isArray()) {
      return "an array";
    }
    return "an object";
  }
}
