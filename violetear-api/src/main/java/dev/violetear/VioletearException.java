// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

/**
 * The app could not start: a registered class breaks a rule, or its client code does not compile to
 * the browser. The message lists every problem found, each naming the method at fault and how to
 * fix it.
 *
 * <pre>{@code
 * try {
 *   app.start(8000);
 * } catch (VioletearException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class VioletearException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message that lists the problems.
   *
   * @param message what went wrong, where, and how to fix it
   */
  public VioletearException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and the failure that caused it.
   *
   * @param message what went wrong, where, and how to fix it
   * @param cause the failure that stopped the app, such as the port being taken
   */
  public VioletearException(String message, Throwable cause) {
    super(message, cause);
  }
}
