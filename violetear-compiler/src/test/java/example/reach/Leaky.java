// SPDX-License-Identifier: Apache-2.0
package example.reach;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import java.nio.file.Files;
import java.sql.DriverManager;

/** Client methods that reach server-only code, directly and through a helper. */
public class Leaky {
  @Server.Rpc
  public static int timeout() {
    return DriverManager.getLoginTimeout();
  }

  @Client.Callback
  public static void show() {
    Dom.find("x").text(load());
  }

  @Client
  static boolean exists() {
    return Files.isDirectory(null);
  }

  @Client.Callback
  public static void fine() {
    Dom.find("x").text(String.valueOf(timeout()));
  }

  static String load() {
    return String.valueOf(DriverManager.getLoginTimeout());
  }
}
