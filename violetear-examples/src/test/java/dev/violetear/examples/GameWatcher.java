// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Server;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A second server-side handler of the board's {@code game_started}, registered by {@link BoardIT}
 * beside the showcase classes, so the test can see what the server's handlers receive.
 */
public final class GameWatcher {
  private GameWatcher() {}

  /** Every game the server's handlers were told about, in order. */
  static final Queue<Board.Game> started = new ConcurrentLinkedQueue<>();

  @Server.On("game_started")
  public static void started(Board.Game game) {
    started.add(game);
  }
}
