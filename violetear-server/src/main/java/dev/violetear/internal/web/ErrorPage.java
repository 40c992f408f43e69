// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.internal.security.SecurityHeaders;
import dev.violetear.markup.Document;
import dev.violetear.markup.Html;
import io.javalin.http.Context;

/**
 * The page a browser shows when a request that navigates (a posted form) fails: the status in words
 * and the message, escaped, in a page without scripts or styles.
 */
final class ErrorPage {
  private ErrorPage() {}

  /** Answers {@code ctx} with {@code status} and a page that shows {@code message}. */
  static void send(Context ctx, int status, String message) {
    String title = title(status);
    String html =
        Document.titled(title)
            .body(Html.h1().text(title), Html.p().id("violetear-error").text(message))
            .render();
    SecurityHeaders.forPage(ctx);
    ctx.status(status).contentType("text/html; charset=utf-8").result(html);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Not signed in";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 413 -> "Too large";
      case 415 -> "Unsupported form encoding";
      default -> status >= 500 ? "Server error" : "Request refused";
    };
  }
}
