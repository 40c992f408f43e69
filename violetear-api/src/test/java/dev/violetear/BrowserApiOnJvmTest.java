// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.browser.Dom;
import dev.violetear.browser.Storage;
import dev.violetear.browser.Timers;
import org.junit.jupiter.api.Test;

class BrowserApiOnJvmTest {
  @Test
  void theBrowserApiExplainsThatItRunsOnlyInTheBrowser() {
    assertThatThrownBy(() -> Dom.find("display"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The browser API (Dom, DomElement, Event, Storage, Timers, Violetear) works only in"
                + " client code running in the browser; it was called on the JVM. Call it from @Client"
                + " methods; to run a @Client.Realtime method in browsers from the server, use"
                + " app.clients().to(clientId).invoke(X::method, ...) or"
                + " app.clients().all().invoke(X::method, ...).");
  }

  @Test
  void theRuntimeHandleAlsoRunsOnlyInTheBrowser() {
    assertThatThrownBy(() -> dev.violetear.browser.Violetear.runtime().emit("chat"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it was called on the JVM");
    assertThatThrownBy(() -> dev.violetear.browser.Violetear.runtime().emit("chat", "hello"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it was called on the JVM");
    assertThatThrownBy(() -> dev.violetear.browser.Violetear.runtime().on("chat", (String s) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it was called on the JVM");
  }

  @Test
  void storageTimersAndInputReadersAlsoRunOnlyInTheBrowser() {
    String onJvm = "it was called on the JVM";
    assertThatThrownBy(() -> Storage.local().getString("theme"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(onJvm);
    assertThatThrownBy(() -> Storage.session().set("step", 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(onJvm);
    assertThatThrownBy(() -> Storage.local().getInt("visits", 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(onJvm);
    assertThatThrownBy(() -> Storage.local().keys())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(onJvm);
    assertThatThrownBy(() -> Timers.every(1000, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(onJvm);
    assertThatThrownBy(() -> Timers.after(0, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(onJvm);
    assertThatThrownBy(() -> Dom.checkedValue("size"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(onJvm);
  }

  @Test
  void timersRejectDelaysTheBrowserCannotMean() {
    assertThatThrownBy(() -> Timers.after(-1, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Timers.after: millis must not be negative, got -1. Give the delay in milliseconds,"
                + " for example Timers.after(500, task).");
    assertThatThrownBy(() -> Timers.every(0, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Timers.every: millis must be at least 1, got 0. Give the interval in milliseconds,"
                + " for example Timers.every(1000, task) for once a second.");
    assertThatThrownBy(() -> Timers.every(-5, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Timers.every: millis must be at least 1, got -5.");
    assertThatThrownBy(() -> Timers.after(10, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("task == null");
  }

  @Test
  void callerIsOnlyKnownInsideAHandler() {
    assertThatThrownBy(ClientId::caller)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "ClientId.caller() works only while the server handles a browser's"
                + " message: in a @Server.Rpc or @Server.Realtime method");
  }

  @Test
  void clientIdsCompareByValue() {
    assertThat(ClientId.of("a")).isEqualTo(ClientId.of("a")).isNotEqualTo(ClientId.of("b"));
    assertThatThrownBy(() -> ClientId.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anRpcExceptionFromAHandlerDefaultsToStatus422() {
    RpcException e = new RpcException("EmptyItem", "Write something first");
    assertThat(e.type()).isEqualTo("EmptyItem");
    assertThat(e.status()).isEqualTo(422);
    assertThat(e).hasMessage("Write something first");
  }
}
