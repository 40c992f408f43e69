// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.browser.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which classes make their pages open the socket at load. */
class ListeningClassesTest {
  static class Clicks {
    @Client.Callback
    static void click(Event e) {}

    @Client.On("ready")
    static void ready() {}

    @Server.Rpc
    static int add(int delta) {
      return delta;
    }

    @Server.Realtime
    static void say(String text) {}
  }

  static class Toasts {
    @Client.Realtime
    static void toast(String text) {}
  }

  static class Reconnects {
    @Client.On("connect")
    static void online() {}
  }

  static class News {
    @Client.On("headline")
    static void headline(String text) {}
  }

  @Test
  void realtimeMethodsAndEventsButReadyMakeAClassListen() {
    AppModel model = AppModel.of(List.of(Clicks.class, Toasts.class, Reconnects.class, News.class));

    assertThat(model.listeningClasses())
        .containsExactlyInAnyOrder(Toasts.class, Reconnects.class, News.class);
  }
}
