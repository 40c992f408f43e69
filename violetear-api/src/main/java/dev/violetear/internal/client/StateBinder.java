// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import dev.violetear.State;
import dev.violetear.browser.Subscription;
import dev.violetear.internal.MarkupHooks;
import dev.violetear.internal.StateHooks;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.platform.Platform;

/**
 * Binds the page's elements to the app's states: an element rendered with {@code
 * data-bind="text:Converter.fahrenheit;class-cold:Converter.freezing"} follows those states, and an
 * input bound with {@code value:} or {@code checked:} sets its state when the user types or clicks.
 * Each element is bound once, when the runtime hydrates it (the page at load, or inserted content).
 * Only the glue of an app with states reaches this class, so other bundles stay without it.
 *
 * <pre>{@code
 * StateBinder.state("Converter.celsius", Converter.celsius);   // generated, per state field
 * StateBinder.install();                                        // generated, once
 * }</pre>
 */
public final class StateBinder {
  private static final String ATTR = "attr-";
  private static final String CLASS = "class-";
  private static final String EACH = "each";
  private static final Map<String, State<?>> states = new HashMap<>();
  // The Repeat fields, bound with each:Class.field.
  private static final Map<String, Object> lists = new HashMap<>();

  private StateBinder() {}

  /**
   * Makes {@code bindable} (a {@code State}, or a {@code Repeat} for {@code each:}) bindable as
   * {@code name} ({@code SimpleClassName.field}).
   */
  public static void state(String name, Object bindable) {
    if (bindable instanceof State<?> state) {
      states.put(name, state);
    } else {
      lists.put(name, bindable);
    }
  }

  /** Lets the runtime's hydration bind the elements that name states. */
  public static void install() {
    register(StateBinder::bind);
    StateHooks.installWriter(
        new StateHooks.SharedWriter() {
          @Override
          public <T> void write(State<T> state, UnaryOperator<T> change) {
            throw new IllegalStateException(
                "State.set on a shared state in the browser: the server owns it. Call a"
                    + " @Server.Rpc method that changes it (and may refuse).");
          }
        });
  }

  /**
   * The runtime's binder: binds every not yet bound element under {@code root}; returns how many.
   */
  @JSFunctor
  interface Binder extends JSObject {
    int bind(JSObject root);
  }

  static int bind(JSObject root) {
    int count = 0;
    JSObject[] elements = unbound(root);
    for (JSObject element : elements) {
      String spec = attribute(element, "data-bind");
      int start = 0;
      // No String.split: in TeaVM it pulls in java.util.regex, about 100 KB of bundle.
      while (start < spec.length()) {
        int end = spec.indexOf(';', start);
        if (end < 0) {
          end = spec.length();
        }
        if (bindOne(element, spec.substring(start, end))) {
          count++;
        }
        start = end + 1;
      }
    }
    return count;
  }

  // One "kind:State.name" entry of an element's data-bind.
  private static boolean bindOne(JSObject element, String entry) {
    int colon = entry.indexOf(':');
    String kind = colon < 0 ? "" : entry.substring(0, colon);
    String name = entry.substring(colon + 1);
    if (kind.equals(EACH) && lists.containsKey(name)) {
      MarkupHooks.dom().bindList(element, lists.get(name));
      return true;
    }
    State<?> state = states.get(name);
    if (colon <= 0 || state == null) {
      error(
          "violetear: data-bind entry '"
              + entry
              + "' names "
              + (colon <= 0
                  ? "no kind: write kind:Class.field, e.g. text:Converter.fahrenheit."
                  : "no state of the app: bind static final State fields of registered classes."),
          element);
      return false;
    }
    return bindState(element, kind, state);
  }

  /**
   * Makes {@code element} follow {@code state} as {@code kind} says (text, value, checked, visible,
   * attr-NAME, class-NAME); false, after a console error, for an unknown kind. The subscription
   * ends when {@link #release} is called on the element or one around it.
   */
  public static boolean bindState(JSObject element, String kind, State<?> state) {
    if (kind.equals("text")) {
      follow(element, state, v -> setText(element, text(v)));
    } else if (kind.equals("visible")) {
      follow(element, state, v -> setHidden(element, !truth(v)));
    } else if (kind.equals("value")) {
      follow(element, state, v -> setValue(element, text(v)));
      if (state.isWritable() && (state.get() == null || state.get() instanceof String)) {
        @SuppressWarnings("unchecked")
        State<String> target = (State<String>) state;
        listen(element, "input", () -> later(() -> target.set(getValue(element))));
      }
    } else if (kind.equals("checked")) {
      follow(element, state, v -> setChecked(element, truth(v)));
      if (state.isWritable() && state.get() instanceof Boolean) {
        @SuppressWarnings("unchecked")
        State<Boolean> target = (State<Boolean>) state;
        listen(element, "change", () -> later(() -> target.set(isChecked(element))));
      }
    } else if (kind.startsWith(ATTR)) {
      String attribute = kind.substring(ATTR.length());
      follow(element, state, v -> setAttribute(element, attribute, v == null ? null : text(v)));
    } else if (kind.startsWith(CLASS)) {
      String cls = kind.substring(CLASS.length());
      follow(element, state, v -> toggleClass(element, cls, truth(v)));
    } else {
      error(
          "violetear: data-bind kind '"
              + kind
              + "' is unknown; the kinds are text, value, checked, visible, attr-NAME, class-NAME"
              + " and each.",
          element);
      return false;
    }
    return true;
  }

  /**
   * Applies the current value (the page may hold another than the server rendered) and every next,
   * until {@link #release} is called on {@code element} or an element around it.
   */
  public static <T> void follow(JSObject element, State<T> state, Apply apply) {
    apply.apply(state.get());
    Subscription s = state.watch(apply::apply);
    remember(element, s::cancel);
  }

  /** What a bound element does with each value of its state. */
  public interface Apply {
    /**
     * Shows {@code value}.
     *
     * @param value the state's value
     */
    void apply(Object value);
  }

  /**
   * Ends the state subscriptions of {@code root} and of every element in it, so that removed
   * elements no longer follow (nor keep alive) the states they were bound to.
   */
  public static void release(JSObject root) {
    releaseAll(root);
  }

  /**
   * Runs {@code work} on its own green thread, as every handler runs: a watcher of the state may
   * block on an RPC call, which a DOM event's own thread cannot.
   */
  private static void later(Runnable work) {
    Platform.startThread(work::run);
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  private static boolean truth(Object v) {
    return Boolean.TRUE.equals(v);
  }

  @JSFunctor
  interface Listener extends JSObject {
    void handle();
  }

  @JSBody(params = "fn", script = "window.violetear.register('binder', 'states', fn);")
  private static native void register(Binder fn);

  // Skips elements no longer in the page: a list bound before them may have replaced them.
  @JSBody(
      params = "root",
      script =
          "var all = Array.from(root.querySelectorAll('[data-bind]'));"
              + " if (root.nodeType === 1 && root.hasAttribute('data-bind')) all.unshift(root);"
              + " return all.filter(function (e) {"
              + " if (e.violetearStates || !e.isConnected) return false;"
              + " e.violetearStates = true; return true; });")
  private static native JSObject[] unbound(JSObject root);

  @JSBody(
      params = {"element", "cancel"},
      script = "(element.violetearSubs || (element.violetearSubs = [])).push(cancel);")
  private static native void remember(JSObject element, Listener cancel);

  @JSBody(
      params = "root",
      script =
          "var all = Array.from(root.querySelectorAll ? root.querySelectorAll('*') : []);"
              + " all.unshift(root);"
              + " all.forEach(function (element) { var subs = element.violetearSubs;"
              + " if (subs) { element.violetearSubs = null; subs.forEach(function (c) { c(); }); } });")
  private static native void releaseAll(JSObject root);

  @JSBody(
      params = {"e", "name"},
      script = "return e.getAttribute(name) || '';")
  private static native String attribute(JSObject e, String name);

  // Only when it differs, so an unchanged value costs the page no DOM mutation.
  @JSBody(
      params = {"e", "t"},
      script = "if (e.textContent !== t) e.textContent = t;")
  private static native void setText(JSObject e, String t);

  @JSBody(
      params = {"e", "h"},
      script = "if (e.hidden !== h) e.hidden = h;")
  private static native void setHidden(JSObject e, boolean h);

  @JSBody(
      params = {"e", "v"},
      script = "if (e.value !== v) e.value = v;")
  private static native void setValue(JSObject e, String v);

  @JSBody(params = "e", script = "return e.value == null ? '' : String(e.value);")
  private static native String getValue(JSObject e);

  @JSBody(
      params = {"e", "c"},
      script = "if (e.checked !== c) e.checked = c;")
  private static native void setChecked(JSObject e, boolean c);

  @JSBody(params = "e", script = "return !!e.checked;")
  private static native boolean isChecked(JSObject e);

  // A script URL is refused in the browser too: the server checked only the first value.
  @JSBody(
      params = {"e", "n", "v"},
      script =
          "if (v === null) { if (e.hasAttribute(n)) e.removeAttribute(n); return; }"
              + " if (/^\\s*(javascript:|vbscript:|data:text\\/html)/i.test(v)) {"
              + " console.error('violetear: refused to set ' + n + ' to a script URL', e); return; }"
              + " if (e.getAttribute(n) !== v) e.setAttribute(n, v);")
  private static native void setAttribute(JSObject e, String n, String v);

  @JSBody(
      params = {"e", "c", "on"},
      script = "if (e.classList.contains(c) !== on) e.classList.toggle(c, on);")
  private static native void toggleClass(JSObject e, String c, boolean on);

  @JSBody(
      params = {"e", "type", "fn"},
      script = "e.addEventListener(type, function () { fn(); });")
  private static native void listen(JSObject e, String type, Listener fn);

  @JSBody(
      params = {"message", "e"},
      script = "console.error(message, e);")
  private static native void error(String message, JSObject e);
}
