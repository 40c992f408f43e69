// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A page socket's connection whose reads run on the Jetty selector thread that saw the bytes
 * arrive, instead of on a thread it hands them to.
 *
 * <p>Jetty's own connection asks to be read as a task that may block, so its selector hands every
 * read to another thread, and with one socket busy that costs a thread wake-up and a turn of the
 * selector per frame. A page socket's read never blocks: it decodes the frame, answers pings and
 * acknowledgements, and puts anything that runs the app's code on the handler pool (see {@link
 * Realtime#receive}). So this connection registers its reads as non-blocking, as Jetty's own {@code
 * AbstractConnection.NonBlocking} connections do, and the selector runs them in place.
 *
 * <pre>{@code
 * WebSocketConnection made = ...;          // what Jetty's handshake built for the upgrade
 * WebSocketConnection used = SelectorReads.replacing(made, connector, session);
 * }</pre>
 */
final class SelectorReads extends WebSocketConnection {
  private final Callback fillable =
      new Callback() {
        @Override
        public void succeeded() {
          onFillable();
        }

        @Override
        public void failed(Throwable cause) {
          onFillInterestedFailed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
          return InvocationType.NON_BLOCKING;
        }
      };

  private SelectorReads(
      WebSocketConnection made, Connector connector, WebSocketCoreSession session) {
    super(
        made.getEndPoint(),
        made.getExecutor(),
        connector.getScheduler(),
        connector.getByteBufferPool(),
        session);
  }

  /**
   * A connection like {@code made}, which Jetty's handshake built for {@code session} and has not
   * opened, but that reads on the selector thread; {@code session} is pointed at it.
   */
  static WebSocketConnection replacing(
      WebSocketConnection made, Connector connector, WebSocketCoreSession session) {
    SelectorReads reads = new SelectorReads(made, connector, session);
    reads.setUseInputDirectByteBuffers(made.isUseInputDirectByteBuffers());
    reads.setUseOutputDirectByteBuffers(made.isUseOutputDirectByteBuffers());
    // The connector's listeners (ConnectionGuard counts open connections) see this one instead.
    connector.getEventListeners().forEach(reads::addEventListener);
    session.setWebSocketConnection(reads);
    return reads;
  }

  @Override
  public void fillInterested() {
    fillInterested(fillable);
  }
}
