// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import dev.violetear.internal.Caller;
import java.util.Objects;

/**
 * Identifies one browser client of the app. The server issues it, signs it, and reads it from the
 * authenticated request, never from the payload.
 *
 * <pre>{@code
 * @Server.Rpc
 * public static Total add(int delta) {
 *   ClientId who = ClientId.caller();
 *   log.info("{} added {}", who, delta);
 *   ...
 * }
 * }</pre>
 *
 * <p>Equal ids have equal {@link #value()}s. Instances are immutable and thread-safe.
 */
public final class ClientId {
  private final String value;

  private ClientId(String value) {
    this.value = value;
  }

  /**
   * Returns an id with the given value; used by the framework and by tests.
   *
   * @param value the id's string form, as {@link #value()} returns it; not blank
   * @return the id
   * @throws IllegalArgumentException when {@code value} is blank
   */
  public static ClientId of(String value) {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("ClientId value must not be blank");
    }
    return new ClientId(value);
  }

  /**
   * Returns the client whose request the current thread is handling.
   *
   * @return the calling client's id
   * @throws IllegalStateException when called outside a server handler
   */
  public static ClientId caller() {
    ClientId id = Caller.current();
    if (id == null) {
      throw new IllegalStateException(
          "ClientId.caller() works only while the server handles a browser's message: in a"
              + " @Server.Rpc or @Server.Realtime method, or a @Server.On handler of an event the"
              + " browser emitted. Pass the ClientId as a value to code that runs elsewhere.");
    }
    return id;
  }

  /** {@return the id's opaque string form} */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientId other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ClientId[" + value + "]";
  }
}
