// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.State;
import dev.violetear.VioletearException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateFieldsTest {
  static final class Temps {
    static final State<String> celsius = State.of("20");
    static final State<Integer> length = celsius.map(String::length);
    static final String notAState = "x";

    @Client.Callback
    static void typed() {}
  }

  @SuppressWarnings("unused")
  static final class Broken {
    private static final State<String> hidden = State.of("a");
    static State<String> loose = State.of("b");
    final State<String> perInstance = State.of("c");
    static final State<String> missing = null;
  }

  @Test
  void aRegisteredClassesStatesAreNamedByClassAndField() {
    AppModel model = AppModel.of(List.of(Temps.class));

    assertThat(model.stateFields())
        .extracting(f -> f.getName())
        .containsExactly("celsius", "length");
    assertThat(StateFields.nameOf(Temps.celsius)).isEqualTo("Temps.celsius");
    assertThat(StateFields.nameOf(Temps.length)).isEqualTo("Temps.length");
    assertThat(StateFields.declaringClassOf(Temps.length)).isEqualTo(Temps.class);
    assertThat(StateFields.nameOf(State.of("elsewhere"))).isNull();
  }

  @Test
  void aStateFieldThatIsPrivateNotStaticNotFinalOrNullIsReportedByName() {
    assertThatThrownBy(() -> AppModel.of(List.of(Broken.class)))
        .isInstanceOf(VioletearException.class)
        .hasMessageContaining(
            "State field Broken.hidden must be static final and not private, so that pages and"
                + " the bundle share it: declare it as 'static final State<T> hidden ="
                + " State.of(...);'.")
        .hasMessageContaining("State field Broken.loose must be static final and not private")
        .hasMessageContaining("State field Broken.perInstance must be static final")
        .hasMessageContaining(
            "State field Broken.missing is null: initialise it with State.of(...).");
  }
}
