// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.redis.RedisBackplane;
import dev.violetear.testing.RedisServer;

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

  @Override
  protected void loseMessages() {
    redis.restart();
  }

  @Override
  protected void closeBackplanes() {
    if (redis != null) {
      redis.close();
    }
  }
}
