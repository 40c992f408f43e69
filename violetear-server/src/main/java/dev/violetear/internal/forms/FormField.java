// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.forms;

import dev.violetear.internal.forms.Scalars.Scalar;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one record component is read from the form field of its name. A field a form leaves out, or
 * sends empty, is missing: an error for a required component, null for a box (but false for a
 * checkbox), empty for an {@code Optional}, and nothing for a {@code List}.
 */
final class FormField {
  private enum Shape {
    /** A primitive, a {@code String} or an enum: the field must be there. */
    REQUIRED,
    /** {@code boolean}, {@code Boolean}: checked or not. */
    CHECKBOX,
    /** A box other than {@code Boolean}: null when missing. */
    NULLABLE,
    OPTIONAL,
    /** Every value sent under the name, in order. */
    LIST
  }

  private final String name;
  private final Shape shape;
  private final Scalar scalar;
  private final boolean isText;

  private FormField(String name, Shape shape, Class<?> element) {
    this.name = name;
    this.shape = shape;
    this.scalar = Scalars.of(element);
    this.isText = element == String.class;
  }

  /** The field of {@code component}, or null when forms cannot carry its type. */
  static FormField of(RecordComponent component) {
    String name = component.getName();
    Class<?> type = component.getType();
    if (type == Optional.class || type == List.class) {
      Class<?> element = elementOf(component.getGenericType());
      if (element == null || element.isPrimitive() || Scalars.of(element) == null) {
        return null;
      }
      return new FormField(name, type == List.class ? Shape.LIST : Shape.OPTIONAL, element);
    }
    if (Scalars.of(type) == null) {
      return null;
    }
    Shape shape;
    if (Scalars.isCheckbox(type)) {
      shape = Shape.CHECKBOX;
    } else if (type.isPrimitive() || type == String.class || type.isEnum()) {
      shape = Shape.REQUIRED;
    } else {
      shape = Shape.NULLABLE;
    }
    return new FormField(name, shape, type);
  }

  String name() {
    return name;
  }

  /**
   * Reads the component from the values sent under its name (an empty list when none were).
   *
   * @throws InvalidValue when the values do not make a value of the component's type
   */
  Object read(List<String> values) throws InvalidValue {
    if (shape == Shape.LIST) {
      List<Object> list = new ArrayList<>(values.size());
      for (String value : values) {
        // An empty text is a value; an empty number or choice is a field left blank.
        if (isText || !value.isBlank()) {
          list.add(scalar.parse(value));
        }
      }
      return List.copyOf(list);
    }
    if (shape == Shape.CHECKBOX) {
      for (String value : values) {
        if ((Boolean) scalar.parse(value)) {
          return true;
        }
      }
      return false;
    }
    String first = values.isEmpty() ? null : values.get(0);
    // A text field sent empty holds the empty string; anything else sent blank was left out.
    boolean isMissing = first == null || (first.isBlank() && !(isText && shape == Shape.REQUIRED));
    if (isMissing) {
      return switch (shape) {
        case REQUIRED -> throw new InvalidValue(Scalars.REQUIRED);
        case OPTIONAL -> Optional.empty();
        default -> null;
      };
    }
    Object value = scalar.parse(first);
    return shape == Shape.OPTIONAL ? Optional.of(value) : value;
  }

  /**
   * The texts a form sends for {@code value} under this field's name, so that {@link #read} gives
   * it back: a checkbox sends "on" when checked and nothing otherwise; null, an empty {@code
   * Optional} and an empty list send nothing.
   */
  List<String> write(Object value) {
    if (value == null) {
      return List.of();
    }
    if (shape == Shape.LIST) {
      List<String> texts = new ArrayList<>();
      for (Object item : (List<?>) value) {
        if (item != null) {
          texts.add(text(item));
        }
      }
      return List.copyOf(texts);
    }
    if (shape == Shape.CHECKBOX) {
      return Boolean.TRUE.equals(value) ? List.of("on") : List.of();
    }
    if (shape == Shape.OPTIONAL) {
      return ((Optional<?>) value).map(v -> List.of(text(v))).orElse(List.of());
    }
    return List.of(text(value));
  }

  // Numbers and characters as Java writes them, which the conversions read; enums by name.
  private static String text(Object value) {
    return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
  }

  private static Class<?> elementOf(Type generic) {
    if (generic instanceof ParameterizedType p
        && p.getActualTypeArguments().length == 1
        && p.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    return null;
  }
}
