// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.State;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An HTML element with attributes, classes, children and event bindings, built by the {@link Html}
 * factories.
 *
 * <pre>{@code
 * Element row = Html.li()
 *     .cls("item", "done")
 *     .attr("title", userInput)  // escaped
 *     .text(item.name())         // escaped
 *     .child(Html.button("x").on("click", Todo::remove));
 * row.render();
 * // <li class="item done" title="...">...<button data-on-click="Todo.remove">x</button></li>
 * }</pre>
 *
 * <p>Every method checks its input when called and throws {@link IllegalArgumentException} for a
 * bad name or value, or {@link IllegalStateException} for content on a void element. Attributes
 * render in the order they were first set, then the bindings. Not thread-safe: build a fresh
 * element for each render. An element must not contain itself.
 */
public final class Element implements Node {
  static {
    BrowserDom.install();
  }

  final String tag;
  final boolean isVoid;
  final Map<String, String> attributes = new LinkedHashMap<>();
  final Set<String> classes = new LinkedHashSet<>();
  final List<Node> children = new ArrayList<>();
  final EventBindings events = new EventBindings();
  final StateBindings states = new StateBindings();
  Repeat<?> repeat;

  Element(String tag) {
    TagRules.check(tag);
    this.tag = tag;
    this.isVoid = TagRules.isVoid(tag);
  }

  /**
   * Returns the tag name as given to the factory.
   *
   * <pre>{@code
   * Html.div().tag(); // "div"
   * }</pre>
   *
   * @return the tag name, for example {@code "div"}
   */
  public String tag() {
    return tag;
  }

  /**
   * Sets the {@code id} attribute.
   *
   * <pre>{@code
   * Html.div().id("display")  // <div id="display"></div>
   * }</pre>
   *
   * <p>Replaces an earlier id. The value is escaped.
   *
   * @param id the element's id, unique in the page
   * @return this element
   */
  public Element id(String id) {
    return attr("id", Objects.requireNonNull(id, "id == null"));
  }

  /**
   * Sets an attribute, replacing an earlier value of the same name.
   *
   * <pre>{@code
   * Html.input().attr("type", "text").attr("placeholder", "Name")
   * }</pre>
   *
   * <p>The value is escaped and double-quoted. The name must match {@code
   * [a-zA-Z_:][-a-zA-Z0-9_:.]*}. Rejected with {@link IllegalArgumentException}: inline event
   * handlers ({@code on*}, any case; use {@link #on(String, EventCallback)}), names starting with
   * {@code data-on-} (reserved for bindings), and {@code javascript:}, {@code vbscript:} or {@code
   * data:text/html} URLs in {@code href}, {@code src}, {@code action}, {@code formaction}, {@code
   * xlink:href}, {@code poster}, {@code cite} and {@code data}, and {@code srcdoc} (parsed as
   * HTML). Setting {@code class} replaces the classes added with {@link #cls(String...)}.
   *
   * @param name the attribute name
   * @param value the attribute value, unescaped
   * @return this element
   */
  public Element attr(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    AttributeRules.check(tag, name, value);
    if (name.equalsIgnoreCase("class")) {
      // One class attribute, whatever the case, so cls() and attr() never emit two.
      name = "class";
      classes.clear();
      for (String c : value.trim().split("\\s+")) {
        if (!c.isEmpty()) {
          classes.add(c);
        }
      }
    }
    attributes.put(name, value);
    return this;
  }

  /**
   * Adds CSS classes to the {@code class} attribute, skipping ones already present.
   *
   * <pre>{@code
   * Html.div().cls("card").cls("wide", "dark")  // <div class="card wide dark"></div>
   * }</pre>
   *
   * <p>Each class name must be non-empty and contain no whitespace; pass several classes as
   * separate arguments.
   *
   * @param classNames the class names, one per argument
   * @return this element
   */
  public Element cls(String... classNames) {
    Objects.requireNonNull(classNames, "classNames == null");
    for (String c : classNames) {
      Objects.requireNonNull(c, "class name == null");
      if (c.isEmpty() || Names.hasWhitespace(c)) {
        throw new IllegalArgumentException(
            "Class name '"
                + c
                + "' on <"
                + tag
                + "> must be non-empty and contain no whitespace: pass each class as its own"
                + " argument, for example .cls(\"a\", \"b\").");
      }
    }
    classes.addAll(List.of(classNames));
    attributes.put("class", String.join(" ", classes));
    return this;
  }

  /**
   * Appends a text node; the text is escaped, so it never becomes markup.
   *
   * <pre>{@code
   * Html.p().text("1 < 2")  // <p>1 &lt; 2</p>
   * }</pre>
   *
   * <p>Throws {@link IllegalStateException} on a void element such as {@code input}. Inside {@code
   * style} the text is escaped too, so CSS using {@code >} or quotes should be served as a
   * stylesheet file instead.
   *
   * @param text the text, unescaped
   * @return this element
   */
  public Element text(String text) {
    Objects.requireNonNull(text, "text == null");
    checkNotVoid("text");
    checkNotRepeating("text");
    children.add(new Text(text));
    return this;
  }

  /**
   * Shows {@code state}'s value as the element's text, now and whenever it changes in the page.
   *
   * <pre>{@code
   * Html.span().text(Converter.fahrenheit)   // <span data-bind="text:Converter.fahrenheit">68.0</span>
   * }</pre>
   *
   * <p>The state must be a {@code static final} field of a registered class; null shows as empty.
   *
   * @param state the state to follow
   * @return this element
   */
  public Element text(State<?> state) {
    checkNotVoid("text");
    checkNotRepeating("text");
    states.add("text", state, "Element.text(State)");
    Object value = state.get();
    children.add(new Text(value == null ? "" : value.toString()));
    return this;
  }

  /**
   * Sets attribute {@code name} to {@code state}'s value, now and whenever it changes (removed
   * while it is null). The names and URL values {@link #attr(String, String)} refuses are refused
   * here too, in the browser as well ({@code class} and {@code style} cannot be bound).
   *
   * <pre>{@code
   * Html.a("#", "link").attr("href", Links.current)
   * }</pre>
   *
   * @param name the attribute name
   * @param state the state to follow
   * @return this element
   */
  public Element attr(String name, State<?> state) {
    Objects.requireNonNull(name, "name == null");
    Object value = state == null ? null : state.get();
    AttributeRules.check(tag, name, value == null ? "" : value.toString());
    if (name.equalsIgnoreCase("class") || name.equalsIgnoreCase("style")) {
      throw new IllegalArgumentException(
          "Element.attr(\""
              + name
              + "\", State) on <"
              + tag
              + ">: bind classes one by one with cls(name, State<Boolean>); a style attribute"
              + " would break the page's Content-Security-Policy.");
    }
    states.add("attr-" + name, state, "Element.attr(\"" + name + "\", State)");
    if (value != null) {
      attributes.put(name, value.toString());
    }
    return this;
  }

  /**
   * Gives the element class {@code className} while {@code on} is true.
   *
   * <pre>{@code
   * Html.li().cls("done", Todo.done)
   * }</pre>
   *
   * @param className the class to toggle
   * @param on the state that says whether it is set
   * @return this element
   */
  public Element cls(String className, State<Boolean> on) {
    Objects.requireNonNull(className, "className == null");
    states.add("class-" + className, on, "Element.cls(\"" + className + "\", State)");
    if (Boolean.TRUE.equals(on.get())) {
      cls(className);
    }
    return this;
  }

  /**
   * Shows the element only while {@code shown} is true (it is {@code hidden} otherwise).
   *
   * <pre>{@code
   * Html.p().text("Below freezing").visible(Converter.freezing)
   * }</pre>
   *
   * @param shown the state that says whether it shows
   * @return this element
   */
  public Element visible(State<Boolean> shown) {
    states.add("visible", shown, "Element.visible(State)");
    if (!Boolean.TRUE.equals(shown.get())) {
      attributes.put("hidden", "");
    }
    return this;
  }

  /**
   * Binds an input's value to {@code state}: the input shows it, and typing sets it when it is a
   * writable {@code State<String>} (two-way); other states only show.
   *
   * <pre>{@code
   * Html.input().value(Converter.celsiusText)
   * }</pre>
   *
   * @param state the state to follow
   * @return this element
   */
  public Element value(State<?> state) {
    states.add("value", state, "Element.value(State)");
    Object value = state.get();
    attributes.put("value", value == null ? "" : value.toString());
    return this;
  }

  /**
   * Binds a checkbox's {@code checked} to {@code state}, both ways when the state is writable.
   *
   * <pre>{@code
   * Html.input().attr("type", "checkbox").checked(Settings.dark)
   * }</pre>
   *
   * @param state the state to follow
   * @return this element
   */
  public Element checked(State<Boolean> state) {
    states.add("checked", state, "Element.checked(State)");
    if (Boolean.TRUE.equals(state.get())) {
      attributes.put("checked", "");
    }
    return this;
  }

  /**
   * Appends child nodes in order.
   *
   * <pre>{@code
   * Html.ul().child(Html.li("one"), Html.li("two"))
   * }</pre>
   *
   * <p>Throws {@link IllegalStateException} on a void element such as {@code input}.
   *
   * @param nodes the children, in order
   * @return this element
   */
  public Element child(Node... nodes) {
    Objects.requireNonNull(nodes, "nodes == null");
    return children(Arrays.asList(nodes));
  }

  /**
   * Appends child nodes in iteration order.
   *
   * <pre>{@code
   * Html.ul().children(items.stream().map(i -> Html.li(i.name())).toList())
   * }</pre>
   *
   * <p>Throws {@link IllegalStateException} on a void element such as {@code input}, and {@link
   * NullPointerException} for a null node.
   *
   * @param nodes the children, in iteration order
   * @return this element
   */
  public Element children(Collection<? extends Node> nodes) {
    Objects.requireNonNull(nodes, "nodes == null");
    checkNotVoid("children");
    checkNotRepeating("children");
    for (Node n : nodes) {
      children.add(Objects.requireNonNull(n, "node == null"));
    }
    return this;
  }

  /**
   * Binds a DOM event to a {@link dev.violetear.Client.Callback} method that takes the {@link
   * dev.violetear.browser.Event}.
   *
   * <pre>{@code
   * Html.button("+").on("click", Counter::plus)  // <button data-on-click="Counter.plus">+</button>
   * }</pre>
   *
   * <p>Checked now, which is render time for a view: the callback must be a method reference to a
   * static, non-private, void {@code @Client.Callback} method taking no parameter or one {@code
   * Event}, and the event name must match {@code [a-z][a-z0-9_-]*}; otherwise {@link
   * IllegalArgumentException}. Binding the same event twice on one element throws {@link
   * IllegalStateException}. The browser runtime attaches the listener when the page loads.
   *
   * @param domEvent the DOM event name, for example {@code "click"}
   * @param callback a reference to the {@code @Client.Callback} method
   * @return this element
   */
  public Element on(String domEvent, EventCallback callback) {
    return bind(domEvent, callback);
  }

  /**
   * Binds a DOM event to a {@link dev.violetear.Client.Callback} method without parameters.
   *
   * <pre>{@code
   * Html.button("Reset").on("click", Counter::reset)
   * }</pre>
   *
   * <p>Same rules as {@link #on(String, EventCallback)}.
   *
   * @param domEvent the DOM event name, for example {@code "click"}
   * @param callback a reference to the {@code @Client.Callback} method
   * @return this element
   */
  public Element on(String domEvent, Action callback) {
    return bind(domEvent, callback);
  }

  private Element bind(String domEvent, Serializable callback) {
    events.add(tag, domEvent, callback);
    return this;
  }

  /**
   * Fills this element with the items of {@code list}, one element each, and keeps them in step
   * with its state in the page: added items are inserted, removed ones removed, moved ones moved,
   * and the others keep their elements.
   *
   * <pre>{@code
   * Html.ul().repeat(Tasks.rows)   // <ul data-bind="each:Tasks.rows"><li data-key="t1">...</li></ul>
   * }</pre>
   *
   * <p>The element holds only the items: it must have no children, and gets none after. Two items
   * with the same key throw {@link IllegalArgumentException}.
   *
   * @param list the repeat, a {@code static final} field of a registered class
   * @param <T> the item type
   * @return this element
   */
  public <T> Element repeat(Repeat<T> list) {
    Objects.requireNonNull(list, "list == null");
    checkNotVoid("a repeat");
    if (!children.isEmpty()) {
      throw new IllegalStateException(
          "<"
              + tag
              + "> already has children: the element of a repeat holds only its items; put the"
              + " repeat in an element of its own.");
    }
    states.add("each", list, "Element.repeat(Repeat)");
    children.addAll(list.renderAll());
    repeat = list;
    return this;
  }

  /**
   * Appends this element's HTML to {@code out}.
   *
   * <pre>{@code
   * Html.img("/logo.png", "Logo").render(out); // <img src="/logo.png" alt="Logo">
   * }</pre>
   *
   * <p>Void elements render without a closing tag.
   */
  @Override
  public void render(StringBuilder out) {
    HtmlWriter.write(this, out);
  }

  void collectStateClasses(Set<Class<?>> into) {
    states.collectClasses(into);
    for (Node child : children) {
      if (child instanceof Element e) {
        e.collectStateClasses(into);
      }
    }
  }

  /** Whether this element or one inside it has the attribute {@code name}. */
  boolean containsAttribute(String name) {
    if (attributes.containsKey(name)) {
      return true;
    }
    for (Node child : children) {
      if (child instanceof Element e && e.containsAttribute(name)) {
        return true;
      }
    }
    return false;
  }

  void collectBindings(Set<Binding> into) {
    into.addAll(events.named());
    for (Node child : children) {
      if (child instanceof Element e) {
        e.collectBindings(into);
      }
    }
  }

  private void checkNotRepeating(String what) {
    if (repeat != null) {
      throw new IllegalStateException(
          "Cannot add "
              + what
              + " to <"
              + tag
              + ">: it holds a repeat's items, which the page keeps in step; put other content"
              + " beside it.");
    }
  }

  private void checkNotVoid(String what) {
    if (isVoid) {
      throw new IllegalStateException(
          "Cannot add "
              + what
              + " to <"
              + tag
              + ">: it is a void element, which has no content and no closing tag.");
    }
  }
}
