// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.StateFields;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The glue of a class's {@link dev.violetear.State} fields, in its stub's {@code register()}: each
 * state becomes bindable by its name, and a shared state takes the values the server pushes as a
 * call of {@code "@Class.field"}.
 *
 * <pre>{@code
 * StateBinder.state("Votes.yes", example.Votes.yes);
 * ClientRuntime.realtime("@Votes.yes", args -> StateHooks.force(example.Votes.yes, C0.decode(...)));
 * }</pre>
 */
final class StateGlue {
  private static final String RT = "dev.violetear.internal.client.";

  private StateGlue() {}

  /** Appends the registration of {@code c}'s state fields to {@code body}. */
  static void register(StringBuilder body, CodecFields fields, AppModel model, Class<?> c) {
    String owner = c.getCanonicalName();
    for (Field state : model.stateFields()) {
      if (state.getDeclaringClass() != c) {
        continue;
      }
      String field = owner + "." + state.getName();
      String name = StateFields.name(state);
      body.append("    ")
          .append(RT)
          .append("StateBinder.state(\"")
          .append(name)
          .append("\", ")
          .append(field)
          .append(");\n");
      if (StateFields.isShared(state)) {
        Type type = ((ParameterizedType) state.getGenericType()).getActualTypeArguments()[0];
        body.append("    ")
            .append(RT)
            .append("ClientRuntime.realtime(\"@")
            .append(name)
            .append("\", args -> dev.violetear.internal.StateHooks.force(")
            .append(field)
            .append(", ")
            .append(fields.codec(type))
            .append(".decode(")
            .append(RT)
            .append("Json.at(args, 0))));\n");
      }
    }
  }
}
