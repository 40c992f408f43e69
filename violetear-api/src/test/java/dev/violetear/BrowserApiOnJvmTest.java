// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.browser.Dom;
import org.junit.jupiter.api.Test;

class BrowserApiOnJvmTest {
  @Test
  void theBrowserApiExplainsThatItRunsOnlyInTheBrowser() {
    assertThatThrownBy(() -> Dom.find("display"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The browser API (Dom, DomElement, Event, Violetear) works only in client code"
                + " running in the browser; it was called on the JVM. Call it from @Client methods; to"
                + " run a @Client.Realtime method in browsers from the server, use"
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
