// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.ClientId;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the signed cookie that carries a browser's {@link ClientId}: {@code <random
 * id>.<HMAC-SHA256 of the id, base64url>}. The signature lets the server trust an id it issued
 * without storing it; a cookie whose signature does not match is treated as absent, so a forged or
 * tampered id is replaced rather than adopted.
 */
public final class ClientIdCookie {
  static final String NAME = "violetear_client";
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  // A Mac is not thread-safe, and looking one up and keying it costs more than the rest of a
  // check, so each server thread keys its own copy once and reuses it for every request.
  private final ThreadLocal<Mac> macs;

  public ClientIdCookie(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    Mac prototype = newMac(key);
    this.macs = ThreadLocal.withInitial(() -> copyOf(prototype));
  }

  /**
   * Returns the id of the request's valid cookie, or issues a new id and sets its cookie on the
   * response.
   */
  public ClientId resolve(Context ctx) {
    ClientId id = verified(valueIn(Collections.list(ctx.req().getHeaders("Cookie"))));
    if (id == null) {
      id = fresh();
      // Written by hand: the attributes are fixed and this keeps them visible in one place.
      ctx.res()
          .addHeader(
              "Set-Cookie",
              NAME
                  + "="
                  + cookieValue(id)
                  + "; Path=/; HttpOnly; SameSite=Lax"
                  + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
    }
    return id;
  }

  /**
   * The value of this cookie in a request's {@code Cookie} headers, or null. Read from the raw
   * headers: one cookie of a known name needs no general parser. (Jetty's header cache must match
   * case-sensitively for this to be right on a reused connection; see {@code WebServer}.)
   */
  static String valueIn(List<String> cookieHeaders) {
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(NAME)) {
          String value = pair.substring(eq + 1).trim();
          boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
          return quoted ? value.substring(1, value.length() - 1) : value;
        }
      }
    }
    return null;
  }

  /** Returns the id carried by a cookie value if its signature is ours, otherwise null. */
  ClientId verified(String cookieValue) {
    String id = cookieValue == null ? null : verify(cookieValue);
    return id == null ? null : ClientId.of(id);
  }

  /** The signed value of the cookie that carries {@code id}: {@code <id>.<signature>}. */
  String cookieValue(ClientId id) {
    return id.value() + "." + new String(signature(id.value()), StandardCharsets.US_ASCII);
  }

  /** Returns a new random id; the caller decides whether a cookie carries it. */
  static ClientId fresh() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return ClientId.of(BASE64URL.encodeToString(random));
  }

  /** Returns the id in {@code value} if its signature is ours, otherwise null. */
  private String verify(String value) {
    int dot = value.lastIndexOf('.');
    if (dot <= 0 || dot == value.length() - 1) {
      return null;
    }
    String id = value.substring(0, dot);
    byte[] expected = signature(id);
    byte[] actual = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    // Constant time, so the signature cannot be guessed byte by byte from response timings.
    return MessageDigest.isEqual(expected, actual) ? id : null;
  }

  /** The base64url HMAC of {@code id}, as ASCII bytes. */
  private byte[] signature(String id) {
    // doFinal also resets the Mac, so the thread's next request starts from the bare key.
    return BASE64URL.encode(macs.get().doFinal(id.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac copyOf(Mac prototype) {
    try {
      // Once per thread; the lock keeps two threads from cloning the shared prototype at once.
      synchronized (prototype) {
        return (Mac) prototype.clone();
      }
    } catch (CloneNotSupportedException e) {
      return newMac(key);
    }
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
    }
  }
}
