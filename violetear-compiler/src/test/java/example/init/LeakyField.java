// SPDX-License-Identifier: Apache-2.0
package example.init;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import java.sql.DriverManager;

/** Client code reads a static field whose initialiser reaches server-only code. */
public class LeakyField {
  static final int TIMEOUT = DriverManager.getLoginTimeout() + 1;

  @Server.Rpc
  public static int ping() {
    return 1;
  }

  @Client.Callback
  public static void show() {
    Dom.find("out").text("timeout " + TIMEOUT);
  }
}
