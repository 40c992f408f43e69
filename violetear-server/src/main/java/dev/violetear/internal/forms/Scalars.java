// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.forms;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Java types one form field can become, each with its conversion from the field's text. The
 * messages of the conversions are shown next to the field, in words a visitor understands.
 */
final class Scalars {
  static final String REQUIRED = "This field is required.";

  /** Turns a field's text, never empty, into a value. */
  @FunctionalInterface
  interface Scalar {
    Object parse(String text) throws InvalidValue;
  }

  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

  /** A decimal number as people type it: no hexadecimal, no "NaN", no "Infinity", no suffix. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static final Map<Class<?>, Scalar> BUILT_IN =
      Map.ofEntries(
          Map.entry(String.class, text -> text),
          Map.entry(int.class, Scalars::toInt),
          Map.entry(Integer.class, Scalars::toInt),
          Map.entry(long.class, text -> whole(text, Long.MIN_VALUE, Long.MAX_VALUE)),
          Map.entry(Long.class, text -> whole(text, Long.MIN_VALUE, Long.MAX_VALUE)),
          Map.entry(short.class, text -> (short) whole(text, Short.MIN_VALUE, Short.MAX_VALUE)),
          Map.entry(Short.class, text -> (short) whole(text, Short.MIN_VALUE, Short.MAX_VALUE)),
          Map.entry(byte.class, text -> (byte) whole(text, Byte.MIN_VALUE, Byte.MAX_VALUE)),
          Map.entry(Byte.class, text -> (byte) whole(text, Byte.MIN_VALUE, Byte.MAX_VALUE)),
          Map.entry(double.class, Scalars::decimal),
          Map.entry(Double.class, Scalars::decimal),
          Map.entry(float.class, Scalars::toFloat),
          Map.entry(Float.class, Scalars::toFloat),
          Map.entry(char.class, Scalars::character),
          Map.entry(Character.class, Scalars::character),
          Map.entry(boolean.class, Scalars::checkbox),
          Map.entry(Boolean.class, Scalars::checkbox));

  private Scalars() {}

  /** The conversion to {@code type}, or null when a form field cannot carry it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Scalar of(Class<?> type) {
    if (type.isEnum()) {
      return constant((Class) type);
    }
    return BUILT_IN.get(type);
  }

  /** Whether {@code type} is a checkbox: absent from the form means false, not missing. */
  static boolean isCheckbox(Class<?> type) {
    return type == boolean.class || type == Boolean.class;
  }

  private static int toInt(String text) throws InvalidValue {
    return (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  private static long whole(String text, long min, long max) throws InvalidValue {
    String digits = text.strip();
    if (!WHOLE.matcher(digits).matches()) {
      throw new InvalidValue("Enter a whole number.");
    }
    try {
      long value = Long.parseLong(digits);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Only digits, so beyond a long: out of range like the others.
    }
    throw new InvalidValue("Enter a whole number from " + min + " to " + max + ".");
  }

  private static double decimal(String text) throws InvalidValue {
    String number = text.strip();
    if (DECIMAL.matcher(number).matches()) {
      double value = Double.parseDouble(number);
      if (Double.isFinite(value)) {
        return value;
      }
    }
    throw new InvalidValue("Enter a number.");
  }

  private static float toFloat(String text) throws InvalidValue {
    float value = (float) decimal(text);
    if (Float.isInfinite(value)) {
      throw new InvalidValue("Enter a number.");
    }
    return value;
  }

  private static char character(String text) throws InvalidValue {
    if (text.length() != 1) {
      throw new InvalidValue("Enter a single character.");
    }
    return text.charAt(0);
  }

  /** A checked checkbox sends its value ("on" unless it names one); these mean unchecked. */
  private static boolean checkbox(String text) {
    String value = text.strip();
    return !(value.isEmpty() || value.equalsIgnoreCase("false") || value.equalsIgnoreCase("off"));
  }

  private static <E extends Enum<E>> Scalar constant(Class<E> type) {
    E[] constants = type.getEnumConstants();
    String choices = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
    return text -> {
      String name = text.strip();
      for (E constant : constants) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
      throw new InvalidValue("Choose one of: " + choices + ".");
    };
  }
}
