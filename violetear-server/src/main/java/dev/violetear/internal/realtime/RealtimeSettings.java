// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.app.Backplane;
import java.time.Duration;

/**
 * What {@link Realtime} takes from the app's configuration and limits.
 *
 * <pre>{@code
 * new RealtimeSettings(16, Duration.ofSeconds(30), 100_000, 200, 1_048_576,
 *     new BufferBudget(4L << 20, Runtime.getRuntime().maxMemory() / 4), Duration.ofSeconds(15),
 *     null)
 * }</pre>
 *
 * @param threads the handler threads
 * @param resumeGrace how long a page session waits for its page to come back
 * @param maxPageSessions the most page sessions kept for resuming
 * @param maxMessagesPerSecond the most messages a second a socket may send, told in the welcome
 * @param maxMessageBytes the largest message a socket accepts, told in the welcome
 * @param budget the bytes of frames held for each page and for all of them
 * @param heartbeat how often a page that heard nothing checks its socket, told in the welcome
 * @param backplane what carries sends and groups to the app's other nodes, or null for one node
 */
public record RealtimeSettings(
    int threads,
    Duration resumeGrace,
    int maxPageSessions,
    int maxMessagesPerSecond,
    long maxMessageBytes,
    BufferBudget budget,
    Duration heartbeat,
    Backplane backplane) {}
