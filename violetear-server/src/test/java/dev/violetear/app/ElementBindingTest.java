// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.browser.Event;
import dev.violetear.markup.Action;
import dev.violetear.markup.Binding;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import org.junit.jupiter.api.Test;

class ElementBindingTest {

  static class Counter {
    @Client.Callback
    public static void plus(Event e) {}

    @Client.Callback
    static void reset() {}

    static void plain(Event e) {}

    @Client
    static void refresh() {}

    @Client.Callback
    static void anything(Object o) {}

    @Client.Callback
    static int count() {
      return 1;
    }

    @Client.Callback
    void instance(Event e) {}

    @Client.Callback
    private static void hidden() {}

    static Action hiddenRef() {
      return Counter::hidden;
    }
  }

  static class Base {
    @Client.Callback
    static void inherited() {}
  }

  static class Derived extends Base {}

  @Test
  void bindsEventCallbackAndActionMethods() {
    Element button = Html.button("+").on("click", Counter::plus).on("dblclick", Counter::reset);

    assertThat(button.render())
        .isEqualTo(
            "<button data-on-click=\"Counter.plus\" data-on-dblclick=\"Counter.reset\">+</button>");
  }

  @Test
  void bindingsRenderAfterAttributes() {
    assertThat(Html.form().on("submit", Counter::plus).id("f").render())
        .isEqualTo("<form id=\"f\" data-on-submit=\"Counter.plus\"></form>");
  }

  @Test
  void inheritedStaticMethodBindsToItsDeclaringClass() {
    assertThat(Html.button().on("click", Derived::inherited).render())
        .isEqualTo("<button data-on-click=\"Base.inherited\"></button>");
  }

  @Test
  void methodWithoutAnnotationIsRejected() {
    assertThatThrownBy(() -> Html.button("x").on("click", Counter::plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to Counter.plain: it is not a @Client.Callback method. Annotate"
                + " it with @Client.Callback (static, void, no parameter or one Event).");
  }

  @Test
  void clientMethodThatIsNotCallbackIsRejected() {
    assertThatThrownBy(() -> Html.button("x").on("click", Counter::refresh))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to Counter.refresh: it is not a @Client.Callback method. Annotate"
                + " it with @Client.Callback (static, void, no parameter or one Event).");
  }

  @Test
  void wrongParametersAreRejected() {
    assertThatThrownBy(() -> Html.button("x").on("click", Counter::anything))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to Counter.anything: it takes (Object). A @Client.Callback method"
                + " is static, not private, void, and takes no parameter or one Event.");
  }

  @Test
  void nonVoidMethodIsRejected() {
    assertThatThrownBy(() -> Html.button("x").on("click", Counter::count))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to Counter.count: it returns int. A @Client.Callback method is"
                + " static, not private, void, and takes no parameter or one Event.");
  }

  @Test
  void instanceMethodIsRejected() {
    Counter counter = new Counter();
    assertThatThrownBy(() -> Html.button("x").on("click", counter::instance))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to Counter.instance: it is not static. A @Client.Callback method"
                + " is static, not private, void, and takes no parameter or one Event.");
  }

  @Test
  void privateMethodIsRejected() {
    assertThatThrownBy(() -> Html.button("x").on("click", Counter.hiddenRef()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to Counter.hidden: it is private. A @Client.Callback method is"
                + " static, not private, void, and takes no parameter or one Event.");
  }

  @Test
  void lambdaIsRejected() {
    assertThatThrownBy(() -> Html.button("x").on("click", e -> Counter.plus(e)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to a lambda in ElementBindingTest: bind a method reference to a"
                + " @Client.Callback method, for example .on(\"click\", Counter::plus).");
  }

  @Test
  void objectThatIsNotAMethodReferenceIsRejected() {
    Action action =
        new Action() {
          private static final long serialVersionUID = 1L;

          @Override
          public void run() {}
        };
    assertThatThrownBy(() -> Html.button("x").on("click", action))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind 'click' to an instance of "
                + action.getClass().getName()
                + ": bind a method reference to a @Client.Callback method, for example"
                + " .on(\"click\", Counter::plus).");
  }

  @Test
  void invalidEventNameIsRejected() {
    assertThatThrownBy(() -> Html.button("x").on("onClick", Counter::plus))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DOM event name 'onClick' is not valid: use lowercase letters, digits, '_' and '-',"
                + " starting with a letter, for example 'click'.");
    assertThatThrownBy(() -> Html.button("x").on("click\"", Counter::plus))
        .hasMessageStartingWith("DOM event name 'click\"' is not valid");
  }

  @Test
  void bindingAnEventTwiceIsRejected() {
    Element button = Html.button("x").on("click", Counter::plus);
    assertThatThrownBy(() -> button.on("click", Counter::reset))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "<button> already binds 'click' to Counter.plus: bind one @Client.Callback per event"
                + " and call the others from it.");
  }

  @Test
  void callbackNameUsesSimpleNameOfNestedClass() {
    assertThat(new Binding("click", Counter.class, "plus").callbackName())
        .isEqualTo("Counter.plus");
  }
}
