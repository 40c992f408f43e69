// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.State;
import dev.violetear.internal.MarkupHooks;
import dev.violetear.internal.StateHooks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a page gives its states ({@link Document#initial}), rendered as one JSON data block
 * that the bundle reads before it binds anything: {@code <script type="application/json"
 * id="violetear-state">{"Profile.name":"Ada"}</script>}. A data block is not run, so the page's
 * Content-Security-Policy allows it; {@code <}, {@code >} and {@code &} are written as JSON
 * escapes, so that no value can close the element.
 *
 * <pre>{@code
 * given.add(Profile.name, "Ada");   // checked, then read by the view's markup
 * given.render(out);
 * }</pre>
 */
final class GivenStates {
  /** The data block's id; the bundle looks for it in the head only. */
  static final String ID = "violetear-state";

  // The JSON of each value by state name, in the order given.
  private final Map<String, String> values = new LinkedHashMap<>();

  <T> void add(State<T> state, T value) {
    if (state == null) {
      throw new NullPointerException("Document.initial: state == null");
    }
    MarkupHooks.Resolver resolver = MarkupHooks.resolver();
    String name =
        resolver == null ? "State" : resolver.bindableName(state, "Document.initial(State, value)");
    String what = "Document.initial(" + name + ", value)";
    if (state.isShared()) {
      throw new IllegalArgumentException(
          what
              + ": "
              + name
              + " is shared, so every page shows the server's one value; change it with set or"
              + " update on the server, or give pages their own values with a State.of(...)"
              + " state.");
    }
    if (!state.isWritable()) {
      throw new IllegalArgumentException(
          what
              + ": "
              + name
              + " is derived (made with map) and follows the state it was mapped from; give that"
              + " state's value instead.");
    }
    StateHooks.Page page = StateHooks.page();
    if (page == null) {
      throw new IllegalStateException(
          what
              + " works only while the app builds a page: call it in a view (app.view) or in the"
              + " page function of a form route (app.form), before the markup that binds "
              + name
              + ".");
    }
    values.put(name, page.give(state, value, what));
  }

  void render(StringBuilder out) {
    if (values.isEmpty()) {
      return;
    }
    out.append("<script type=\"application/json\" id=\"").append(ID).append("\">{");
    boolean isFirst = true;
    for (Map.Entry<String, String> v : values.entrySet()) {
      out.append(isFirst ? "\"" : ",\"");
      isFirst = false;
      appendEscaped(out, v.getKey());
      out.append("\":");
      appendEscaped(out, v.getValue());
    }
    out.append("}</script>");
  }

  /**
   * Appends JSON text with {@code <}, {@code >} and {@code &} as {@code \\u} escapes: outside
   * strings JSON has none of them, and inside one the escape means the same character, so the text
   * parses to the same value and cannot hold {@code </script>} or {@code <!--}.
   */
  private static void appendEscaped(StringBuilder out, String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        default -> out.append(c);
      }
    }
  }
}
