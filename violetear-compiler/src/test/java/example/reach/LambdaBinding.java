// SPDX-License-Identifier: Apache-2.0
package example.reach;

import dev.violetear.Client;
import dev.violetear.browser.Dom;
import dev.violetear.markup.Html;

/** Client code that builds markup binding a lambda, a plain method and a real callback. */
public class LambdaBinding {
  @Client.Callback
  public static void clicked() {}

  public static void notACallback() {}

  @Client.On("ready")
  public static void build() {
    Dom.find("x")
        .append(Html.button("a").on("click", () -> clicked()))
        .append(Html.button("b").on("click", LambdaBinding::notACallback))
        .append(Html.button("c").on("click", LambdaBinding::clicked));
  }
}
