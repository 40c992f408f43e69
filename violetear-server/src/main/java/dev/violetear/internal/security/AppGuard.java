// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.RpcException;
import dev.violetear.app.Guard;
import dev.violetear.app.GuardRejection;
import dev.violetear.app.GuardRequest;
import dev.violetear.internal.Caller;
import dev.violetear.internal.wire.ErrorReports;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@link Guard} with its principal type, run the same way for RPC calls and socket
 * handshakes: a rejection goes on to the caller, anything else the guard throws (or a principal of
 * another type) is logged once with a request id and becomes a generic 500 error, so the guard's
 * failures never leak details and never stop the server serving other requests.
 *
 * <pre>{@code
 * AppGuard guard = AppGuard.of(User.class, request -> users.get(request.clientId()));
 * Object principal = guard.admit(request, "a call to Notes.post");   // null: anonymous
 * }</pre>
 *
 * <p>Internal: {@code App} creates it, the endpoints run it.
 */
public final class AppGuard {
  private static final Logger log = LoggerFactory.getLogger(AppGuard.class);

  /** The guard of an app that registered none: every caller is anonymous. */
  public static final AppGuard NONE = new AppGuard(Object.class, request -> null, false, null);

  private final Class<?> type;
  private final Guard<?> guard;
  private final boolean isPresent;
  // The App the guard runs in, for App.current(); set when the app starts.
  private final Object app;

  private AppGuard(Class<?> type, Guard<?> guard, boolean isPresent, Object app) {
    this.type = type;
    this.guard = guard;
    this.isPresent = isPresent;
    this.app = app;
  }

  /** Wraps the guard an app registered for principals of {@code type}. */
  public static <P> AppGuard of(Class<P> type, Guard<P> guard) {
    return new AppGuard(
        Objects.requireNonNull(type, "type == null"),
        Objects.requireNonNull(guard, "guard == null"),
        true,
        null);
  }

  /** Returns this guard running in {@code app}. */
  public AppGuard in(Object app) {
    return new AppGuard(type, guard, isPresent, app);
  }

  /** Whether the app registered a guard; without one no caller is ever signed in. */
  public boolean isPresent() {
    return isPresent;
  }

  /**
   * Runs the guard on {@code request}.
   *
   * @param what the request, for the log, like "a call to Chat.send" or "a socket handshake"
   * @return the principal, or null for an anonymous caller
   * @throws GuardRejection when the guard refuses the request
   * @throws RpcException of type {@code ServerError} (500) when the guard fails
   */
  public Object admit(GuardRequest request, String what) {
    if (!isPresent) {
      return null;
    }
    Object principal;
    try {
      principal = Caller.in(app, () -> guard.check(request));
    } catch (GuardRejection e) {
      log.debug(
          "The guard refused {} from {}: {} {}",
          what,
          ErrorReports.client(request.clientId()),
          e.type(),
          e.getMessage());
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw failed(what, request, e);
    }
    if (principal != null && !type.isInstance(principal)) {
      throw failed(
          what,
          request,
          new ClassCastException(
              "the guard returned a '"
                  + principal.getClass().getName()
                  + "', but App.guard(...) declared principals of type '"
                  + type.getName()
                  + "'"));
    }
    return principal;
  }

  private static RpcException failed(String what, GuardRequest request, Throwable cause) {
    String requestId = RequestId.next();
    log.error(
        "The app's guard failed on {} from {} (request id {}); the request was refused. A guard"
            + " returns a principal or null, or throws GuardRejection to refuse",
        what,
        ErrorReports.client(request.clientId()),
        requestId,
        cause);
    return new RpcException(
        "ServerError",
        "The app's guard failed on the server (request id "
            + requestId
            + "). The details are in the server log.",
        500);
  }
}
