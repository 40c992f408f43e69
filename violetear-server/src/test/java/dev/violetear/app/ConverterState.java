// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.State;

/** The showcase converter's client side, as its bundle sees it: one input and what derives. */
public final class ConverterState {
  static final State<String> celsius = State.of("20");
  static final State<Double> degrees = celsius.map(ConverterState::parse);
  static final State<String> fahrenheit =
      degrees.map(c -> c == null ? "?" : String.valueOf(Math.round((c * 9 / 5 + 32) * 10) / 10.0));
  static final State<Boolean> freezing = degrees.map(c -> c != null && c <= 0);
  static final State<Boolean> invalid = degrees.map(c -> c == null);

  private ConverterState() {}

  static Double parse(String text) {
    try {
      return Double.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
