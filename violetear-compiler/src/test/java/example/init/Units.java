// SPDX-License-Identifier: Apache-2.0
package example.init;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class with server methods whose client code reads static fields: their initialisers run in the
 * browser, the server state's do not.
 */
public class Units {
  // Server state: only the server method uses these.
  private static final Path STORE = Path.of("/var/UNITS_SERVER_MARKER");
  private static final Map<String, String> saved = new ConcurrentHashMap<>();

  // Read by client code, and each computed from the one before.
  static final List<String> NAMES = List.of("celsius", "UNITS_CLIENT_MARKER");
  static final String FIRST = NAMES.get(0).toUpperCase();
  static int clicks = FIRST.length() * 10;

  @Server.Rpc
  public static String save(String unit) {
    saved.put(unit, STORE.toString());
    return unit;
  }

  @Client.Callback
  public static void show() {
    clicks++;
    Dom.find("out").text(FIRST + " " + NAMES.size() + " " + clicks);
  }
}
