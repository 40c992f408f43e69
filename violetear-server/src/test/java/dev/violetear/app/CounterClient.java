// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;

/**
 * The examples' counter, as its bundle sees it: callbacks that call an RPC and show the answer,
 * nothing that needs the socket.
 */
public final class CounterClient {
  private static int count;

  private CounterClient() {}

  @Server.Rpc
  public static int add(int delta) {
    return count += delta;
  }

  @Client.Callback
  public static void plus(Event e) {
    Dom.find("display").text("Count: " + add(1));
  }

  @Client.Callback
  public static void minus(Event e) {
    Dom.find("display").text("Count: " + add(-1));
  }
}
