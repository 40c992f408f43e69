// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

/**
 * A snapshot of a running app's realtime side, for health checks, metrics and tests: how many
 * sockets are open, how many page sessions the server keeps (connected, or away within the grace
 * period), how many server-to-page frames wait for a page's acknowledgement and how many bytes the
 * server holds for pages. Every one is bounded: a page session holds at most 4,096 waiting frames
 * and {@link Limits#pageBufferBytes} bytes, and is dropped beyond that; past {@link
 * Limits#bufferedBytes} the pages that hold the most are dropped.
 *
 * <pre>{@code
 * RealtimeStats stats = app.stats();
 * log.info("{} sockets, {} frames ({} bytes) waiting",
 *     stats.connections(), stats.pendingFrames(), stats.bufferedBytes());
 * }</pre>
 *
 * @param connections open sockets
 * @param pageSessions page sessions kept: connected, or away within {@code AppConfig.resumeGrace}
 * @param pendingFrames frames sent to pages and not yet acknowledged, over all page sessions
 * @param droppedPages page sessions dropped since start because they fell too far behind or held
 *     the most when the server was over {@link Limits#bufferedBytes}
 * @param bufferedBytes the bytes of frames the server holds for pages: unacknowledged, or not yet
 *     written to their sockets (a broadcast's frame counts once per page that holds it)
 * @param backplane how the {@link Backplane} to the app's other nodes is doing; for an app without
 *     one, {@code in-memory} and connected
 */
public record RealtimeStats(
    int connections,
    int pageSessions,
    long pendingFrames,
    long droppedPages,
    long bufferedBytes,
    Backplane.Health backplane) {
  /**
   * Fills in the in-memory backplane's health for an app without a backplane.
   *
   * @param connections open sockets
   * @param pageSessions page sessions kept
   * @param pendingFrames frames waiting for an acknowledgement
   * @param droppedPages page sessions dropped since start
   * @param bufferedBytes the bytes of frames held for pages
   * @param backplane how the backplane is doing, or null for an app without one
   */
  public RealtimeStats {
    backplane = backplane == null ? Backplane.Health.IN_MEMORY : backplane;
  }

  /**
   * A snapshot of an app without a backplane (one node).
   *
   * <pre>{@code
   * assertThat(app.stats()).isEqualTo(new RealtimeStats(0, 0, 0, 0, 0));
   * }</pre>
   *
   * @param connections open sockets
   * @param pageSessions page sessions kept
   * @param pendingFrames frames waiting for an acknowledgement
   * @param droppedPages page sessions dropped since start
   * @param bufferedBytes the bytes of frames held for pages
   */
  public RealtimeStats(
      int connections,
      int pageSessions,
      long pendingFrames,
      long droppedPages,
      long bufferedBytes) {
    this(connections, pageSessions, pendingFrames, droppedPages, bufferedBytes, null);
  }
}
