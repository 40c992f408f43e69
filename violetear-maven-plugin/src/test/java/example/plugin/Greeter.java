// SPDX-License-Identifier: Apache-2.0
package example.plugin;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;

/** A tiny app for the plugin's tests: one RPC and one callback that shows its answer. */
public final class Greeter {
  private Greeter() {}

  @Server.Rpc
  public static String greet(String name) {
    return "Hello, " + name;
  }

  @Client.Callback
  public static void clicked() {
    Dom.find("greeting").text(greet("Ada"));
  }
}
