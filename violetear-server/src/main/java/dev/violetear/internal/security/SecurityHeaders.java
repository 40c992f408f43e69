// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import io.javalin.http.Context;

/**
 * The headers every page carries. The policy allows scripts only from our own origin, so markup
 * injected into a page cannot run script, and pages cannot be framed by other sites; the runtime
 * and bundle are served from {@code /_violetear/}, which keeps them inside {@code 'self'}.
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self';"
          + " form-action 'self'";

  /** Adds the page headers to {@code ctx}. */
  public static void forPage(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    forAny(ctx);
    ctx.header("Referrer-Policy", "same-origin");
  }

  /** Adds the headers that every response of ours carries, whatever its type. */
  public static void forAny(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
  }
}
