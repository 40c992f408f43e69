// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

/**
 * The compression policy as a browser meets it: every browser offers permessage-deflate in its
 * upgrade request; the server declines it unless the app turned compression on. Read off the raw
 * handshake and the first frame's bits, since a WebSocket client library would hide both.
 */
class SocketCompressionTest {
  private static final int TEXT = 0x1;

  @Test
  void declinesTheBrowsersOfferByDefault() throws IOException, DataFormatException {
    App app = TestApps.start(c -> {}, a -> {});
    try (Socket socket = new Socket("localhost", app.port())) {
      String response = RawUpgrade.offeringDeflate(socket, app.port());
      assertThat(response).startsWith("HTTP/1.1 101");
      assertThat(response.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");

      RawUpgrade.Frame welcome = RawUpgrade.Frame.read(socket.getInputStream());
      assertThat(welcome.opcode()).isEqualTo(TEXT);
      assertThat(welcome.compressed()).as("RSV1 (compressed) bit of the welcome frame").isFalse();
      assertThat(welcome.text()).contains("\"welcome\"");
    } finally {
      app.stop();
    }
  }

  @Test
  void negotiatesDeflateWhenTheAppTurnsItOn() throws IOException, DataFormatException {
    App app = TestApps.start(c -> c.compressSocketFrames(true), a -> {});
    try (Socket socket = new Socket("localhost", app.port())) {
      String response = RawUpgrade.offeringDeflate(socket, app.port());
      assertThat(response).startsWith("HTTP/1.1 101");
      assertThat(response.toLowerCase(Locale.ROOT))
          .contains("sec-websocket-extensions: permessage-deflate");

      RawUpgrade.Frame welcome = RawUpgrade.Frame.read(socket.getInputStream());
      assertThat(welcome.opcode()).isEqualTo(TEXT);
      assertThat(welcome.compressed()).as("RSV1 (compressed) bit of the welcome frame").isTrue();
      assertThat(welcome.text()).contains("\"welcome\"");
    } finally {
      app.stop();
    }
  }
}
