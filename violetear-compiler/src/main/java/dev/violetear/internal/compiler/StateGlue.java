// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.StateFields;
import dev.violetear.internal.model.WireTypes;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The glue of a class's {@link dev.violetear.State} fields, in its stub's {@code register()}: each
 * state becomes bindable by its name, a shared state takes the values the server pushes as a call
 * of {@code "@Class.field"}, and a state a page may give its own value ({@code Document.initial}:
 * not shared, not derived, of a JSON type) takes that value.
 *
 * <pre>{@code
 * StateBinder.state("Votes.yes", example.Votes.yes);
 * ClientRuntime.realtime("@Votes.yes", args -> StateHooks.force(example.Votes.yes, C0.decode(...)));
 * GivenValues.apply("Profile.name", example.Profile.name, C1);
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
      if (StateFields.isRepeat(state)) {
        continue;
      }
      Type type = valueType(state);
      if (!StateFields.isShared(state)) {
        if (StateFields.state(state).isWritable() && isJson(type)) {
          body.append("    ")
              .append(RT)
              .append("GivenValues.apply(\"")
              .append(name)
              .append("\", ")
              .append(field)
              .append(", ")
              .append(fields.codec(type))
              .append(");\n");
        }
      } else {
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

  // Object for a raw State field, which no page can give a value to.
  private static Type valueType(Field state) {
    return state.getGenericType() instanceof ParameterizedType p
        ? p.getActualTypeArguments()[0]
        : Object.class;
  }

  private static boolean isJson(Type type) {
    List<String> problems = new ArrayList<>();
    WireTypes.check(type, "", problems);
    return problems.isEmpty();
  }
}
