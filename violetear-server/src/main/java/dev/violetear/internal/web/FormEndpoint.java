// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.internal.Caller;
import dev.violetear.internal.forms.FormAction;
import dev.violetear.internal.forms.FormAnswer;
import dev.violetear.internal.forms.FormBody;
import dev.violetear.internal.rpc.BodyReader;
import dev.violetear.internal.security.AppGuard;
import dev.violetear.internal.security.ClientIdCookie;
import dev.violetear.internal.security.FormOrigin;
import dev.violetear.internal.security.HttpGuardRequest;
import dev.violetear.internal.security.RequestId;
import dev.violetear.internal.security.SecurityHeaders;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@code POST} to one form route: refuses another site's post (403), runs the app's guard
 * (401, 403), reads a form body (415, 413, 400), then runs the route as the posting client and
 * answers with its redirect (303) or page (422). Every failure is an HTML page that says what went
 * wrong, since a browser shows it as it is; a failure of the app's code is logged with a request
 * id, which is all the page tells.
 *
 * <p>A post from the forms script (header {@code X-Violetear-Form: 1}) gets its redirect as 204
 * with {@code X-Violetear-Location}, since {@code fetch} follows a 303 itself and cannot follow one
 * to another site; the script then loads that location.
 */
final class FormEndpoint {
  static final String ENHANCED_HEADER = "X-Violetear-Form";
  static final String LOCATION_HEADER = "X-Violetear-Location";
  private static final Logger log = LoggerFactory.getLogger(FormEndpoint.class);

  private final Object app;
  private final FormAction action;
  private final PageRenderer pages;
  private final FormOrigin origins;
  private final ClientIdCookie clientIds;
  private final AppGuard guard;
  private final long maxRequestBytes;

  FormEndpoint(
      Object app,
      FormAction action,
      PageRenderer pages,
      FormOrigin origins,
      ClientIdCookie clientIds,
      AppGuard guard,
      long maxRequestBytes) {
    this.app = app;
    this.action = action;
    this.pages = pages;
    this.origins = origins;
    this.clientIds = clientIds;
    this.guard = guard;
    this.maxRequestBytes = maxRequestBytes;
  }

  void handle(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    String what = "the form posted to " + action.path();
    String refusal = origins.refusal(ctx, "a form posted to " + action.path());
    if (refusal != null) {
      closeUnread(ctx);
      ErrorPage.send(ctx, 403, refusal);
      return;
    }
    ClientId caller = clientIds.resolve(ctx);
    boolean isBodyRead = false;
    try {
      Object principal =
          guard.admit(new HttpGuardRequest(ctx, caller), "a form posted to " + action.path());
      String contentType = ctx.header("Content-Type");
      FormBody.Kind kind = FormBody.kindOf(contentType, capitalized(what));
      byte[] body = BodyReader.readBody(ctx.req(), maxRequestBytes, what);
      isBodyRead = true;
      Map<String, List<String>> fields = FormBody.parse(kind, contentType, body, capitalized(what));
      FormAnswer answer = Caller.with(app, caller, principal, () -> action.submit(fields));
      if (answer.isRedirect()) {
        redirect(ctx, answer.location());
      } else {
        String html =
            pages.render(answer.page(), "The page of App.form(\"" + action.path() + "\", ...)");
        SecurityHeaders.forPage(ctx);
        ctx.status(answer.status()).contentType("text/html; charset=utf-8").result(html);
      }
    } catch (RpcException e) {
      if (!isBodyRead) {
        closeUnread(ctx);
      }
      ErrorPage.send(ctx, e.status(), e.getMessage());
    } catch (Exception | LinkageError e) {
      String requestId = RequestId.next();
      log.error("The form posted to {} failed (request id {})", action.path(), requestId, e);
      ErrorPage.send(
          ctx,
          500,
          "This form could not be handled because of an error on the server (request id "
              + requestId
              + "). The details are in the server log.");
    }
  }

  private static void redirect(Context ctx, String location) {
    SecurityHeaders.forAny(ctx);
    if ("1".equals(ctx.header(ENHANCED_HEADER))) {
      ctx.status(204).header(LOCATION_HEADER, location);
    } else {
      ctx.status(303).header("Location", location);
    }
  }

  /**
   * Ends the connection after a refusal that left the request's body unread: Jetty closes such a
   * connection after the answer, and a browser that does not know it would send its next request on
   * it and get nothing.
   */
  private static void closeUnread(Context ctx) {
    if (ctx.req().getContentLengthLong() != 0) {
      ctx.header("Connection", "close");
    }
  }

  private static String capitalized(String what) {
    return Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }
}
