// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

/** What the benchmark measures: the framework and the baselines run beside it. */
enum Target {
  OURS("violetear", "ours"),
  JETTY("raw Jetty 12", "ws"),
  SOCKET_IO("Socket.IO 4", "sio"),
  SOCKET_IO_RECOVERY("Socket.IO 4 + recovery", "sio"),
  /**
   * Ours as one node without a backplane: the baseline of the cross-node broadcast, whose two nodes
   * through Redis stand in the {@link #OURS} column.
   */
  IN_MEMORY("1 node, in-memory", "ours"),
  JAVALIN("raw Javalin", null),
  HAND_PAGE("hand-written page", null),
  BUDGET("budget", null);

  final String label;

  /** The load generator's name for the protocol it speaks, or null for HTTP-only targets. */
  final String proto;

  Target(String label, String proto) {
    this.label = label;
    this.proto = proto;
  }

  /** Whether the target is a Java process, whose JIT needs its warm-up to settle. */
  boolean isJvm() {
    return this == OURS || this == IN_MEMORY || this == JETTY || this == JAVALIN;
  }
}
