// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.internal.Caller;
import dev.violetear.internal.security.AppGuard;
import dev.violetear.internal.security.ClientIdCookie;
import dev.violetear.internal.security.HttpGuardRequest;
import dev.violetear.internal.security.OriginPolicy;
import dev.violetear.internal.security.RequestId;
import dev.violetear.internal.security.SecurityHeaders;
import dev.violetear.internal.wire.ErrorReports;
import dev.violetear.internal.wire.WireJson;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@code POST /_violetear/rpc/{fn}}: checks the request, converts the arguments, calls the
 * method as the calling client and answers {@code {"result": ...}} or {@code {"error": {"type",
 * "message"}}}. Each request is independent: whatever one request does wrong ends in its own error
 * response, and nothing about it is kept.
 *
 * <p>A call from another site's page is refused first, with 403 {@code ForbiddenOrigin} (see {@link
 * OriginPolicy}); then the app's guard runs before the body is read (see {@link AppGuard}), and a
 * {@code @Server.SignedIn} function refuses a caller it admitted without a principal with 401
 * {@code Unauthenticated}; a body beyond the parser's limits (see {@link WireJson}) gets 400 {@code
 * BadRequest} naming the limit.
 */
public final class RpcEndpoint {
  public static final String PATH = "/_violetear/rpc/{fn}";
  private static final Logger log = LoggerFactory.getLogger(RpcEndpoint.class);
  // Jetty's own spelling of this type, which it recognises without parsing.
  private static final String JSON = "application/json;charset=utf-8";
  // Below Javalin's threshold for compression (1500 bytes) with room to spare.
  private static final int SMALL_ANSWER = 1024;

  private final Map<String, RpcFunction> functions;
  private final ObjectMapper mapper;
  private final ClientIdCookie clientIds;
  private final long maxRequestBytes;
  private final OriginPolicy origins;
  private final AppGuard guard;
  // The App the functions run in, for App.current().
  private final Object app;

  public RpcEndpoint(
      Object app,
      Map<String, RpcFunction> functions,
      ObjectMapper mapper,
      ClientIdCookie clientIds,
      long maxRequestBytes,
      OriginPolicy origins,
      AppGuard guard) {
    this.functions = Map.copyOf(functions);
    this.mapper = mapper;
    this.clientIds = clientIds;
    this.maxRequestBytes = maxRequestBytes;
    this.origins = origins;
    this.guard = guard;
    this.app = app;
  }

  public void handle(Context ctx) {
    SecurityHeaders.forAny(ctx);
    ctx.header("Cache-Control", "no-store");
    String name = ctx.pathParam("fn");
    // Before anything else, so that another site's page learns nothing, not even a client id.
    String what = "a call to " + ErrorReports.shorten(name);
    String refusal = origins.refusal(ctx, what);
    if (refusal != null) {
      closeUnread(ctx);
      error(ctx, 403, "ForbiddenOrigin", refusal);
      return;
    }
    ClientId caller = clientIds.resolve(ctx);
    boolean isBodyRead = false;
    try {
      // GuardRejection and the guard's failures are RpcExceptions, answered below.
      Object principal = guard.admit(new HttpGuardRequest(ctx, caller), what);
      RpcFunction function = functions.get(name);
      if (function == null) {
        throw new RpcException(
            "UnknownFunction", RpcFunction.unknownMessage(name, "@Server.Rpc"), 404);
      }
      if (function.isSignedIn() && principal == null) {
        throw new RpcException("Unauthenticated", function.signedInMessage(false), 401);
      }
      checkContentType(ctx, name);
      byte[] body = BodyReader.read(ctx.req(), maxRequestBytes, name);
      isBodyRead = true;
      Object[] args = CallArguments.read(function, mapper, body, name);
      Object result;
      try {
        result = Caller.with(app, caller, principal, () -> function.invoke(args));
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RpcException rpc) {
          throw rpc;
        }
        serverError(ctx, name, cause);
        return;
      }
      answer(ctx, 200, function.resultJson(result));
    } catch (RpcException e) {
      if (!isBodyRead) {
        closeUnread(ctx);
      }
      error(ctx, ErrorReports.status(e), e.type(), e.getMessage());
    } catch (Exception | LinkageError e) {
      // Reflection trouble or a result that does not serialize: still the server's fault.
      serverError(ctx, name, e);
    }
  }

  private static void checkContentType(Context ctx, String name) {
    String header = ctx.header("Content-Type");
    boolean json = false;
    if (header != null) {
      String[] parts = header.split(";");
      json = parts[0].trim().equalsIgnoreCase("application/json");
      for (int i = 1; i < parts.length && json; i++) {
        String[] param = parts[i].trim().split("=", 2);
        if (param[0].trim().equalsIgnoreCase("charset")) {
          json = param.length == 2 && param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8");
        }
      }
    }
    if (!json) {
      // Browsers cannot send application/json cross-site without a CORS preflight, which we never
      // grant, so this check also stops forged calls from other sites' forms.
      throw new RpcException(
          "UnsupportedMediaType",
          "The call to "
              + name
              + " must have Content-Type 'application/json' (UTF-8), not "
              + (header == null ? "none" : "'" + ErrorReports.shorten(header) + "'"),
          415);
    }
  }

  /**
   * Ends the connection after a refusal that left the request's body unread. Jetty cannot keep a
   * connection whose body has not all arrived yet, and closes it after the answer; the client, told
   * nothing, would send its next call on it and get no answer at all.
   */
  private static void closeUnread(Context ctx) {
    if (ctx.req().getContentLengthLong() != 0) {
      ctx.header("Connection", "close");
    }
  }

  private void serverError(Context ctx, String name, Throwable cause) {
    String requestId = RequestId.next();
    log.error("{} failed (request id {})", name, requestId, cause);
    error(
        ctx,
        500,
        "ServerError",
        name
            + " failed on the server (request id "
            + requestId
            + "). The details are in the"
            + " server log.");
  }

  private void error(Context ctx, int status, String type, String message) {
    answer(ctx, status, ErrorReports.json(mapper, type, message));
  }

  /**
   * Sends a JSON answer. A small one goes to the servlet response directly, with its length, since
   * Javalin would copy it through a stream and a fresh buffer only to find it too small to
   * compress; a large one takes Javalin's way, which compresses it.
   */
  private static void answer(Context ctx, int status, byte[] json) {
    if (json.length > SMALL_ANSWER) {
      ctx.status(status).contentType(JSON).result(json);
      return;
    }
    HttpServletResponse res = ctx.res();
    res.setStatus(status);
    res.setContentType(JSON);
    res.setContentLength(json.length);
    try {
      res.getOutputStream().write(json);
    } catch (IOException e) {
      // The client is gone; there is nobody left to answer.
      log.debug("The answer to an RPC call could not be written", e);
    }
  }
}
