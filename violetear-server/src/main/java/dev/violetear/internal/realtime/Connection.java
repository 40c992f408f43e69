// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.internal.wire.ErrorReports;
import java.util.concurrent.CompletableFuture;

/**
 * One open socket of a client. A browser may hold several at once (tabs share the cookie, so they
 * share the {@link ClientId}); each has its own ordering and lifecycle.
 *
 * @param id the client, from the signed cookie of the upgrade request
 * @param principal what the app's guard accepted at the upgrade, or null for an anonymous client
 * @param key the id of the socket, as given to the test hooks
 * @param inbound the connection's handlers, in order: connect, each frame, disconnect
 * @param outbound the frames waiting to be written to the socket
 * @param acks the acknowledgements of the frames {@code inbound} handled
 * @param closed completes when the socket has closed
 * @param session the page load this socket serves, across its reconnects
 * @param finished completes when the connection's disconnect handlers have run
 */
record Connection(
    ClientId id,
    Object principal,
    String key,
    SerialQueue inbound,
    Outbound outbound,
    Acks acks,
    CompletableFuture<Void> closed,
    PageSession session,
    CompletableFuture<Void> finished) {

  /**
   * Closes the socket with {@code code} once the frames queued so far are written, a held ack
   * first: the page then resends nothing that already ran.
   *
   * @return whether this call asked for the close: false when one was asked for already
   */
  boolean closeAfterFlush(int code, String reason) {
    acks.flush();
    return outbound.closeAfterFlush(code, reason);
  }

  /** Names the connection in logs. */
  static String describe(ClientId id) {
    return ErrorReports.client(id);
  }
}
