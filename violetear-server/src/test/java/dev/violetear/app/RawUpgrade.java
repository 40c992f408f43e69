// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A socket upgrade written by hand, for tests of what a client library would hide: the response
 * headers of the handshake and the bits of the frames that follow.
 */
final class RawUpgrade {
  private static final int RSV1 = 0x40;

  private RawUpgrade() {}

  /**
   * Sends a browser's upgrade request, with its usual deflate offer; returns the head of the
   * answer.
   */
  static String offeringDeflate(Socket socket, int port) throws IOException {
    return upgrade(
        socket, port, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
  }

  /** Sends an upgrade request with {@code extraHeaders}; returns the head of the answer. */
  static String upgrade(Socket socket, int port, String extraHeaders) throws IOException {
    byte[] nonce = new byte[16];
    String key = Base64.getEncoder().encodeToString(nonce);
    String request =
        "GET /_violetear/ws HTTP/1.1\r\n"
            + "Host: localhost:"
            + port
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\n"
            + extraHeaders
            + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(ISO_8859_1));
    out.flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    // Byte by byte, so that nothing of the first frame is consumed with the headers.
    while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection during the upgrade: " + head);
      }
      head.write(b);
    }
    return head.toString(ISO_8859_1);
  }

  /** One unmasked server frame. */
  record Frame(int opcode, boolean compressed, byte[] payload) {
    static Frame read(InputStream stream) throws IOException {
      DataInputStream in = new DataInputStream(stream);
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[Math.toIntExact(length)];
      in.readFully(payload);
      return new Frame(first & 0x0f, (first & RSV1) != 0, payload);
    }

    /**
     * The payload as text, inflated first when compressed (RFC 7692: raw deflate, tail removed).
     */
    String text() throws DataFormatException {
      if (!compressed) {
        return new String(payload, UTF_8);
      }
      Inflater inflater = new Inflater(true);
      try {
        byte[] input = new byte[payload.length + 4];
        System.arraycopy(payload, 0, input, 0, payload.length);
        input[payload.length + 2] = (byte) 0xff;
        input[payload.length + 3] = (byte) 0xff;
        inflater.setInput(input);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!inflater.needsInput()) {
          int n = inflater.inflate(chunk);
          if (n == 0 && inflater.needsInput()) {
            break;
          }
          text.write(chunk, 0, n);
          if (n == 0) {
            break;
          }
        }
        return text.toString(UTF_8);
      } finally {
        inflater.end();
      }
    }
  }
}
