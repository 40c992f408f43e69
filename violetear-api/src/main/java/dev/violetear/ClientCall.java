// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import java.io.Serializable;

/**
 * Typed references to {@link Client.Realtime} methods, for the server to call them in browsers.
 * Write a method reference; javac checks the argument types against the method's parameters.
 *
 * <pre>{@code
 * @Client.Realtime
 * public static void toast(String message, String level) { ... }
 *
 * app.clients().to(clientId).invoke(Chat::toast, "Welcome", "info");   // a ClientCall.Of2
 * app.clients().all().invoke(Chat::toast, "Restarting", "warn");
 * }</pre>
 *
 * <p>Only method references to {@code @Client.Realtime} methods of registered classes are accepted;
 * a lambda or another method is rejected with {@link IllegalArgumentException}. The references are
 * {@link Serializable} so that the framework can read which method they name; they are never
 * serialized.
 */
public final class ClientCall {
  private ClientCall() {}

  /** A client method without parameters. */
  @FunctionalInterface
  public interface Of0 extends Serializable {
    /** The referenced method; never called on the JVM. */
    void call();
  }

  /**
   * A client method with one parameter.
   *
   * @param <A> the type of the parameter
   */
  @FunctionalInterface
  public interface Of1<A> extends Serializable {
    /**
     * The referenced method; never called on the JVM.
     *
     * @param a the method's argument
     */
    void call(A a);
  }

  /**
   * A client method with two parameters.
   *
   * @param <A> the type of the first parameter
   * @param <B> the type of the second parameter
   */
  @FunctionalInterface
  public interface Of2<A, B> extends Serializable {
    /**
     * The referenced method; never called on the JVM.
     *
     * @param a the method's first argument
     * @param b the method's second argument
     */
    void call(A a, B b);
  }

  /**
   * A client method with three parameters.
   *
   * @param <A> the type of the first parameter
   * @param <B> the type of the second parameter
   * @param <C> the type of the third parameter
   */
  @FunctionalInterface
  public interface Of3<A, B, C> extends Serializable {
    /**
     * The referenced method; never called on the JVM.
     *
     * @param a the method's first argument
     * @param b the method's second argument
     * @param c the method's third argument
     */
    void call(A a, B b, C c);
  }

  /**
   * A client method with four parameters.
   *
   * @param <A> the type of the first parameter
   * @param <B> the type of the second parameter
   * @param <C> the type of the third parameter
   * @param <D> the type of the fourth parameter
   */
  @FunctionalInterface
  public interface Of4<A, B, C, D> extends Serializable {
    /**
     * The referenced method; never called on the JVM.
     *
     * @param a the method's first argument
     * @param b the method's second argument
     * @param c the method's third argument
     * @param d the method's fourth argument
     */
    void call(A a, B b, C c, D d);
  }
}
