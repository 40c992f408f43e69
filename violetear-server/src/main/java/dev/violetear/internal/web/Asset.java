// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.VioletearException;
import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.security.SecurityHeaders;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A script served under a URL that contains its content hash. Because a changed script gets a new
 * URL, browsers may cache each URL forever; a URL with another hash is simply not found.
 */
final class Asset {
  static final String RUNTIME_RESOURCE = "/dev/violetear/internal/runtime/violetear.js";
  private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String path;
  private final byte[] content;

  private Asset(String path, byte[] content) {
    this.path = path;
    this.content = content;
  }

  /** Returns the URL path, for example {@code /_violetear/bundle.3f2a9c0d1e4b5a67.js}. */
  String path() {
    return path;
  }

  /**
   * Loads the browser runtime from the classpath.
   *
   * @throws VioletearException when the resource is missing
   */
  static Asset runtime() {
    byte[] content;
    try (InputStream in = Asset.class.getResourceAsStream(RUNTIME_RESOURCE)) {
      if (in == null) {
        throw new VioletearException(
            "The browser runtime '"
                + RUNTIME_RESOURCE
                + "' is not on the classpath; the"
                + " violetear-server jar is incomplete. Rebuild it or check how it is packaged.");
      }
      content = in.readAllBytes();
    } catch (IOException e) {
      throw new VioletearException(
          "The browser runtime '" + RUNTIME_RESOURCE + "' could not be read: " + e.getMessage(), e);
    }
    return new Asset("/_violetear/violetear." + sha256(content).substring(0, 16) + ".js", content);
  }

  /**
   * The compiled app bundle, under the compiler's hash.
   *
   * @throws VioletearException when the hash cannot be part of a URL
   */
  static Asset bundle(Bundle bundle) {
    if (!HASH.matcher(bundle.hash()).matches()) {
      throw new VioletearException(
          "The bundle compiler returned the hash '"
              + bundle.hash()
              + "', which cannot be part of"
              + " a URL; expected 1 to 64 letters, digits, '-' or '_'.");
    }
    return new Asset(
        "/_violetear/bundle." + bundle.hash() + ".js",
        bundle.js().getBytes(StandardCharsets.UTF_8));
  }

  /** Serves the script with headers that let browsers and proxies cache it forever. */
  void serve(Context ctx) {
    SecurityHeaders.forAny(ctx);
    ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    ctx.contentType("text/javascript; charset=utf-8");
    // Compress at any size: the response is computed once per request but cached for a year.
    ctx.minSizeForCompression(0);
    ctx.result(content);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
