// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.targets;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.app.App;

/**
 * The framework's side of every benchmark scenario: a realtime call answered by a call back to the
 * same page, an RPC answering its argument, and the broadcast's receiver. The browser methods are
 * empty because the load generator, not a browser, receives their frames.
 */
public final class Echo {
  private Echo() {}

  /**
   * A realtime call that calls the sender back with the same text. It only sends, so it runs on the
   * thread that read it, as an app would declare such a method.
   */
  @Server.Realtime
  @Server.NonBlocking
  public static void echo(String text) {
    App.current().clients().to(ClientId.caller()).invoke(Echo::back, text);
  }

  /** An RPC answering its argument, so its cost is the framework's, not the method's. */
  @Server.Rpc
  public static String rpc(String text) {
    return text;
  }

  /** Receives {@link #echo}'s answer in the page. */
  @Client.Realtime
  public static void back(String text) {}

  /** Receives each broadcast payload in the page. */
  @Client.Realtime
  public static void tick(String stamped) {}
}
