// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.internal.model.EventHandler;
import dev.violetear.internal.wire.TypeNames;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;

/**
 * The checks of an event the app emits, before any frame is made: its name is a custom one, and its
 * data has the type its handlers declare. Each throws {@link IllegalArgumentException} naming the
 * event and the fix.
 *
 * <pre>{@code
 * EventChecks.name("user_joined");
 * EventChecks.data(mapper, "user_joined", "Ada", String.class);
 * }</pre>
 */
final class EventChecks {
  private EventChecks() {}

  /** Refuses lifecycle names, which only the framework raises, and names that are not valid. */
  static void name(String event) {
    if (EventHandler.isLifecycle(event)) {
      throw new IllegalArgumentException(
          "'"
              + event
              + "' is a lifecycle event, which only the framework raises; emit a custom event"
              + " instead, such as 'user_joined'");
    }
    if (!EventHandler.NAME.matcher(event).matches()) {
      throw new IllegalArgumentException(
          "'"
              + event
              + "' is not a valid event name; use letters, digits and _ . : - (starting with a"
              + " letter), like 'game_started'");
    }
  }

  /** Checks {@code data} against the type the event's handlers declare (null: none declared). */
  static void data(ObjectMapper mapper, String event, Object data, Type type) {
    if (type == null) {
      return;
    }
    Class<?> raw = mapper.constructType(type).getRawClass();
    boolean fits =
        data == null
            ? !raw.isPrimitive()
            : MethodType.methodType(raw).wrap().returnType().isInstance(data);
    if (!fits) {
      throw new IllegalArgumentException(
          "The data of event '"
              + event
              + "' must be "
              + TypeNames.of(type)
              + ", the type its handlers declare, but got "
              + (data == null ? "null" : TypeNames.of(data.getClass())));
    }
  }
}
