// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import dev.violetear.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body of at most a given size. The declared Content-Length is checked first so
 * that an honest large request is refused without reading it; the bytes actually read are counted
 * too, because a chunked body declares no length and a client may lie about it.
 *
 * <p>A body refused as too large is still read and discarded, up to 2 MiB past the limit, before
 * the 413 goes out: closing a connection with unread bytes makes TCP reset it, and the reset can
 * destroy the response before the client reads it (Tomcat's maxSwallowSize does the same).
 *
 * <pre>{@code
 * byte[] body = BodyReader.readBody(ctx.req(), maxRequestBytes, "the form posted to /sign");
 * }</pre>
 *
 * <p>Internal: the RPC endpoint and the form routes read their bodies with it.
 */
public final class BodyReader {
  private static final int CHUNK = 8192;
  private static final long SWALLOW_BYTES = 2L * 1024 * 1024;
  // The most allocated up front from a declared length; larger bodies grow as they arrive.
  private static final int EXACT_MAX = CHUNK * 8;

  private BodyReader() {}

  /**
   * Returns the whole body of a call to {@code function}.
   *
   * @throws RpcException {@code PayloadTooLarge} (413) beyond {@code maxBytes}, or {@code
   *     BadRequest} (400) when the body cannot be read
   */
  static byte[] read(HttpServletRequest req, long maxBytes, String function) {
    return readBody(req, maxBytes, "the call to " + function);
  }

  /**
   * Returns the whole body of {@code what}, as {@link #read} does.
   *
   * @param what the request, in messages: "The body of {@code what} is larger than..."
   */
  public static byte[] readBody(HttpServletRequest req, long maxBytes, String what) {
    long declared = req.getContentLengthLong();
    if (declared > maxBytes) {
      if (declared - maxBytes <= SWALLOW_BYTES) {
        try (InputStream in = req.getInputStream()) {
          swallow(in, declared);
        } catch (IOException e) {
          // The client is gone; nobody reads the 413 anyway.
        }
      }
      throw tooLarge(what, maxBytes);
    }
    try (InputStream in = req.getInputStream()) {
      if (declared >= 0 && declared <= EXACT_MAX) {
        return readDeclared(in, (int) declared, maxBytes, what);
      }
      // Never pre-allocate much from the declared length alone: it is only a hint from the client.
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : CHUNK, EXACT_MAX));
      return readRest(in, out, maxBytes, what);
    } catch (IOException e) {
      throw new RpcException("BadRequest", "The body of " + what + " could not be read", 400);
    }
  }

  /**
   * Reads a body that declared a small length into an array of exactly that size, the common case
   * that needs no growing buffer and no copy; a body that goes on past its declared length is
   * counted on like one that declared none.
   */
  private static byte[] readDeclared(InputStream in, int declared, long maxBytes, String what)
      throws IOException {
    byte[] body = new byte[declared];
    int filled = 0;
    int n;
    while (filled < declared && (n = in.read(body, filled, declared - filled)) != -1) {
      filled += n;
    }
    if (filled < declared) {
      return Arrays.copyOf(body, filled);
    }
    int next = in.read();
    if (next == -1) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared + CHUNK);
    out.write(body);
    out.write(next);
    if (out.size() > maxBytes) {
      swallow(in, SWALLOW_BYTES);
      throw tooLarge(what, maxBytes);
    }
    return readRest(in, out, maxBytes, what);
  }

  /** Reads what is left of the body after the bytes already in {@code out}. */
  private static byte[] readRest(
      InputStream in, ByteArrayOutputStream out, long maxBytes, String what) throws IOException {
    byte[] buffer = new byte[CHUNK];
    long total = out.size();
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        swallow(in, SWALLOW_BYTES);
        throw tooLarge(what, maxBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** Reads and discards up to {@code limit} bytes of what is left of a refused body. */
  private static void swallow(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[CHUNK];
    long left = limit;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
      left -= n;
    }
  }

  private static RpcException tooLarge(String what, long maxBytes) {
    return new RpcException(
        "PayloadTooLarge",
        "The body of "
            + what
            + " is larger than "
            + maxBytes
            + " bytes, the limit set by AppConfig.maxRequestBytes",
        413);
  }
}
