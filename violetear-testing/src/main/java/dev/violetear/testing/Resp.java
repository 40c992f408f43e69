// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The few bytes of the Redis protocol (RESP2) that {@link RedisServer} and its tests need: one
 * command on a fresh loopback connection, one reply. A client library would be a dependency of
 * every test tree that uses this module; PING, SHUTDOWN and FLUSHALL do not justify one.
 *
 * <pre>{@code
 * Object pong = Resp.command(redis.port(), "PING");   // "PONG"
 * }</pre>
 *
 * <p>Replies map to {@code String} (simple and bulk strings), {@code Long} (integers), {@code
 * List<Object>} (arrays) and {@code null} (nil); an error reply is thrown as {@link ErrorReply}.
 */
final class Resp {
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private Resp() {}

  /** An error reply ({@code -ERR ...}, {@code -LOADING ...}): the server answered, and said no. */
  static final class ErrorReply extends IOException {
    private static final long serialVersionUID = 1L;

    ErrorReply(String message) {
      super("Redis replied '-" + message + "'");
    }
  }

  /**
   * Sends one command to the server on {@code 127.0.0.1:port} and returns its reply.
   *
   * @throws EOFException if the server closed the connection without a reply, as SHUTDOWN does
   * @throws ErrorReply if the server replied with an error
   * @throws IOException if it cannot connect or the reply does not come within 5 seconds
   */
  static Object command(int port, String... args) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(encode(args));
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    }
  }

  static byte[] encode(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("*" + args.length + "\r\n").getBytes(UTF_8));
    for (String arg : args) {
      byte[] data = arg.getBytes(UTF_8);
      bytes.writeBytes(("$" + data.length + "\r\n").getBytes(UTF_8));
      bytes.writeBytes(data);
      bytes.writeBytes("\r\n".getBytes(UTF_8));
    }
    return bytes.toByteArray();
  }

  static Object read(InputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("Redis closed the connection without a reply");
    }
    String line = readLine(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new ErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        {
          int length = Integer.parseInt(line);
          if (length < 0) {
            return null;
          }
          byte[] data = in.readNBytes(length);
          if (data.length < length || !readLine(in).isEmpty()) {
            throw new EOFException("Redis sent a truncated bulk string");
          }
          return new String(data, UTF_8);
        }
      case '*':
        {
          int count = Integer.parseInt(line);
          if (count < 0) {
            return null;
          }
          List<Object> items = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            items.add(read(in));
          }
          return items;
        }
      default:
        throw new IOException("Redis sent an unknown reply type '" + (char) type + "'");
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int next = in.read();
      if (next < 0) {
        throw new EOFException("Redis closed the connection in the middle of a reply");
      }
      if (previous == '\r' && next == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, UTF_8);
      }
      line.write(next);
      previous = next;
    }
  }
}
