// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.VioletearException;
import dev.violetear.app.FragmentRequest;
import dev.violetear.internal.Caller;
import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.forms.FormAction;
import dev.violetear.internal.hooks.ServerHooks;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.RpcMethod;
import dev.violetear.internal.realtime.MessageRateLimit;
import dev.violetear.internal.realtime.Realtime;
import dev.violetear.internal.realtime.SocketEndpoint;
import dev.violetear.internal.rpc.RpcEndpoint;
import dev.violetear.internal.rpc.RpcFunction;
import dev.violetear.internal.security.AppGuard;
import dev.violetear.internal.security.ClientIdCookie;
import dev.violetear.internal.security.FormOrigin;
import dev.violetear.internal.security.Handshake;
import dev.violetear.internal.security.OriginPolicy;
import dev.violetear.internal.security.RequestId;
import dev.violetear.internal.wire.WireJson;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running web side of an app: Javalin on Jetty with the pages, the form routes, the scripts,
 * the RPC endpoint and the socket. Everything a request needs is prepared before the port opens and
 * never changes afterwards, so handlers share it without locks.
 *
 * <pre>{@code
 * WebServer server = WebServer.start(new WebServer.Setup(app, model, bundle, views, Map.of(),
 *     List.of(),
 *     Map.of(), 1_048_576, secret, realtime, List.of(), 200, false, AppGuard.NONE, limits), 0);
 * int port = server.port();
 * server.stop();
 * }</pre>
 *
 * <p>Internal: used by {@code App} only.
 */
public final class WebServer {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final Javalin javalin;

  private WebServer(Javalin javalin) {
    this.javalin = javalin;
  }

  /**
   * What the server serves.
   *
   * <pre>{@code
   * new WebServer.Setup(app, AppModel.of(classes), bundle, Map.of("/", Counter::index),
   *     Map.of("/list", request -> Todos.list()), List.of(), Map.of(), 1_048_576, secret, realtime,
   *     List.of("https://app.example.com"), 200, false, AppGuard.NONE, limits)
   * }</pre>
   *
   * @param app the App whose handlers, views and guard run here, for {@code App.current()}
   * @param model the checked app classes
   * @param bundle the compiled browser bundle
   * @param views page paths and their suppliers, in registration order
   * @param fragments fragment paths and what builds each, in registration order
   * @param forms the form routes, each on its own path
   * @param staticFiles URL prefixes and the classpath directories served under them
   * @param maxRequestBytes the largest RPC or form body, and the largest socket message, accepted
   * @param clientIdSecret the key that signs client id cookies
   * @param realtime what the socket feeds its connections to
   * @param allowedOrigins the other origins whose pages may call the app, each canonical (see
   *     {@link OriginPolicy#canonical})
   * @param maxMessagesPerSecond the rate of messages one socket may send
   * @param compressFrames whether the socket negotiates permessage-deflate when a page offers it
   * @param guard the app's guard, run on every RPC call, fragment request and socket handshake
   * @param limits what one client may hold of what all share
   */
  public record Setup(
      Object app,
      AppModel model,
      Bundle bundle,
      Map<String, Supplier<Document>> views,
      Map<String, Function<FragmentRequest, Element>> fragments,
      List<FormAction> forms,
      Map<String, String> staticFiles,
      long maxRequestBytes,
      byte[] clientIdSecret,
      Realtime realtime,
      List<String> allowedOrigins,
      int maxMessagesPerSecond,
      boolean compressFrames,
      AppGuard guard,
      ServerLimits limits) {}

  /**
   * Prepares every endpoint and starts listening.
   *
   * <pre>{@code
   * WebServer server = WebServer.start(setup, 0);
   * }</pre>
   *
   * @param port the port, 0 for any free port
   * @throws VioletearException when the runtime is missing, an RPC method cannot be called or the
   *     port cannot be bound
   */
  public static WebServer start(Setup setup, int port) {
    Asset runtime = Asset.runtime();
    Asset socketScript = Asset.socket();
    Asset formScript = Asset.forms();
    Asset bundle = Asset.bundle(setup.bundle());
    ObjectMapper mapper = setup.realtime().mapper();
    // Before any request: the socket's frames and RPC bodies are read with this mapper.
    WireJson.limitStrings(mapper, setup.maxRequestBytes());
    OriginPolicy origins = new OriginPolicy(setup.allowedOrigins());
    ClientIdCookie clientIds = new ClientIdCookie(setup.clientIdSecret());
    Map<String, RpcFunction> functions = new LinkedHashMap<>();
    for (RpcMethod rpc : setup.model().rpcs()) {
      functions.put(rpc.name(), RpcFunction.of(rpc, mapper));
    }
    AppGuard guard = setup.guard().in(setup.app());
    RpcEndpoint rpc =
        new RpcEndpoint(
            setup.app(), functions, mapper, clientIds, setup.maxRequestBytes(), origins, guard);
    SocketEndpoint socket =
        new SocketEndpoint(
            setup.realtime(),
            new MessageRateLimit(setup.maxMessagesPerSecond()),
            new Handshake(
                origins,
                clientIds,
                guard,
                mapper,
                setup.limits().addresses(),
                setup.limits().sockets()),
            setup.limits(),
            setup.maxRequestBytes(),
            setup.compressFrames());
    List<String> scripts = List.of(runtime.path(), bundle.path());
    RegisteredClasses registered =
        new RegisteredClasses(new LinkedHashSet<>(setup.model().classes()));
    Set<Class<?>> listening = setup.model().listeningClasses();
    PageRenderer pages =
        new PageRenderer(registered, listening, scripts, socketScript.path(), formScript.path());
    FormOrigin formOrigins = new FormOrigin(origins);

    Javalin javalin =
        Javalin.create(
            config -> {
              configure(config);
              setup.staticFiles().forEach((prefix, dir) -> serveStatic(config, prefix, dir));
              config.routes.get(runtime.path(), runtime::serve);
              config.routes.get(runtime.sourceMap().path(), runtime.sourceMap()::serve);
              config.routes.get(socketScript.path(), socketScript::serve);
              config.routes.get(socketScript.sourceMap().path(), socketScript.sourceMap()::serve);
              config.routes.get(formScript.path(), formScript::serve);
              config.routes.get(formScript.sourceMap().path(), formScript.sourceMap()::serve);
              config.routes.get(bundle.path(), bundleRoute(bundle, setup.realtime().hooks()));
              config.routes.post(RpcEndpoint.PATH, rpc::handle);
              // Sockets are upgraded in front of Javalin (see SocketEndpoint); Javalin puts its
              // servlet context in the innermost wrapper, the gate.
              config.jetty.modifyServer(
                  server -> {
                    org.eclipse.jetty.server.Handler.Wrapper upgrades = socket.handler(server);
                    upgrades.setHandler(new FirstRequestGate());
                    server.setHandler(new ConnectionGuard(upgrades, setup.limits()));
                  });
              setup
                  .views()
                  .forEach(
                      (path, view) ->
                          config.routes.get(
                              path,
                              new PageEndpoint(
                                      path, () -> Caller.in(setup.app(), view), pages, clientIds)
                                  ::handle));
              setup
                  .fragments()
                  .forEach(
                      (path, fragment) ->
                          config.routes.get(
                              path,
                              new FragmentEndpoint(
                                      setup.app(),
                                      path,
                                      fragment,
                                      registered,
                                      listening,
                                      clientIds,
                                      guard,
                                      mapper)
                                  ::handle));
              for (FormAction form : setup.forms()) {
                config.routes.post(
                    form.path(),
                    new FormEndpoint(
                            setup.app(),
                            form,
                            pages,
                            formOrigins,
                            clientIds,
                            guard,
                            setup.maxRequestBytes())
                        ::handle);
              }
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    // Our handlers answer their own failures; this catches what happens around
                    // them, so that a broken request still gets a response without details.
                    String requestId = RequestId.next();
                    log.error("Request {} failed (request id {})", ctx.path(), requestId, e);
                    ctx.status(500)
                        .contentType("text/plain; charset=utf-8")
                        .result(
                            "Server error (request id "
                                + requestId
                                + "). The details are in the server log.");
                  });
            });
    try {
      javalin.start(port);
    } catch (RuntimeException e) {
      stopQuietly(javalin);
      String reason = String.valueOf(e.getMessage()).strip();
      throw new VioletearException(
          "The web server could not listen on port "
              + port
              + ": "
              + (reason.endsWith(".") ? reason : reason + ".")
              + (port == 0 ? "" : " Pass 0 to start(int) to take any free port."),
          e);
    }
    return new WebServer(javalin);
  }

  /** Serves the bundle; a test's hooks may hold it back, so that the socket connects first. */
  private static Handler bundleRoute(Asset bundle, ServerHooks hooks) {
    if (hooks == null) {
      return bundle::serve;
    }
    return ctx -> {
      hooks.beforeBundle();
      bundle.serve(ctx);
    };
  }

  private static void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    // Gzip above Javalin's size threshold; scripts force it at any size (see Asset.serve).
    config.http.compressionStrategy = CompressionStrategy.GZIP;
    // Jetty reuses the header lines of a connection's earlier requests, matched ignoring case by
    // default: a cookie differing from an earlier one only in case was read as the earlier one, so
    // a valid client cookie could be taken for a forged one (or the reverse) on a shared
    // connection. Cookies and most values are case-sensitive.
    config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
  }

  private static void serveStatic(JavalinConfig config, String prefix, String directory) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = prefix;
          files.directory = directory;
          files.location = Location.CLASSPATH;
          files.headers = Map.of("X-Content-Type-Options", "nosniff");
        });
  }

  /**
   * Returns the port the server listens on.
   *
   * <pre>{@code
   * URI home = URI.create("http://localhost:" + server.port() + "/");
   * }</pre>
   */
  public int port() {
    return javalin.port();
  }

  /**
   * Stops listening and waits for Jetty to shut down.
   *
   * <pre>{@code
   * server.stop();
   * }</pre>
   */
  public void stop() {
    javalin.stop();
  }

  private static void stopQuietly(Javalin javalin) {
    try {
      javalin.stop();
    } catch (RuntimeException e) {
      log.debug("Stopping after a failed start also failed", e);
    }
  }
}
