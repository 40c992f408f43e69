// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

/**
 * A socket upgrade creates no HTTP session: no {@code JSESSIONID} cookie in the handshake, and so
 * no server-side session left behind by every socket a page ever opened.
 */
class UpgradeSessionTest {
  @Test
  void theUpgradeSetsNoSessionCookieAndTheSocketIsWelcomed()
      throws IOException, DataFormatException {
    App app = TestApps.start(c -> {}, a -> {});
    try {
      for (int i = 0; i < 3; i++) {
        try (Socket socket = new Socket("localhost", app.port())) {
          String response = RawUpgrade.upgrade(socket, app.port(), "");
          assertThat(response).startsWith("HTTP/1.1 101");
          assertThat(response.toLowerCase(Locale.ROOT)).doesNotContain("jsessionid");
          assertThat(RawUpgrade.Frame.read(socket.getInputStream()).text()).contains("\"welcome\"");
        }
      }
    } finally {
      app.stop();
    }
  }
}
