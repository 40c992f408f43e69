// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.awaitility.Awaitility.await;

import dev.violetear.redis.RedisBackplane;
import dev.violetear.testing.RedisServer;
import java.time.Duration;
import java.util.List;

/**
 * The server's multi-node tests, with the nodes joined through a real {@code redis-server}: sends,
 * groups and a page's move to another node cross Redis. Messages are lost by restarting Redis
 * without its data, which every node notices when it reconnects.
 */
class RedisMultiNodeTest extends MultiNodeTest {
  private RedisServer redis;

  @Override
  protected Backplane newBackplane() {
    if (redis == null) {
      redis = RedisServer.start(RedisServer.Options.defaults().persistent(false));
    }
    return RedisBackplane.at(redis.url());
  }

  /**
   * Restarts Redis without its data, and waits until each node noticed and had its pages resync.
   */
  @Override
  protected void loseMessages() {
    List<App> nodes = List.of(a, b, c);
    List<Long> before = nodes.stream().map(n -> n.stats().backplane().resyncs()).toList();
    redis.restart();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).stats().backplane().resyncs() <= before.get(i)) {
                  return false;
                }
              }
              return true;
            });
  }

  @Override
  protected void closeBackplanes() {
    if (redis != null) {
      redis.close();
    }
  }
}
