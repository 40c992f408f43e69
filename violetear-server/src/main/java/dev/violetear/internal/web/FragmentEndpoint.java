// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.app.FragmentRequest;
import dev.violetear.internal.Caller;
import dev.violetear.internal.security.AppGuard;
import dev.violetear.internal.security.ClientIdCookie;
import dev.violetear.internal.security.HttpGuardRequest;
import dev.violetear.internal.security.RequestId;
import dev.violetear.internal.security.SecurityHeaders;
import dev.violetear.internal.wire.ErrorReports;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import io.javalin.http.Context;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one fragment: runs the app's guard on the request, builds the element as the calling
 * client, checks that each bound callback will be in the browser bundle, and answers the element's
 * HTML alone, with a page's security headers and never cached.
 *
 * <p>The runtime activates the classes a page lists in its meta tags, and a fragment may bind
 * classes the page does not: so the answer names the classes of its bindings in {@value
 * #CLASSES_HEADER}, and {@value #SOCKET_HEADER} says {@code eager} when one has handlers the server
 * may reach at any time; the loader hands both to the runtime, which activates those classes (and
 * opens an idle page's socket) as the fragment goes in. Headers rather than markup, so that nothing
 * a fragment renders can claim them. A failure answers the RPC error body, which the loader turns
 * into the exception client code catches.
 */
final class FragmentEndpoint {
  static final String CLASSES_HEADER = "X-Violetear-Classes";
  static final String SOCKET_HEADER = "X-Violetear-Socket";
  private static final Logger log = LoggerFactory.getLogger(FragmentEndpoint.class);

  private final Object app;
  private final String path;
  private final Function<FragmentRequest, Element> fragment;
  private final RegisteredClasses registered;
  private final Set<Class<?>> listening;
  private final ClientIdCookie clientIds;
  private final AppGuard guard;
  private final ObjectMapper mapper;

  FragmentEndpoint(
      Object app,
      String path,
      Function<FragmentRequest, Element> fragment,
      RegisteredClasses registered,
      Set<Class<?>> listening,
      ClientIdCookie clientIds,
      AppGuard guard,
      ObjectMapper mapper) {
    this.app = app;
    this.path = path;
    this.fragment = fragment;
    this.registered = registered;
    this.listening = Set.copyOf(listening);
    this.clientIds = clientIds;
    this.guard = guard;
    this.mapper = mapper;
  }

  void handle(Context ctx) {
    SecurityHeaders.forPage(ctx);
    ctx.header("Cache-Control", "no-store");
    ClientId caller = clientIds.resolve(ctx);
    Document markup;
    String html;
    try {
      // GuardRejection and the guard's failures are RpcExceptions, answered below.
      Object principal =
          guard.admit(new HttpGuardRequest(ctx, caller), "a request for fragment " + path);
      Element element =
          Caller.with(app, caller, principal, () -> fragment.apply(new HttpFragmentRequest(ctx)));
      if (element == null) {
        throw new IllegalStateException(
            "Fragment '" + path + "' returned null instead of an Element");
      }
      markup = Document.titled(path).body(element);
      registered.check("Fragment '" + path + "'", markup);
      html = element.render();
    } catch (RpcException e) {
      error(ctx, ErrorReports.status(e), e.type(), e.getMessage());
      return;
    } catch (Exception | LinkageError e) {
      String requestId = RequestId.next();
      log.error("Fragment '{}' failed (request id {})", path, requestId, e);
      error(
          ctx,
          500,
          "ServerError",
          "Fragment '"
              + path
              + "' failed on the server (request id "
              + requestId
              + "). The details are in the server log.");
      return;
    }
    StringBuilder names = new StringBuilder();
    boolean isListening = false;
    for (Class<?> c : markup.activeClasses()) {
      names.append(names.length() == 0 ? "" : " ").append(c.getSimpleName());
      isListening |= listening.contains(c);
    }
    if (names.length() > 0) {
      ctx.header(CLASSES_HEADER, names.toString());
      ctx.header(SOCKET_HEADER, isListening ? "eager" : "lazy");
    }
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  private void error(Context ctx, int status, String type, String message) {
    ctx.status(status)
        .contentType("application/json; charset=utf-8")
        .result(ErrorReports.json(mapper, type, message));
  }
}
