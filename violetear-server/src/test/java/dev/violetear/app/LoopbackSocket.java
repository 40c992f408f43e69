// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A socket handshake sent from a chosen loopback address (127.0.0.2 and up: Linux routes all of
 * 127/8 to this machine), so that per-address limits can tell an attacker from the honest page,
 * which JDK 17's WebSocket client cannot do. It reads the handshake's answer and then holds the
 * connection open without reading on.
 *
 * <pre>{@code
 * try (LoopbackSocket s = LoopbackSocket.open(app, "127.0.0.2")) {
 *   assertThat(s.status()).isEqualTo(101);
 * }
 * }</pre>
 */
final class LoopbackSocket implements AutoCloseable {
  private final Socket socket;
  private final int status;
  private final String head;

  private LoopbackSocket(Socket socket, int status, String head) {
    this.socket = socket;
    this.status = status;
    this.head = head;
  }

  /**
   * Upgrades from {@code from}; {@code headers} are extra "Name: value" lines, such as a cookie.
   */
  static LoopbackSocket open(App app, String from, String... headers) {
    return upgrade(app, from, "/_violetear/ws", headers);
  }

  /**
   * Upgrades from {@code from} and reads the welcome: the server has counted the socket by then
   * (Jetty writes the 101 before the socket opens on the server, so a handshake right after a bare
   * 101 can still race past the limits' check and get 4029 instead of 429).
   */
  static LoopbackSocket welcomed(App app, String from, String... headers) {
    LoopbackSocket s = open(app, from, headers);
    assertThat(s.status()).as("the handshake from " + from).isEqualTo(101);
    assertThat(s.nextFrame()).startsWith("text:{\"t\":\"welcome\"");
    return s;
  }

  /**
   * Whether the socket was refused: 429 at the handshake, or 4029 right after it opened, when its
   * handshake raced past the check.
   */
  boolean isRefused() {
    return status == 429 || status == 101 && nextFrame().equals("close:4029");
  }

  /** Upgrades {@code path} (with its query, such as {@code ?session=...}) from {@code from}. */
  static LoopbackSocket upgrade(App app, String from, String path, String... headers) {
    Socket socket = new Socket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.port()), 10_000);
      socket.setSoTimeout(10_000);
      byte[] key = new byte[16];
      StringBuilder request =
          new StringBuilder()
              .append("GET ")
              .append(path)
              .append(" HTTP/1.1\r\n")
              .append("Host: 127.0.0.1:")
              .append(app.port())
              .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
              .append("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
              .append(Base64.getEncoder().encodeToString(key))
              .append("\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      request.append("\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      String head = readHead(socket.getInputStream());
      int status = Integer.parseInt(head.substring(9, 12));
      return new LoopbackSocket(socket, status, head);
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already failing.
      }
      throw new UncheckedIOException("the handshake from " + from + " failed", e);
    }
  }

  /** The handshake's HTTP status: 101 when the socket opened. */
  int status() {
    return status;
  }

  /** The status line and headers of the answer. */
  String head() {
    return head;
  }

  /**
   * Reads the server's next frame after a 101: {@code "text:<payload>"} for a text frame, {@code
   * "close:<code>"} for a close frame.
   */
  String nextFrame() {
    try {
      InputStream in = socket.getInputStream();
      int first = read(in);
      long length = read(in) & 0x7f;
      if (length == 126) {
        length = (read(in) << 8) | read(in);
      } else if (length == 127) {
        throw new IOException("a frame longer than 65,535 bytes");
      }
      byte[] payload = in.readNBytes((int) length);
      int opcode = first & 0x0f;
      if (opcode == 0x8) {
        return "close:"
            + (payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8 | (payload[1] & 0xff)));
      }
      return (opcode == 0x1 ? "text:" : "opcode " + opcode + ":")
          + new String(payload, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int read(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("the server closed the connection");
    }
    return b;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed before answering: " + bytes);
      }
      bytes.write(b);
      matched =
          (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
