// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.targets;

import java.util.Set;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One connection of the raw Jetty baseline: answers each text frame with itself. Public because
 * Jetty calls its listener methods through method handles.
 */
public final class JettyEchoSocket implements Session.Listener.AutoDemanding {
  private final Set<Session> open;
  private Session session;

  JettyEchoSocket(Set<Session> open) {
    this.open = open;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    open.add(session);
  }

  @Override
  public void onWebSocketText(String message) {
    session.sendText(message, Callback.NOOP);
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    open.remove(session);
    callback.succeed();
  }
}
