// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import java.lang.reflect.Method;

/** A method that runs in the browser, with the name the runtime registers it under. */
public record ClientMethod(String name, Method method, Kind kind) {

  /** How the browser reaches the method. */
  public enum Kind {
    /** {@code @Client}: called only by other client code. */
    PLAIN,
    /** {@code @Client.Callback}: bound to DOM events through {@code data-on-*}. */
    CALLBACK,
    /** {@code @Client.Realtime}: called by the server through the socket. */
    REALTIME
  }

  /** Whether the callback takes the {@code Event} parameter. */
  public boolean takesEvent() {
    return method.getParameterCount() == 1;
  }
}
