// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.State;
import dev.violetear.internal.MarkupHooks;
import dev.violetear.internal.client.ClientRuntime;
import dev.violetear.internal.client.StateBinder;
import java.io.Serializable;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Builds DOM elements from markup in the browser. Where the server renders a callback's name for
 * the runtime to look up, this attaches the callback object itself, and where the server renders a
 * {@code data-bind} entry, this binds the state object itself: both sides end with the same
 * behaviour.
 *
 * <pre>{@code
 * JSObject li = MarkupHooks.dom().build(Html.li("x").on("click", Log::select));
 * }</pre>
 */
final class BrowserDom implements MarkupHooks.Dom {
  private static final BrowserDom INSTANCE = new BrowserDom();

  private BrowserDom() {}

  static void install() {
    MarkupHooks.installDom(INSTANCE);
  }

  @Override
  public JSObject build(Element element) {
    return node(element);
  }

  @Override
  public void bindList(JSObject container, Object repeat) {
    ListDom.bind(container, (Repeat<?>) repeat);
  }

  static JSObject node(Element e) {
    JSObject node = createElement(e.tag);
    for (Map.Entry<String, String> a : e.attributes.entrySet()) {
      setAttribute(node, a.getKey(), a.getValue());
    }
    if (e.repeat == null) {
      for (Node child : e.children) {
        if (child instanceof Element c) {
          appendChild(node, node(c));
        } else if (child instanceof Text t) {
          appendChild(node, createText(t.value));
        } else {
          throw new IllegalArgumentException(
              "Cannot build " + child.getClass().getName() + " in the browser: use Html's nodes.");
        }
      }
    }
    for (Map.Entry<String, Serializable> h : e.events.handlers().entrySet()) {
      String label = "@Client.Callback on '" + h.getKey() + "' of <" + e.tag + ">";
      Serializable callback = h.getValue();
      listen(
          node,
          h.getKey(),
          ClientRuntime.listener(
              label,
              event -> {
                if (callback instanceof EventCallback c) {
                  c.handle(event);
                } else {
                  ((Action) callback).run();
                }
              }));
    }
    for (int i = 0; i < e.states.size(); i++) {
      Object target = e.states.target(i);
      if (target instanceof Repeat<?> r) {
        ListDom.bind(node, r);
      } else {
        StateBinder.bindState(node, e.states.kind(i), (State<?>) target);
      }
    }
    return node;
  }

  @JSBody(params = "tag", script = "return document.createElement(tag);")
  private static native JSObject createElement(String tag);

  @JSBody(params = "text", script = "return document.createTextNode(text);")
  private static native JSObject createText(String text);

  @JSBody(
      params = {"element", "name", "value"},
      script = "element.setAttribute(name, value);")
  private static native void setAttribute(JSObject element, String name, String value);

  @JSBody(
      params = {"parent", "child"},
      script = "parent.appendChild(child);")
  private static native void appendChild(JSObject parent, JSObject child);

  // As the runtime's listener for data-on-*: handlers run later, when currentTarget is gone, and a
  // bound form must not navigate.
  @JSBody(
      params = {"element", "eventName", "handler"},
      script =
          "element.addEventListener(eventName, function (event) {"
              + " event.violetearTarget = element;"
              + " if (eventName === 'submit') event.preventDefault();"
              + " handler(event); });")
  private static native void listen(
      JSObject element, String eventName, ClientRuntime.Handler handler);
}
