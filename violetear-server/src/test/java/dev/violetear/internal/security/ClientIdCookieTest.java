// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.ClientId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The cookie signature with each thread's reused Mac: it must sign exactly as a freshly keyed Mac
 * does, keep apps with different secrets apart on one thread, and carry nothing from one check to
 * the next. The HTTP behaviour is in ClientIdTest.
 */
class ClientIdCookieTest {
  private static final byte[] SECRET = secret(7);
  private static final byte[] OTHER_SECRET = secret(8);

  @Test
  void signaturesAreTheHmacOfAFreshlyKeyedMac() throws Exception {
    ClientIdCookie cookies = new ClientIdCookie(SECRET);
    // Several in a row on one thread: a Mac left dirty by one would spoil the next.
    for (String id : List.of("a", "bbbbbbbbbbbbbbbbbbbbbb", "a", "ü-not-ascii", "c")) {
      assertThat(cookies.cookieValue(ClientId.of(id))).isEqualTo(id + "." + hmac(SECRET, id));
    }
  }

  @Test
  void aCookieSignedWithAnotherSecretIsRejectedOnTheSameThread() {
    ClientIdCookie ours = new ClientIdCookie(SECRET);
    ClientIdCookie theirs = new ClientIdCookie(OTHER_SECRET);
    ClientId id = ClientIdCookie.fresh();
    String ourValue = ours.cookieValue(id);
    String theirValue = theirs.cookieValue(id);

    // Both Macs of this thread are in use before and between the checks.
    assertThat(ours.verified(ourValue)).isEqualTo(id);
    assertThat(theirs.verified(theirValue)).isEqualTo(id);
    assertThat(ours.verified(theirValue)).isNull();
    assertThat(theirs.verified(ourValue)).isNull();
    assertThat(ours.verified(ourValue)).isEqualTo(id);
    assertThat(new ClientIdCookie(SECRET).verified(ourValue)).isEqualTo(id);
  }

  @Test
  void forgedAndMalformedCookiesAreRejected() {
    ClientIdCookie cookies = new ClientIdCookie(SECRET);
    ClientId id = ClientIdCookie.fresh();
    String value = cookies.cookieValue(id);
    String signature = value.substring(value.indexOf('.') + 1);
    char last = signature.charAt(signature.length() - 1);
    String tampered =
        value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A'); // one bit off

    assertThat(cookies.verified(value)).isEqualTo(id);
    assertThat(cookies.verified(tampered)).isNull();
    assertThat(cookies.verified("another" + value)).isNull();
    assertThat(cookies.verified(id.value() + "." + signature.substring(1))).isNull();
    assertThat(cookies.verified(id.value() + "." + signature + "A")).isNull();
    for (String malformed : List.of("", ".", id.value(), id.value() + ".", "." + signature)) {
      assertThat(cookies.verified(malformed)).as(malformed).isNull();
    }
    assertThat(cookies.verified(null)).isNull();
    // After all those refusals the thread's Mac still signs as before.
    assertThat(cookies.verified(value)).isEqualTo(id);
  }

  @Test
  void threadsCheckCookiesSideBySide() throws Exception {
    ClientIdCookie cookies = new ClientIdCookie(SECRET);
    ClientIdCookie other = new ClientIdCookie(OTHER_SECRET);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        checks.add(
            pool.submit(
                () -> {
                  ClientId id = ClientIdCookie.fresh();
                  return id.equals(cookies.verified(cookies.cookieValue(id)))
                      && cookies.verified(other.cookieValue(id)) == null
                      && other.verified(cookies.cookieValue(id)) == null;
                }));
      }
      for (Future<Boolean> check : checks) {
        assertThat(check.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String hmac(byte[] secret, String id) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] secret(int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return secret;
  }

  @Test
  void theCookieIsFoundAmongOthersInAnyOfTheHeaders() {
    assertThat(ClientIdCookie.valueIn(List.of("a=1; violetear_client=abc.def; b=2")))
        .isEqualTo("abc.def");
    assertThat(ClientIdCookie.valueIn(List.of("a=1", "violetear_client = \"x.y\" ")))
        .isEqualTo("x.y");
    assertThat(ClientIdCookie.valueIn(List.of("my_violetear_client=no; violetear_clientx=no")))
        .isNull();
    assertThat(ClientIdCookie.valueIn(List.of("violetear_client="))).isEmpty();
    assertThat(ClientIdCookie.valueIn(List.of())).isNull();
  }
}
