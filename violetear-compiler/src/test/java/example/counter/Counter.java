// SPDX-License-Identifier: Apache-2.0
package example.counter;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A counter whose RPC bodies use server-only APIs that must never reach the bundle. */
public class Counter {
  private static final AtomicInteger count = new AtomicInteger();

  public record Total(int value, String label, List<String> history) {}

  public enum Mood {
    HAPPY,
    SAD
  }

  @Server.Rpc
  public static Total add(int delta) throws Exception {
    if (delta == 99) {
      DriverManager.getConnection("jdbc:none:SERVER_ONLY_MARKER");
    }
    if (delta == 98) {
      Files.readString(Path.of("/SERVER_ONLY_FILE_MARKER"));
    }
    int v = count.addAndGet(delta);
    return new Total(v, "n" + v, List.of());
  }

  @Server.Rpc
  public static Map<String, Optional<Mood>> moods(long[] ids, Mood[] wanted) {
    return Map.of();
  }

  @Client
  static String label(int n) {
    return "Count: " + n;
  }

  @Client.Callback
  public static void plus(Event e) throws Exception {
    Total t = add(1);
    Dom.find("display").text(label(t.value()));
  }

  @Client.Callback
  public static void reset() {
    Dom.find("display").text(String.valueOf(moods(new long[] {1L}, Mood.values()).size()));
  }
}
