// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.targets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The raw baseline: Jetty 12's own WebSocket server, the version the framework runs on, with no
 * framework at all. {@code /echo} sends every text frame back; a broadcast writes the payload to
 * every open socket. Usage: {@code JettyTarget <port>}.
 */
public final class JettyTarget {
  private JettyTarget() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Set<Session> open = ConcurrentHashMap.newKeySet();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container ->
                container.addMapping("/echo", (req, res, cb) -> new JettyEchoSocket(open))));
    server.start();
    try {
      new Control(
              payload -> {
                for (Session s : open) {
                  s.sendText(payload, Callback.NOOP);
                }
              })
          .serve(connector.getLocalPort());
    } finally {
      server.stop();
    }
  }
}
