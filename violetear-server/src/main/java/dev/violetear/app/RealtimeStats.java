// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

/**
 * A snapshot of a running app's realtime side, for health checks, metrics and tests: how many
 * sockets are open, how many page sessions the server keeps (connected, or away within the grace
 * period) and how many server-to-page frames wait for a page's acknowledgement. Every one is
 * bounded: a page session holds at most 4,096 waiting frames, and is dropped beyond that.
 *
 * <pre>{@code
 * RealtimeStats stats = app.stats();
 * log.info("{} sockets, {} frames waiting", stats.connections(), stats.pendingFrames());
 * }</pre>
 *
 * @param connections open sockets
 * @param pageSessions page sessions kept: connected, or away within {@code AppConfig.resumeGrace}
 * @param pendingFrames frames sent to pages and not yet acknowledged, over all page sessions
 * @param droppedPages page sessions dropped since start because they fell too far behind
 */
public record RealtimeStats(
    int connections, int pageSessions, long pendingFrames, long droppedPages) {}
