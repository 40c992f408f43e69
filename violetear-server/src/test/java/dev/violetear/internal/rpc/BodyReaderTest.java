// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.violetear.RpcException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reading bodies whose declared length is right, wrong or missing, arriving whole or a byte at a
 * time; the HTTP behaviour is in RequestLimitsTest.
 */
class BodyReaderTest {
  private static final long MAX = 100_000;
  private static final String TOO_LARGE =
      "The body of the call to F.f is larger than 100000 bytes, the limit set by"
          + " AppConfig.maxRequestBytes";

  @Test
  void readsBodiesOfTheirDeclaredLength() {
    for (int size : new int[] {0, 1, 13, 8192, 65_536, 65_537, 99_999, 100_000}) {
      byte[] body = body(size);
      for (boolean trickle : new boolean[] {false, true}) {
        assertThat(BodyReader.read(request(body, size, trickle), MAX, "F.f"))
            .as(size + (trickle ? " in single bytes" : ""))
            .isEqualTo(body);
      }
    }
  }

  @Test
  void readsBodiesWithoutALength() {
    for (int size : new int[] {0, 1, 8193, 100_000}) {
      byte[] body = body(size);
      assertThat(BodyReader.read(request(body, -1, false), MAX, "F.f")).isEqualTo(body);
      assertThat(BodyReader.read(request(body, -1, true), MAX, "F.f")).isEqualTo(body);
    }
  }

  @Test
  void aBodyThatDeclaredLessIsReadToItsEndAndStillCounted() {
    byte[] body = body(500);
    assertThat(BodyReader.read(request(body, 20, false), MAX, "F.f")).isEqualTo(body);
    assertThat(BodyReader.read(request(body, 0, true), MAX, "F.f")).isEqualTo(body);

    byte[] large = body((int) MAX + 1);
    for (long declared : new long[] {0, 10, MAX}) {
      RpcException e =
          catchThrowableOfType(
              RpcException.class,
              () -> BodyReader.read(request(large, declared, false), MAX, "F.f"));
      assertThat(e.status()).isEqualTo(413);
      assertThat(e.type()).isEqualTo("PayloadTooLarge");
      assertThat(e.getMessage()).isEqualTo(TOO_LARGE);
    }
  }

  @Test
  void aBodyThatEndsBeforeItsDeclaredLengthIsWhatArrived() {
    byte[] body = body(30);
    assertThat(BodyReader.read(request(body, 100, false), MAX, "F.f")).isEqualTo(body);
    assertThat(BodyReader.read(request(body, 100, true), MAX, "F.f")).isEqualTo(body);
  }

  @Test
  void declaredOrActualExcessIsRefused() {
    for (long declared : new long[] {MAX + 1, MAX * 100, -1}) {
      RpcException e =
          catchThrowableOfType(
              RpcException.class,
              () -> BodyReader.read(request(body((int) MAX + 1), declared, false), MAX, "F.f"));
      assertThat(e.status()).isEqualTo(413);
      assertThat(e.getMessage()).isEqualTo(TOO_LARGE);
    }
  }

  @Test
  void anUnreadableBodyIsABadRequest() {
    HttpServletRequest broken = request(null, 10, false);
    RpcException e =
        catchThrowableOfType(RpcException.class, () -> BodyReader.read(broken, MAX, "F.f"));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.type()).isEqualTo("BadRequest");
    assertThat(e.getMessage()).isEqualTo("The body of the call to F.f could not be read");
  }

  private static byte[] body(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'a');
    if (size > 0) {
      body[size - 1] = 'z';
    }
    return body;
  }

  /**
   * A request with {@code body} (null: reading fails) and a declared length (-1: none); {@code
   * trickle} hands the body out a byte per read, as a slow network might.
   */
  private static HttpServletRequest request(byte[] body, long declared, boolean trickle) {
    ServletInputStream in = new FakeInput(body, trickle);
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            BodyReaderTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getContentLengthLong" -> declared;
                  case "getContentLength" -> (int) declared;
                  case "getInputStream" -> in;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static final class FakeInput extends ServletInputStream {
    private final ByteArrayInputStream bytes;
    private final boolean trickle;

    FakeInput(byte[] body, boolean trickle) {
      this.bytes = body == null ? null : new ByteArrayInputStream(body);
      this.trickle = trickle;
    }

    @Override
    public int read() throws IOException {
      if (bytes == null) {
        throw new IOException("connection reset");
      }
      return bytes.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (bytes == null) {
        throw new IOException("connection reset");
      }
      return bytes.read(b, off, trickle ? Math.min(len, 1) : len);
    }

    @Override
    public boolean isFinished() {
      return bytes == null || bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new UnsupportedOperationException();
    }
  }
}
