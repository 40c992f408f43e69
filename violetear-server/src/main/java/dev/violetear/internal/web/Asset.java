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
  static final String SOCKET_RESOURCE = "/dev/violetear/internal/runtime/violetear-socket.js";
  static final String FORMS_RESOURCE = "/dev/violetear/internal/runtime/forms.js";
  private static final String SCRIPT_TYPE = "text/javascript; charset=utf-8";
  private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String path;
  private final String contentType;
  private final byte[] content;

  /** The source map the script names in its SourceMap header; null for none. */
  private final Asset sourceMap;

  private Asset(String path, String contentType, byte[] content, Asset sourceMap) {
    this.path = path;
    this.contentType = contentType;
    this.content = content;
    this.sourceMap = sourceMap;
  }

  /** Returns the URL path, for example {@code /_violetear/bundle.3f2a9c0d1e4b5a67.js}. */
  String path() {
    return path;
  }

  /** Returns the source map named in this script's SourceMap header, or null when it has none. */
  Asset sourceMap() {
    return sourceMap;
  }

  /**
   * Loads the browser runtime from the classpath: the minified script and its source map, which the
   * build writes from {@code src/main/js/violetear.js}.
   *
   * @throws VioletearException when either resource is missing
   */
  static Asset runtime() {
    return script(RUNTIME_RESOURCE, "violetear");
  }

  /**
   * Loads the socket half of the runtime, which only pages that may need the server's socket get,
   * as {@link #runtime()} does, from {@code src/main/js/violetear-socket.js}.
   *
   * @throws VioletearException when either resource is missing
   */
  static Asset socket() {
    return script(SOCKET_RESOURCE, "violetear-socket");
  }

  /**
   * Loads the script that posts {@code Form.post} forms without a reload, as {@link #runtime()}
   * does, from {@code src/main/js/forms.js}.
   *
   * @throws VioletearException when either resource is missing
   */
  static Asset forms() {
    return script(FORMS_RESOURCE, "forms");
  }

  private static Asset script(String resource, String name) {
    byte[] content = resource(resource);
    String path = "/_violetear/" + name + "." + sha256(content).substring(0, 16) + ".js";
    Asset map =
        new Asset(
            path + ".map", "application/json; charset=utf-8", resource(resource + ".map"), null);
    return new Asset(path, SCRIPT_TYPE, content, map);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Asset.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new VioletearException(
            "The browser runtime's '"
                + name
                + "' is not on the classpath; the violetear-server jar is"
                + " incomplete. Build it with Maven, which minifies the scripts of src/main/js/"
                + " into it, or check how it is packaged.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new VioletearException(
          "The browser runtime's '" + name + "' could not be read: " + e.getMessage(), e);
    }
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
        SCRIPT_TYPE,
        bundle.js().getBytes(StandardCharsets.UTF_8),
        null);
  }

  /** Serves the content with headers that let browsers and proxies cache it forever. */
  void serve(Context ctx) {
    SecurityHeaders.forAny(ctx);
    ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    if (sourceMap != null) {
      // Developer tools fetch the map only when they are open, so pages never pay for it.
      ctx.header("SourceMap", sourceMap.path);
    }
    ctx.contentType(contentType);
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
