// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.ClientId;
import dev.violetear.internal.Caller;
import java.util.Objects;
import java.util.Optional;

/**
 * The principal that the app's {@link Guard} accepted for the current caller, read in server
 * handlers beside {@link ClientId#caller()}.
 *
 * <pre>{@code
 * @Server.Rpc
 * public static String greeting() {
 *   return Principal.current(User.class).map(u -> "Hello, " + u.name()).orElse("Hello, guest");
 * }
 * }</pre>
 *
 * <p>For an RPC call or a fragment the guard ran on that request; for a realtime call, an emitted
 * event or a {@code connect}/{@code disconnect} handler, it ran on the handshake of the client's
 * socket.
 */
public final class Principal {
  private Principal() {}

  /**
   * Returns the current caller's principal, or empty when the caller is anonymous (the guard
   * returned null, or the app has no guard).
   *
   * <pre>{@code
   * User user = Principal.current(User.class).orElseThrow();   // in a @Server.SignedIn method
   * }</pre>
   *
   * @param <P> the type of the principal
   * @param type the app's type of principal, as given to {@link App#guard(Class, Guard)}
   * @return the principal, or empty for an anonymous caller
   * @throws IllegalStateException when called outside a server handler that runs for a browser
   * @throws IllegalArgumentException when the principal is not a {@code type}
   */
  public static <P> Optional<P> current(Class<P> type) {
    Objects.requireNonNull(type, "type == null");
    if (Caller.current() == null) {
      throw new IllegalStateException(
          "Principal.current() works only while the server handles a browser's message: in a"
              + " @Server.Rpc or @Server.Realtime method, or a @Server.On handler of a client's"
              + " connect, disconnect or emitted event. Pass the principal as a value to code"
              + " that runs elsewhere.");
    }
    Object principal = Caller.principal();
    if (principal == null) {
      return Optional.empty();
    }
    if (!type.isInstance(principal)) {
      throw new IllegalArgumentException(
          "Principal.current("
              + type.getSimpleName()
              + ".class): the caller's principal is a '"
              + principal.getClass().getName()
              + "'; ask for the type given to App.guard(...)");
    }
    return Optional.of(type.cast(principal));
  }
}
