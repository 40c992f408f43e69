// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code @Server.On} or {@code @Client.On} method: the event it handles and which of its
 * parameters receive the sender (its {@link ClientId}, its {@link PageId}) and the data.
 */
public record EventHandler(String event, Method method) {
  /** What an event name looks like: a letter, then letters, digits and {@code _ . : -}. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,99}");

  /** Events the app's lifecycle raises on the server; nobody else may raise them. */
  public static final Set<String> SERVER_LIFECYCLE =
      Set.of("start", "stop", "connect", "disconnect", "page_open", "page_close");

  /** Server lifecycle events of one page (tab) rather than of one socket or of the app. */
  public static final Set<String> PAGE_LIFECYCLE = Set.of("page_open", "page_close");

  /** Events the runtime raises in the browser; nobody else may raise them. */
  public static final Set<String> CLIENT_LIFECYCLE =
      Set.of("ready", "connect", "disconnect", "resume_failed");

  /** Whether the event name is reserved for the lifecycle, on either side. */
  public static boolean isLifecycle(String event) {
    return SERVER_LIFECYCLE.contains(event) || CLIENT_LIFECYCLE.contains(event);
  }

  /** Index of the {@link ClientId} parameter, or -1. */
  public int clientIdIndex() {
    return indexOf(ClientId.class);
  }

  /** Index of the {@link PageId} parameter, or -1. */
  public int pageIdIndex() {
    return indexOf(PageId.class);
  }

  /** Index of the data parameter: the first that is neither a ClientId nor a PageId, or -1. */
  public int dataIndex() {
    Class<?>[] p = method.getParameterTypes();
    for (int i = 0; i < p.length; i++) {
      if (!isSender(p[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Whether parameters of {@code type} receive who sent the event rather than its data. */
  static boolean isSender(Class<?> type) {
    return type == ClientId.class || type == PageId.class;
  }

  private int indexOf(Class<?> type) {
    Class<?>[] p = method.getParameterTypes();
    for (int i = 0; i < p.length; i++) {
      if (p[i] == type) {
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
