// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.browser.Violetear;
import org.junit.jupiter.api.Test;

/**
 * Client code called on the JVM, as a server method or a plain unit test might by mistake, fails
 * with an error that says where the code runs and how the server reaches it.
 */
class ClientCodeOnTheJvmTest {
  @Test
  void callingAClientRealtimeMethodOnTheJvmExplainsHowToReachTheBrowser() {
    assertThatThrownBy(() -> Chat.toast("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in the browser")
        .hasMessageContaining("it was called on the JVM")
        .hasMessageContaining("app.clients().to(clientId).invoke(X::method, ...)")
        .hasMessageContaining("app.clients().all().invoke(X::method, ...)");
  }

  @Test
  void callingAClientRealtimeMethodWithSeveralArgumentsFailsTheSameWay() {
    assertThatThrownBy(() -> Board.cursor("guest-abcd", 1, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in the browser")
        .hasMessageContaining("app.clients().to(clientId).invoke(");
  }

  @Test
  void callingAClientEventHandlerOnTheJvmFailsTheSameWay() {
    assertThatThrownBy(() -> Chat.userJoined("guest-abcd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in the browser");
  }

  @Test
  void theRuntimeHandleWorksOnlyInTheBrowser() {
    assertThatThrownBy(() -> Violetear.runtime().emit("note"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in the browser");
    assertThatThrownBy(() -> Violetear.runtime().state())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in the browser");
  }
}
