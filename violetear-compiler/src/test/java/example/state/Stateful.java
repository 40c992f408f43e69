// SPDX-License-Identifier: Apache-2.0
package example.state;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Server-side static state beside browser handlers, in a class without RPC methods. */
public class Stateful {
  private static final Path STORE = Path.of("/var/STATE_MARKER");
  private static final Map<ClientId, String> seen = new ConcurrentHashMap<>();

  @Server.On("connect")
  public static void joined(ClientId id) {
    seen.put(id, STORE.toString());
  }

  @Client.On("ready")
  public static void ready() {
    Dom.find("out").text("ready");
  }
}
