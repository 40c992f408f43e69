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

  /** A client method with one parameter. */
  @FunctionalInterface
  public interface Of1<A> extends Serializable {
    /** The referenced method; never called on the JVM. */
    void call(A a);
  }

  /** A client method with two parameters. */
  @FunctionalInterface
  public interface Of2<A, B> extends Serializable {
    /** The referenced method; never called on the JVM. */
    void call(A a, B b);
  }

  /** A client method with three parameters. */
  @FunctionalInterface
  public interface Of3<A, B, C> extends Serializable {
    /** The referenced method; never called on the JVM. */
    void call(A a, B b, C c);
  }

  /** A client method with four parameters. */
  @FunctionalInterface
  public interface Of4<A, B, C, D> extends Serializable {
    /** The referenced method; never called on the JVM. */
    void call(A a, B b, C c, D d);
  }
}
