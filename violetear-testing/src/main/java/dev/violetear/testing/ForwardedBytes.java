// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

/**
 * How many bytes a {@link FaultProxy} has forwarded in each direction since it started: a snapshot,
 * read with {@link FaultProxy#bytesForwarded()}.
 *
 * <pre>{@code
 * ForwardedBytes before = proxy.bytesForwarded();
 * client.send(request);
 * await().until(() -> proxy.bytesForwarded().clientToUpstream() > before.clientToUpstream());
 * }</pre>
 *
 * <p>A byte counts once it has been written to the other side, so bytes held by {@link
 * FaultProxy#stall(boolean)} or {@link FaultProxy#delay(java.time.Duration)} are not counted yet.
 * The two counters are read one after the other, not atomically together.
 *
 * @param clientToUpstream bytes written to the upstream server, from all connections
 * @param upstreamToClient bytes written back to clients, from all connections
 */
public record ForwardedBytes(long clientToUpstream, long upstreamToClient) {

  /**
   * Checks that both counters are zero or more.
   *
   * <pre>{@code
   * new ForwardedBytes(0, 0);   // what a new proxy reports
   * }</pre>
   *
   * @param clientToUpstream bytes written to the upstream server, 0 or more
   * @param upstreamToClient bytes written back to clients, 0 or more
   * @throws IllegalArgumentException if a counter is negative
   */
  public ForwardedBytes {
    if (clientToUpstream < 0 || upstreamToClient < 0) {
      throw new IllegalArgumentException(
          "Byte counts must be >= 0 but were '"
              + clientToUpstream
              + "' and '"
              + upstreamToClient
              + "'.");
    }
  }

  /**
   * Returns the bytes forwarded in both directions together.
   *
   * <pre>{@code
   * assertThat(proxy.bytesForwarded().total()).isEqualTo(2L * payload.length);  // an echo
   * }</pre>
   *
   * @return {@code clientToUpstream() + upstreamToClient()}
   */
  public long total() {
    return clientToUpstream + upstreamToClient;
  }
}
