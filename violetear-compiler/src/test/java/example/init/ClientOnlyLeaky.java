// SPDX-License-Identifier: Apache-2.0
package example.init;

import dev.violetear.Client;
import dev.violetear.browser.Dom;
import java.nio.file.Files;
import java.nio.file.Path;

/** A class with client code only, one of whose static initialisers reaches server-only code. */
public class ClientOnlyLeaky {
  static final String GREETING = "hello";
  static final boolean HAS_TMP = Files.isDirectory(Path.of("/tmp"));

  @Client.Callback
  public static void show() {
    Dom.find("out").text(GREETING);
  }
}
