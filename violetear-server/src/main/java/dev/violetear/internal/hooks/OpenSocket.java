// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.hooks;

/**
 * What a test may do to a socket while the server registers it (see {@link
 * ServerHooks#registering}): cut its network connection, and write to it from another thread the
 * way a handler would.
 *
 * <pre>{@code
 * public void registering(OpenSocket socket, String key) {
 *   socket.disconnect();
 *   new Thread(() -> socket.write("{}")).start();
 * }
 * }</pre>
 */
public interface OpenSocket {
  /** Cuts the network connection at once, without a close handshake. */
  void disconnect();

  /** Writes {@code text} as a text frame without waiting; a failed write is ignored. */
  void write(String text);
}
