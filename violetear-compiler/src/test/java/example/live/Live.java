// SPDX-License-Identifier: Apache-2.0
package example.live;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import dev.violetear.browser.Violetear;

/** Realtime calls both ways and events, run in Node against a fake runtime. */
public class Live {
  public enum Level {
    INFO,
    WARN
  }

  public record Note(String text, int n) {}

  @Server.Realtime
  public static void cursor(int x, int y) {}

  @Server.Realtime
  public static int counted() {
    return 1;
  }

  @Server.On("note")
  public static void noted(ClientId from, Note note) {}

  @Client.Realtime
  public static void toast(String message, Level level) {
    Dom.find("out").text("toast " + message + " " + level);
  }

  @Client.On("ready")
  public static void ready() {
    cursor(1, 2);
    int zero = counted();
    Dom.find("out").text("ready " + zero);
  }

  @Client.On("note")
  public static void note(Note note) {
    Dom.find("out").text("note " + note.text() + " " + note.n());
  }

  @Client.Callback
  public static void send() {
    // The local @Client.On("note") handler shows it; the fake runtime records the send.
    Violetear.runtime().emit("note", new Note("hi", 3));
  }
}
