// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a plain TCP socket that writes frames byte by byte (RFC 6455 §5.2), for the
 * inputs a proper client library refuses to send: text frames that are not UTF-8, fragments,
 * reserved opcodes. It reads the server's frames one by one, or skips to the close code.
 */
final class ByteSocket implements AutoCloseable {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int RESERVED = 0x3;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  /** A frame from the server: its opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private ByteSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens a socket to {@code app}, with {@code cookie} as {@code violetear_client} unless null. */
  static ByteSocket open(App app, String cookie) {
    try {
      Socket socket = new Socket("localhost", app.port());
      socket.setSoTimeout(10_000);
      ByteSocket s = new ByteSocket(socket);
      String request =
          "GET /_violetear/ws HTTP/1.1\r\n"
              + "Host: localhost:"
              + app.port()
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
              + Base64.getEncoder().encodeToString(new byte[16])
              + "\r\n"
              + (cookie == null ? "" : "Cookie: violetear_client=" + cookie + "\r\n")
              + "\r\n";
      s.out.write(request.getBytes(StandardCharsets.US_ASCII));
      s.out.flush();
      String head = s.readHead();
      if (!head.startsWith("HTTP/1.1 101")) {
        socket.close();
        throw new IllegalStateException("upgrade refused: " + head);
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one masked frame; false when the server has already closed the connection. */
  boolean send(boolean fin, int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xFF);
      }
    }
    byte[] mask = {0x12, 0x34, 0x56, 0x78};
    frame.write(mask, 0, 4);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads the server's frames until its close frame and returns the close code; -1 when the
   * connection ends without one.
   */
  int awaitCloseCode() {
    try {
      while (true) {
        Frame frame = next();
        if (frame.opcode() == CLOSE) {
          byte[] payload = frame.payload();
          return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
      }
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof EOFException) {
        return -1;
      }
      throw e;
    }
  }

  /** Reads the server's next frame (servers do not mask theirs). */
  Frame next() {
    try {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      return new Frame(first & 0x0F, payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        throw new EOFException("the server closed during the upgrade: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
