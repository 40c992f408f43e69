// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.browser.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateTest {
  @Test
  void watchersSeeEachChangeOnceAndNothingForAnEqualValue() {
    State<String> name = State.of("ada");
    List<String> seen = new ArrayList<>();
    Subscription s = name.watch(seen::add);

    name.set("bob");
    name.set(new String("bob"));
    name.update(n -> n + "!");
    s.cancel();
    name.set("carl");
    s.cancel();

    assertThat(seen).containsExactly("bob", "bob!");
    assertThat(name.get()).isEqualTo("carl");
  }

  @Test
  void aDerivedStateFollowsItsSourceAndPassesOnOnlyChanges() {
    State<Integer> count = State.of(1);
    State<Boolean> many = count.map(n -> n > 1);
    State<String> label = many.map(m -> m ? "many" : "one");
    List<String> seen = new ArrayList<>();
    label.watch(seen::add);

    count.set(2);
    count.set(3);
    count.set(1);

    assertThat(seen).containsExactly("many", "one");
    assertThat(label.get()).isEqualTo("one");
    assertThat(label.isWritable()).isFalse();
    assertThat(count.isWritable()).isTrue();
  }

  @Test
  void aDerivedStateCannotBeSet() {
    State<String> upper = State.of("a").map(String::toUpperCase);

    assertThatThrownBy(() -> upper.set("B"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("derived state")
        .hasMessageContaining("set that one instead");
  }

  @Test
  void aWatcherMayCancelItselfWhileItRuns() {
    State<Integer> n = State.of(0);
    List<Integer> seen = new ArrayList<>();
    Subscription[] self = new Subscription[1];
    self[0] =
        n.watch(
            v -> {
              seen.add(v);
              self[0].cancel();
            });
    List<Integer> other = new ArrayList<>();
    n.watch(other::add);

    n.set(1);
    n.set(2);

    assertThat(seen).containsExactly(1);
    assertThat(other).containsExactly(1, 2);
  }
}
