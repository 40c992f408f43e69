// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import dev.violetear.State;
import dev.violetear.internal.StateHooks;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Gives the page's states the values its view gave them ({@code Document.initial}), read from the
 * JSON data block the server renders in the head. The glue calls it as it registers each state,
 * before the runtime binds any element or runs a {@code ready} handler, so the page starts with
 * those values: no binding shows the initialiser's value first.
 *
 * <pre>{@code
 * GivenValues.apply("Profile.name", Profile.name, C0);   // generated, per state field
 * }</pre>
 */
public final class GivenValues {
  // The parsed data block, read once; an empty object when the page has none.
  private static JSObject values;

  private GivenValues() {}

  /** Sets {@code state} to its value on this page, when the page gives one. */
  public static <T> void apply(String name, State<T> state, Codec<T> codec) {
    if (values == null) {
      values = read();
    }
    if (!Json.has(values, name)) {
      return;
    }
    T value;
    try {
      value = codec.decode(Json.get(values, name));
    } catch (RuntimeException e) {
      // Only a bundle older than the server's markup gets here; the page goes on without it.
      error("violetear: the page's value of " + name + " does not fit: " + e.getMessage());
      return;
    }
    StateHooks.force(state, value);
  }

  // Only in the head: the body is the app's markup, which must not be able to give values.
  @JSBody(
      script =
          "var s = document.querySelector('head>script#violetear-state');"
              + " try { return s ? JSON.parse(s.textContent) : {}; }"
              + " catch (e) { console.error('violetear: bad state values', e); return {}; }")
  private static native JSObject read();

  @JSBody(params = "message", script = "console.error(message);")
  private static native void error(String message);
}
