// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import dev.violetear.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body of at most a given size. The declared Content-Length is checked first so
 * that an honest large request is refused without reading it; the bytes actually read are counted
 * too, because a chunked body declares no length and a client may lie about it.
 */
final class BodyReader {
  private static final int CHUNK = 8192;

  private BodyReader() {}

  /**
   * Returns the whole body.
   *
   * @throws RpcException {@code PayloadTooLarge} (413) beyond {@code maxBytes}, or {@code
   *     BadRequest} (400) when the body cannot be read
   */
  static byte[] read(HttpServletRequest req, long maxBytes, String function) {
    long declared = req.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(function, maxBytes);
    }
    // Never pre-allocate from the declared length alone: it is only a hint from the client.
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : CHUNK, CHUNK * 8L));
    byte[] buffer = new byte[CHUNK];
    long total = 0;
    try (InputStream in = req.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge(function, maxBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new RpcException(
          "BadRequest", "The body of the call to " + function + " could not be read", 400);
    }
    return out.toByteArray();
  }

  /** Whether {@code body} is well-formed UTF-8: no overlong forms, surrogates or stray bytes. */
  static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static RpcException tooLarge(String function, long maxBytes) {
    return new RpcException(
        "PayloadTooLarge",
        "The body of the call to "
            + function
            + " is larger than "
            + maxBytes
            + " bytes, the limit set by AppConfig.maxRequestBytes",
        413);
  }
}
