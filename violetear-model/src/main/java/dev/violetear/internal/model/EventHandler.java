// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.ClientId;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code @Server.On} or {@code @Client.On} method: the event it handles and which of its
 * parameters receive the sender and the data.
 */
public record EventHandler(String event, Method method) {
  /** What an event name looks like: a letter, then letters, digits and {@code _ . : -}. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,99}");

  /** Events the app's lifecycle raises on the server; nobody else may raise them. */
  public static final Set<String> SERVER_LIFECYCLE =
      Set.of("start", "stop", "connect", "disconnect");

  /** Events the runtime raises in the browser; nobody else may raise them. */
  public static final Set<String> CLIENT_LIFECYCLE =
      Set.of("ready", "connect", "disconnect", "resume_failed");

  /** Whether the event name is reserved for the lifecycle, on either side. */
  public static boolean isLifecycle(String event) {
    return SERVER_LIFECYCLE.contains(event) || CLIENT_LIFECYCLE.contains(event);
  }

  /** Index of the {@link ClientId} parameter, or -1. */
  public int clientIdIndex() {
    Class<?>[] p = method.getParameterTypes();
    for (int i = 0; i < p.length; i++) {
      if (p[i] == ClientId.class) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the data parameter, or -1. */
  public int dataIndex() {
    Class<?>[] p = method.getParameterTypes();
    for (int i = 0; i < p.length; i++) {
      if (p[i] != ClientId.class) {
        return i;
      }
    }
    return -1;
  }

  /** The declared type of the event's data, or {@code null} when the handler takes none. */
  public Type dataType() {
    int i = dataIndex();
    return i < 0 ? null : method.getGenericParameterTypes()[i];
  }
}
