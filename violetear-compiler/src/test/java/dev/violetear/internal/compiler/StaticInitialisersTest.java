// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.VioletearException;
import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.model.AppModel;
import example.init.ClientOnlyLeaky;
import example.init.LeakyField;
import example.init.Units;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which static initialisers run in the browser, and the build error when one cannot. */
class StaticInitialisersTest {
  @TempDir Path cache;

  @SuppressWarnings("unused")
  static final class Shapes {
    static final String A = String.valueOf(System.nanoTime());
    static final String B = A.isEmpty() ? "empty" : "full";
    static String c;
    static String d;
    static final int[] E = {1, 2, 3};

    static {
      c = d = B + "!";
    }
  }

  @SuppressWarnings("unused")
  static final class SharedLocal {
    static final String A;
    static final String B;

    static {
      String both = String.valueOf(System.nanoTime());
      A = both;
      B = both;
    }
  }

  @Test
  void eachFieldsInitialiserIsAStepOfItsOwn() {
    StaticInitialisers.Plan plan = plan(Shapes.class);

    assertThat(plan.steps().stream().map(StaticInitialisers.Step::fields))
        .containsExactly(List.of("A"), List.of("B"), List.of("E"), List.of("d", "c"), List.of());
    assertThat(plan.keeping(Set.of("B")).instructions.size())
        .as("B's step and a return")
        .isLessThan(plan.method().instructions.size());
    assertThat(plan.keeping(Set.of("nothing"))).isNull();
  }

  @Test
  void anInitialiserWhoseStepsShareALocalVariableIsOneStep() {
    StaticInitialisers.Plan plan = plan(SharedLocal.class);

    assertThat(plan.steps()).hasSize(1);
    assertThat(plan.steps().get(0).fields()).containsExactly("A", "B");
  }

  @Test
  void theBrowserRunsTheInitialisersOfTheFieldsClientCodeUsesAndNoOthers() {
    Bundle bundle = new BundleCompiler(cache).compile(AppModel.of(List.of(Units.class)));

    assertThat(bundle.js()).contains("UNITS_CLIENT_MARKER").doesNotContain("UNITS_SERVER_MARKER");
  }

  @Test
  void aFieldWhoseInitialiserReachesServerOnlyCodeFailsTheBuildNamingTheFieldAndItsClass() {
    assertThatThrownBy(
            () -> new BundleCompiler(cache).compile(AppModel.of(List.of(LeakyField.class))))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "Client code reaches server-only code (1 problem):\n"
                + "  - Client method LeakyField.show reaches server-only class"
                + " 'java.sql.DriverManager' (LeakyField.show -> LeakyField.TIMEOUT (initialiser) ->"
                + " java.sql.DriverManager.getLoginTimeout). The initialiser of static field"
                + " LeakyField.TIMEOUT runs in the browser because client code uses that field:"
                + " give it a value browser code can compute, or keep it on the server and read it"
                + " through a @Server.Rpc method.");
  }

  @Test
  void aClientOnlyClassWhoseInitialiserReachesServerOnlyCodeIsNamedByItsField() {
    assertThatThrownBy(
            () -> new BundleCompiler(cache).compile(AppModel.of(List.of(ClientOnlyLeaky.class))))
        .isInstanceOf(VioletearException.class)
        .hasMessageContaining(
            "Client method ClientOnlyLeaky.show reaches server-only class 'java.nio.file.Path'"
                + " (ClientOnlyLeaky.show -> ClientOnlyLeaky.HAS_TMP (initialiser) ->"
                + " java.nio.file.Path.of). The initialiser of static field"
                + " ClientOnlyLeaky.HAS_TMP runs in the browser");
  }

  private static StaticInitialisers.Plan plan(Class<?> c) {
    return StaticInitialisers.plan(ClassBytes.read(c.getClassLoader(), c.getName()));
  }
}
