// SPDX-License-Identifier: Apache-2.0
/**
 * Runs a Violetear app as several nodes that share one Redis server. {@link
 * dev.violetear.redis.RedisBackplane} carries every send, group change and page resume between the
 * nodes, so that a load balancer may send a page's socket to any node, also after a cut.
 *
 * <pre>{@code
 * App app = App.create("Chat", config -> config
 *     .clientIdSecret(secretFromEnvironment())      // the same on every node
 *     .backplane(RedisBackplane.at(System.getenv("REDIS_URL"))));
 * }</pre>
 *
 * <p>The module's name is {@code dev.violetear.redis}. It needs {@code violetear-server} and brings
 * the Lettuce Redis client (with Netty and Project Reactor).
 */
package dev.violetear.redis;
