// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.internal.security.ClientAddress;
import dev.violetear.internal.security.NewPageLimit;
import dev.violetear.internal.security.SocketLimits;
import java.time.Duration;

/**
 * The server's side of {@code Limits}, as the web server applies it.
 *
 * <pre>{@code
 * new ServerLimits(new ClientAddress(List.of()), new SocketLimits(50, 1_000),
 *     new NewPageLimit(600, System::nanoTime), 18_000, 2_000, Duration.ofSeconds(15),
 *     Duration.ofSeconds(15))
 * }</pre>
 *
 * @param addresses reads the address a request comes from
 * @param sockets the open sockets each client and address may hold
 * @param newPages how fast each address may open new pages
 * @param maxConnections the open connections past which requests get 503
 * @param connectionsPerAddress the open connections one address may hold
 * @param headerTimeout how long an HTTP connection may take to send a request's headers
 * @param heartbeat how often open sockets are pinged; one silent for two of these is dropped
 */
public record ServerLimits(
    ClientAddress addresses,
    SocketLimits sockets,
    NewPageLimit newPages,
    int maxConnections,
    int connectionsPerAddress,
    Duration headerTimeout,
    Duration heartbeat) {}
