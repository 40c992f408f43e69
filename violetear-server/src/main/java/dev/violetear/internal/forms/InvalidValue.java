// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.forms;

/**
 * A value a form field cannot take. Its message is shown to the visitor next to the field, so it
 * says what to type, not what went wrong in the code; no stack trace is taken.
 */
final class InvalidValue extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidValue(String message) {
    super(message, null, false, false);
  }
}
