// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.bundle.Bundles;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.realtime.BufferBudget;
import dev.violetear.internal.realtime.Groups;
import dev.violetear.internal.realtime.Realtime;
import dev.violetear.internal.realtime.RealtimeSettings;
import dev.violetear.internal.security.ClientAddress;
import dev.violetear.internal.security.NewPageLimit;
import dev.violetear.internal.security.SocketLimits;
import dev.violetear.internal.web.ServerLimits;
import dev.violetear.internal.web.WebServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started app: its web server and realtime side, from {@link App#start(int)} until {@link
 * App#stop()}. Starting either succeeds whole or leaves nothing running.
 */
final class Running {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  /** How long stop() lets queued frames reach clients before closing their sockets. */
  private static final Duration FLUSH_ON_STOP = Duration.ofSeconds(2);

  /** How long stop() lets queued handlers (disconnects, emits) finish. */
  private static final Duration HANDLERS_ON_STOP = Duration.ofSeconds(5);

  /** What App hands over at start: a snapshot of its registrations. */
  record Setup(
      App app, String name, AppConfig config, AppModel model, Groups groups, Blueprint blueprint) {}

  final WebServer server;
  final Realtime realtime;

  private Running(WebServer server, Realtime realtime) {
    this.server = server;
    this.realtime = realtime;
  }

  /**
   * Compiles or loads the bundle, opens the port, then runs the start handlers.
   *
   * @param onServing called once the server listens, before the start handlers run, so that they
   *     can already use the app
   */
  static Running start(Setup setup, int port, Consumer<Running> onServing) {
    AppConfig config = setup.config();
    Limits limits = config.limits();
    Bundle bundle = Bundles.obtain(setup.model(), config.bundleCacheDir());
    Realtime live =
        Realtime.create(
            setup.app(),
            setup.name(),
            setup.model(),
            setup.groups(),
            new RealtimeSettings(
                config.handlerThreads(),
                config.resumeGrace(),
                limits.maxPageSessions(),
                config.maxMessagesPerSecond(),
                config.maxRequestBytes(),
                new BufferBudget(limits.pageBufferBytes(), limits.bufferedBytes()),
                limits.heartbeat(),
                config.backplane()));
    WebServer server;
    try {
      server =
          WebServer.start(
              new WebServer.Setup(
                  setup.app(),
                  setup.model(),
                  bundle,
                  setup.blueprint().views(),
                  setup.blueprint().fragments(),
                  setup.blueprint().forms(),
                  setup.blueprint().staticFiles(),
                  config.maxRequestBytes(),
                  config.clientIdSecret(),
                  live,
                  config.allowedOrigins(),
                  config.maxMessagesPerSecond(),
                  config.compressSocketFrames(),
                  setup.blueprint().guard(),
                  new ServerLimits(
                      new ClientAddress(limits.trustedProxies()),
                      new SocketLimits(limits.socketsPerClient(), limits.socketsPerAddress()),
                      new NewPageLimit(limits.newPagesPerAddress(), System::nanoTime),
                      limits.maxConnections(),
                      limits.connectionsPerAddress(),
                      limits.headerTimeout(),
                      limits.heartbeat())),
              port);
    } catch (RuntimeException e) {
      live.shutdown(Duration.ZERO);
      throw e;
    }
    Running running = new Running(server, live);
    double kb = bundle.js().getBytes(StandardCharsets.UTF_8).length / 1024.0;
    log.info(
        "{} is running at http://localhost:{}/ (bundle {} KB, {})",
        setup.name(),
        server.port(),
        String.format(Locale.ROOT, "%.1f", kb),
        bundle.describe());
    onServing.accept(running);
    try {
      live.runStart();
    } catch (RuntimeException e) {
      live.closeConnections(Duration.ZERO);
      server.stop();
      live.shutdown(HANDLERS_ON_STOP);
      throw e;
    }
    return running;
  }

  /** Runs the stop handlers, closes every socket once its frames are written, then stops. */
  void stop() {
    realtime.runStop();
    realtime.closeConnections(FLUSH_ON_STOP);
    server.stop();
    realtime.shutdown(HANDLERS_ON_STOP);
  }
}
