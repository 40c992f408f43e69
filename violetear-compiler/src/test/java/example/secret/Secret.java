// SPDX-License-Identifier: Apache-2.0
package example.secret;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Violetear;
import java.util.Optional;

/** A record with server-only components, as a page decodes and encodes it, run in Node. */
public class Secret {
  public record Seat(
      String name,
      int pot,
      @Server.Only int pin,
      @Server.Only String token,
      @Server.Only Optional<String> note) {}

  @Client.Realtime
  public static void show(Seat seat) {
    Dom.find("out").text(describe(seat));
  }

  @Client.On("seated")
  public static void seated(Seat seat) {
    Dom.find("out").text("seated " + describe(seat));
  }

  @Client.Callback
  public static void send() {
    // The fake runtime records what the page sends; the local handler shows what it decoded.
    Violetear.runtime().emit("seated", new Seat("Bo", 2, 7, "t", Optional.of("n")));
  }

  private static String describe(Seat seat) {
    return seat.name()
        + " "
        + seat.pot()
        + " "
        + seat.pin()
        + " "
        + seat.token()
        + " "
        + seat.note().isPresent();
  }
}
