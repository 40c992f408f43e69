// SPDX-License-Identifier: Apache-2.0
/**
 * Fixtures for tests of Violetear apps: a TCP fault proxy, fault injection into the apps that run
 * in the test's JVM, and a private Redis server.
 */
module dev.violetear.testing {
  requires static dev.violetear.server;
  requires org.slf4j;

  exports dev.violetear.testing;

  provides dev.violetear.internal.hooks.ServerHooks with
      dev.violetear.testing.FaultHooks;
}
