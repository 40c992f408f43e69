// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.State;
import dev.violetear.internal.model.AppModel;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Markup bound to states renders their current value and names them for the browser. */
class StateMarkupTest {
  static final class Page {
    static final State<String> name = State.of("<Ada>");
    static final State<Boolean> on = State.of(true);
    static final State<Boolean> off = State.of(false);
    static final State<String> link = State.of("/people/ada");
    static final State<String> script = State.of("javascript:alert(1)");
    static final State<String> none = State.of(null);
  }

  @BeforeAll
  static void register() {
    AppModel.of(List.of(Page.class));
  }

  @Test
  void eachBindingRendersTheValueNowAndOneDataBindAttribute() {
    StringBuilder out = new StringBuilder();
    Html.p().cls("done", Page.on).cls("late", Page.off).text(Page.name).render(out);

    assertThat(out.toString())
        .isEqualTo(
            "<p class=\"done\" data-bind=\"class-done:Page.on;class-late:Page.off;text:Page.name\">"
                + "&lt;Ada&gt;</p>");
  }

  @Test
  void inputsAttributesAndVisibilityRenderTheirCurrentValue() {
    assertThat(render(Html.input().value(Page.name)))
        .isEqualTo("<input value=\"&lt;Ada&gt;\" data-bind=\"value:Page.name\">");
    assertThat(render(Html.input().attr("type", "checkbox").checked(Page.on)))
        .isEqualTo("<input type=\"checkbox\" checked=\"\" data-bind=\"checked:Page.on\">");
    assertThat(render(Html.a("#", "x").attr("href", Page.link)))
        .isEqualTo("<a href=\"/people/ada\" data-bind=\"attr-href:Page.link\">x</a>");
    assertThat(render(Html.span().attr("title", Page.none)))
        .isEqualTo("<span data-bind=\"attr-title:Page.none\"></span>");
    assertThat(render(Html.p().visible(Page.off)))
        .isEqualTo("<p hidden=\"\" data-bind=\"visible:Page.off\"></p>");
    assertThat(render(Html.p().visible(Page.on)))
        .isEqualTo("<p data-bind=\"visible:Page.on\"></p>");
  }

  @Test
  void theClassesOfBoundStatesAreActiveOnThePage() {
    Document page = Document.titled("t").body(Html.div().child(Html.span().text(Page.name)));

    assertThat(page.activeClasses()).containsExactly(Page.class);
  }

  @Test
  void aStateNoRegisteredClassHoldsIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> Html.p().text(State.of("loose")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Element.text(State) was given a State that no registered class holds. Declare it as"
                + " a field 'static final State<T> name = State.of(...);'");
  }

  @Test
  void unsafeAttributeBindingsAreRefused() {
    assertThatThrownBy(() -> Html.a("#", "x").attr("href", Page.script))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("javascript:");
    assertThatThrownBy(() -> Html.p().attr("onclick", Page.name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inline event handler");
    assertThatThrownBy(() -> Html.p().attr("class", Page.name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cls(name, State<Boolean>)");
    assertThatThrownBy(() -> Html.p().attr("style", Page.name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Content-Security-Policy");
  }

  private static String render(Element e) {
    StringBuilder out = new StringBuilder();
    e.render(out);
    return out.toString();
  }
}
