// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.fragments;

import dev.violetear.Client;
import dev.violetear.browser.Dom;

/**
 * A class only the {@code /ticker} fragment binds: the probe page does not list it, so its handlers
 * run only once a loaded fragment has activated it. The server reaches it at any time ({@code
 * tick}), so activating it opens an idle page's socket.
 */
public final class Ticker {
  private Ticker() {}

  @Client.Callback
  public static void start() {
    Dom.find("ticks").text("started");
  }

  @Client.Realtime
  public static void tick(String text) {
    Dom.find("ticks").text(text);
  }

  @Client.On("ready")
  public static void ready() {
    Dom.find("ticker-ready").text("ready");
  }
}
