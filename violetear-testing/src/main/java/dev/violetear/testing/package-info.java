// SPDX-License-Identifier: Apache-2.0
/**
 * Test fixtures for Violetear apps and for Violetear itself. {@link
 * dev.violetear.testing.FaultProxy} sits between a client and a server on loopback and injects
 * network faults under test control: cut every connection, refuse new ones, stall traffic, or add
 * latency. {@link dev.violetear.testing.Faults} injects faults into the apps running in the same
 * JVM: a slow bundle, a late welcome, dropped sockets.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(app.port())) {
 *   driver.get("http://127.0.0.1:" + proxy.port() + "/");
 *   proxy.cutAll();           // the page sees a network drop and reconnects
 * }
 * }</pre>
 *
 * <p>Nothing in this package is null unless its Javadoc says so. The module depends only on the JDK
 * and the SLF4J API; {@code Faults} also needs {@code violetear-server}, which it does not bring
 * along (a test that starts an app has it already).
 */
package dev.violetear.testing;
