// SPDX-License-Identifier: Apache-2.0
/**
 * Test fixtures for Violetear apps and for Violetear itself. {@link
 * dev.violetear.testing.FaultProxy} sits between a client and a server on loopback and injects
 * network faults under test control: cut every connection, refuse new ones, stall traffic, or add
 * latency. {@link dev.violetear.testing.Faults} injects faults into the apps running in the same
 * JVM: a slow bundle, a late welcome, dropped sockets. {@link dev.violetear.testing.RedisServer}
 * runs a private Redis that a test can restart, kill or empty.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(app.port())) {
 *   driver.get("http://127.0.0.1:" + proxy.port() + "/");
 *   proxy.cutAll();           // the page sees a network drop and reconnects
 * }
 * }</pre>
 *
 * <h2>A real Redis per test</h2>
 *
 * <p>{@link dev.violetear.testing.RedisServer} runs a private {@code redis-server} (the real binary
 * from the PATH, Debian's package {@code redis-server}, which {@code bin/test} installs through
 * {@code bin/lib/redis.sh}) on a free loopback port with a fresh temporary data directory, for
 * tests of several app nodes that share one Redis. The test controls its life: {@code restart()}
 * (graceful, same port and data), {@code stop()}, {@code kill()} (SIGKILL, a crash), {@code
 * flushAll()} (Redis lost its data). By default the server keeps an append-only file synced on
 * every write, so neither a restart nor a kill loses an acknowledged write; {@code
 * Options.defaults().persistent(false)} keeps data in memory only. {@code close()} ends the process
 * and deletes the directory, and a shutdown hook ends any server still open when the JVM exits.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *   App first = startNode(redis.url());   // "redis://127.0.0.1:<port>"
 *   App second = startNode(redis.url());
 *   redis.restart();                      // both nodes lose their connection and must reconnect
 * }
 * }</pre>
 *
 * <p>Nothing in this package is null unless its Javadoc says so. The module depends only on the JDK
 * and the SLF4J API; {@code Faults} also needs {@code violetear-server}, which it does not bring
 * along (a test that starts an app has it already).
 */
package dev.violetear.testing;
