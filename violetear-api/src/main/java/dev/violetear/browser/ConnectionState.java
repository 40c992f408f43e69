// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

/**
 * The state of the page's connection to the server, as {@link Violetear#state()} reports it.
 *
 * <pre>{@code
 * if (Violetear.runtime().state() != ConnectionState.OPEN) {
 *   Dom.find("status").text("offline: messages wait in the queue");
 * }
 * }</pre>
 */
public enum ConnectionState {
  /**
   * Not connected, and not trying to: the page has no handler the server could reach, so it opens
   * its socket on its first realtime call or emit.
   */
  IDLE,
  /** Opening the first connection, or reconnecting after a loss. */
  CONNECTING,
  /** Connected: messages go out at once. */
  OPEN,
  /** Closed by the page; nothing reconnects. */
  CLOSED
}
