// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultProxyConfigTest {

  @Test
  void upstreamPortOutOfRangeIsRejected() {
    assertThatThrownBy(() -> FaultProxy.start(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Upstream port '0' is out of range; use 1 to 65535.");
    assertThatThrownBy(() -> FaultProxy.start(65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Upstream port '65536' is out of range; use 1 to 65535.");
  }

  @Test
  void nullConfigIsRejected() {
    assertThatThrownBy(() -> FaultProxy.start(80, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("config == null");
  }

  @Test
  void maxConnectionsBelowOneIsRejected() {
    assertThatThrownBy(() -> new FaultProxyConfig().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Max connections '0' must be at least 1.");
  }

  @Test
  void listenPortOutOfRangeIsRejected() {
    assertThatThrownBy(() -> new FaultProxyConfig().listenPort(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Listen port '-1' is out of range; use 0 (any free port) to 65535.");
  }

  @Test
  void blankUpstreamHostIsRejected() {
    assertThatThrownBy(() -> new FaultProxyConfig().upstreamHost(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Upstream host must not be blank; pass e.g. '127.0.0.1'.");
  }

  @Test
  void connectTimeoutOutOfRangeIsRejected() {
    assertThatThrownBy(() -> new FaultProxyConfig().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Connect timeout 'PT0S' is out of range; use 1 ms to Integer.MAX_VALUE ms.");
  }

  @Test
  void negativeOrHugeDelayIsRejected() {
    try (FaultProxy proxy = FaultProxy.start(1)) {
      assertThatThrownBy(() -> proxy.delay(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Delay 'PT-0.001S' is out of range; use Duration.ZERO to 1 hour.");
      assertThatThrownBy(() -> proxy.delay(Duration.ofHours(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Delay 'PT2H' is out of range; use Duration.ZERO to 1 hour.");
    }
  }

  @Test
  void listenPortInUseFailsWithTheCause() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> FaultProxy.start(1, config -> config.listenPort(port)))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("FaultProxy cannot listen on 127.0.0.1 port '" + port + "': ")
          .hasMessageEndingWith("; pass listenPort(0) to pick any free port.")
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void defaultsListenOnAFreeLoopbackPort() {
    try (FaultProxy proxy = FaultProxy.start(1)) {
      assertThat(proxy.port()).isPositive();
      assertThat(proxy.connections()).isZero();
      assertThat(proxy.bytesForwarded().total()).isZero();
    }
  }
}
