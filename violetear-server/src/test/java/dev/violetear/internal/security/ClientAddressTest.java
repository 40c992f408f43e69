// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void literalsAreCanonicalSoOneProxyHasOneName() {
    assertThat(
            ClientAddress.literals(
                List.of("10.0.0.5", "::1", "[0:0:0:0:0:0:0:1]", "::ffff:10.0.0.6")))
        .containsExactly("10.0.0.5", "0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1", "10.0.0.6");
  }

  @Test
  void namesAndNearMissesAreNotAddresses() {
    for (String notOne :
        List.of("localhost", "proxy.internal", "999.1.1.1", "10.0.0", "1:2:3:4:5:6:7:8:9", "")) {
      assertThatThrownBy(() -> ClientAddress.literals(List.of(notOne)))
          .as(notOne)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + notOne + "' is not an IP address");
    }
  }
}
