// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which elements of a keyed list stay put when it changes: the longest run that kept its order. */
class ListDomTest {
  @Test
  void movingOneItemToTheFrontMovesOnlyThatItem() {
    // Old positions, in the new order: D moved in front of A, B, C.
    assertThat(ListDom.longestIncreasing(new int[] {3, 0, 1, 2}))
        .containsExactly(false, true, true, true);
  }

  @Test
  void movingTheFirstItemToTheEndMovesOnlyThatItem() {
    assertThat(ListDom.longestIncreasing(new int[] {1, 2, 3, 0}))
        .containsExactly(true, true, true, false);
  }

  @Test
  void newItemsAlwaysMoveAndAnUnchangedOrderStays() {
    assertThat(ListDom.longestIncreasing(new int[] {-1, 0, 1, -1, 2}))
        .containsExactly(false, true, true, false, true);
    assertThat(ListDom.longestIncreasing(new int[] {})).isEmpty();
  }

  @Test
  void aReversedListKeepsOneItemInPlace() {
    boolean[] stays = ListDom.longestIncreasing(new int[] {3, 2, 1, 0});
    int kept = 0;
    for (boolean s : stays) {
      kept += s ? 1 : 0;
    }
    assertThat(kept).isEqualTo(1);
  }
}
