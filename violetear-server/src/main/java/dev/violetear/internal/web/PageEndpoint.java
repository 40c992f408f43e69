// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.internal.security.ClientIdCookie;
import dev.violetear.internal.security.RequestId;
import dev.violetear.internal.security.SecurityHeaders;
import dev.violetear.markup.Document;
import io.javalin.http.Context;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one view: builds its document for every request, checks that each bound callback will be
 * in the browser bundle, and renders it with the runtime and bundle scripts (none for a page
 * without client code).
 */
final class PageEndpoint {
  private static final Logger log = LoggerFactory.getLogger(PageEndpoint.class);

  private final String path;
  private final Supplier<Document> view;
  private final PageRenderer pages;
  private final ClientIdCookie clientIds;

  PageEndpoint(String path, Supplier<Document> view, PageRenderer pages, ClientIdCookie clientIds) {
    this.path = path;
    this.view = view;
    this.pages = pages;
    this.clientIds = clientIds;
  }

  void handle(Context ctx) {
    SecurityHeaders.forPage(ctx);
    // Pages name the current asset hashes, so a cached copy would outlive a redeploy.
    ctx.header("Cache-Control", "no-cache");
    String html;
    try {
      html = render();
    } catch (RuntimeException | LinkageError e) {
      String requestId = RequestId.next();
      log.error("View '{}' failed (request id {})", path, requestId, e);
      ctx.status(500)
          .contentType("text/plain; charset=utf-8")
          .result(
              "This page could not be shown because of an error on the server (request id "
                  + requestId
                  + "). The details are in the server log.");
      return;
    }
    clientIds.resolve(ctx);
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  private String render() {
    // A page of its own while the view runs: Document.initial gives its states their values.
    Document document = PageStates.build(view);
    if (document == null) {
      throw new IllegalStateException("View '" + path + "' returned null instead of a Document");
    }
    return pages.render(document, "View '" + path + "'");
  }
}
