// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.Server;
import dev.violetear.VioletearException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRulesTest {
  static class Chat {
    record Message(String text) {}

    @Server.Realtime
    static void typing(boolean on) {}

    @Server.Realtime
    static int lost() {
      return 1;
    }

    @Server.On("start")
    static void started() {}

    @Server.On("connect")
    static void joined(ClientId id) {}

    @Server.On("chat")
    static void said(ClientId from, Message m) {}

    @Server.On("page_close")
    @Server.On("disconnect")
    static void gone(PageId page, ClientId id) {}

    @Server.On("shout")
    static void shoutedFrom(Message m, PageId page) {}

    @Server.On("chat")
    @Server.On("shout")
    static void logged(Message m) {}

    @Client.Realtime
    static void toast(String text) {}

    @Client.On("ready")
    static void ready() {}

    @Client.On("chat")
    static void show(Message m) {}

    @SuppressWarnings("deprecation")
    @Server.Connect
    static void oldJoined(ClientId id) {}

    @SuppressWarnings("deprecation")
    @Client.Startup
    static void oldReady() {}
  }

  @Test
  void realtimeMethodsEventHandlersAndTheirDataTypesAreFound() {
    AppModel model = AppModel.of(List.of(Chat.class));

    assertThat(model.realtimes())
        .extracting(RealtimeMethod::name)
        .containsExactly("Chat.lost", "Chat.typing");
    assertThat(model.serverEvents())
        .extracting(EventHandler::event)
        .containsExactlyInAnyOrder(
            "start",
            "connect",
            "chat",
            "page_close",
            "disconnect",
            "shout",
            "chat",
            "shout",
            "connect");
    assertThat(model.clientEvents())
        .extracting(EventHandler::event)
        .containsExactlyInAnyOrder("ready", "chat", "ready");
    assertThat(model.clients())
        .extracting(ClientMethod::name, ClientMethod::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Chat.toast", ClientMethod.Kind.REALTIME));
    assertThat(model.eventTypes())
        .containsOnlyKeys("chat", "shout")
        .containsEntry("chat", Chat.Message.class);
    assertThat(model.warnings())
        .containsExactlyInAnyOrder(
            "@Server.Realtime method Chat.lost returns int, but realtime calls have no result: the"
                + " value is lost. Make it void, or use @Server.Rpc to answer the caller.",
            "@Server.Connect (on Chat.oldJoined) is deprecated: write @Server.On(\"connect\")"
                + " instead.",
            "@Client.Startup (on Chat.oldReady) is deprecated: write @Client.On(\"ready\") instead.");
  }

  static class Broken {
    @Server.On("ready")
    static void serverReady() {}

    @Server.On("stop")
    static void stopWithId(ClientId id) {}

    @Server.On("disconnect")
    static void leftWithData(String s) {}

    @Server.On("page_open")
    static void openedTwice(PageId a, PageId b) {}

    @Client.On("page_close")
    static void clientPageClose() {}

    @Server.On("chat")
    static void chatText(String text) {}

    @Client.On("chat")
    static void chatNumber(int n) {}

    @Client.On("start")
    static void clientStart() {}

    @Client.On("connect")
    static void connectWithData(String s) {}

    @Client.On("bad name!")
    static void badName() {}

    @Client.Realtime
    static String answers() {
      return "";
    }
  }

  @Test
  void everyEventRuleNamesTheMethodAndTheFix() {
    assertThatThrownBy(() -> AppModel.of(List.of(Broken.class)))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The app's classes break 10 rules:\n"
                + "  - @Client.Realtime method Broken.answers must return void: the server calls it"
                + " without waiting for a result.\n"
                + "  - @Client.On(\"bad name!\") on Broken.badName: 'bad name!' is not a valid event"
                + " name; use letters, digits and _ . : - (starting with a letter), like"
                + " 'game_started'.\n"
                + "  - @Client.On(\"page_close\") on Broken.clientPageClose: 'page_close' is a"
                + " page's lifecycle on the server; use @Server.On(\"page_close\") on a server"
                + " method.\n"
                + "  - @Client.On(\"start\") on Broken.clientStart: 'start' is the server app's"
                + " lifecycle; use @Server.On(\"start\") on a server method.\n"
                + "  - @Client.On(\"connect\") method Broken.connectWithData must take no parameters:"
                + " 'connect' carries no data.\n"
                + "  - @Server.On(\"disconnect\") method Broken.leftWithData may take only a ClientId"
                + " and a PageId (the client and the page that disconnected), each at most once.\n"
                + "  - @Server.On(\"page_open\") method Broken.openedTwice may take only a ClientId"
                + " and a PageId (the client and the page that opened), each at most once.\n"
                + "  - @Server.On(\"ready\") on Broken.serverReady: 'ready' happens in the browser;"
                + " use @Client.On(\"ready\") on a client method.\n"
                + "  - @Server.On(\"stop\") method Broken.stopWithId must take no parameters: the"
                + " app's 'stop' concerns no client and carries no data.\n"
                + "  - Event 'chat' has handlers with different data types: Broken.chatText takes"
                + " java.lang.String, Broken.chatNumber takes int. Give every handler of one event"
                + " the same data type.");
  }
}
