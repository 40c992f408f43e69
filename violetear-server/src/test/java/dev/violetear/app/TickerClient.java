// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.Client;
import dev.violetear.browser.Dom;

/** A page the server reaches at any time: its pages list the runtime's socket half. */
public final class TickerClient {
  private TickerClient() {}

  @Client.Realtime
  public static void tick(int n) {
    Dom.find("ticks").text("Ticks: " + n);
  }
}
