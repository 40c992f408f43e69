// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.targets;

import dev.violetear.app.App;
import dev.violetear.redis.RedisBackplane;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The framework as two nodes of one app joined through Redis, for the cross-node broadcast: node A
 * listens on {@code <port>}, node B on {@code <port> + 1}, both in this process so that they share
 * the server's core as the single node of {@link OursTarget} has it alone. {@link Control}'s
 * broadcast sends on node A; its pages and node B's receive it through the Redis stream. Usage:
 * {@code RedisNodesTarget <port> <bundle-cache-dir> <redis-url>}.
 */
public final class RedisNodesTarget {
  private RedisNodesTarget() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    Path cache = Path.of(args[1]);
    String redis = args[2];
    // The same secret on both nodes, as a deployment has it: each accepts the other's clients.
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    App a =
        OursTarget.app(
            cache, config -> config.clientIdSecret(secret).backplane(RedisBackplane.at(redis)));
    App b =
        OursTarget.app(
            cache, config -> config.clientIdSecret(secret).backplane(RedisBackplane.at(redis)));
    a.start(port);
    try {
      b.start(port + 1);
      try {
        new Control(payload -> a.clients().all().invoke(Echo::tick, payload)).serve(port);
      } finally {
        b.stop();
      }
    } finally {
      a.stop();
    }
  }
}
