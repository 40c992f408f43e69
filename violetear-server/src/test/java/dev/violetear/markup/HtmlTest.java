// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void factoriesCreateTheirTags() {
    Map<String, Supplier<Element>> factories =
        Map.ofEntries(
            Map.entry("div", Html::div),
            Map.entry("span", Html::span),
            Map.entry("p", Html::p),
            Map.entry("h1", Html::h1),
            Map.entry("h2", Html::h2),
            Map.entry("h3", Html::h3),
            Map.entry("button", Html::button),
            Map.entry("ul", Html::ul),
            Map.entry("ol", Html::ol),
            Map.entry("li", Html::li),
            Map.entry("form", Html::form),
            Map.entry("section", Html::section),
            Map.entry("header", Html::header),
            Map.entry("footer", Html::footer),
            Map.entry("main", Html::main),
            Map.entry("nav", Html::nav),
            Map.entry("small", Html::small),
            Map.entry("strong", Html::strong),
            Map.entry("em", Html::em));

    factories.forEach(
        (tag, factory) -> {
          Element e = factory.get();
          assertThat(e.tag()).isEqualTo(tag);
          assertThat(e.render()).isEqualTo("<" + tag + "></" + tag + ">");
        });
  }

  @Test
  void factoriesWithContentEscapeIt() {
    assertThat(Html.button("<+>").render()).isEqualTo("<button>&lt;+&gt;</button>");
    assertThat(Html.li("a&b").render()).isEqualTo("<li>a&amp;b</li>");
    assertThat(Html.label("\"Name\"").render()).isEqualTo("<label>&quot;Name&quot;</label>");
    assertThat(Html.a("/x?a=1&b=2", "X").render()).isEqualTo("<a href=\"/x?a=1&amp;b=2\">X</a>");
    assertThat(Html.img("/a.png", "\" onerror=\"alert(1)").render())
        .isEqualTo("<img src=\"/a.png\" alt=\"&quot; onerror=&quot;alert(1)\">");
    assertThat(Html.input().render()).isEqualTo("<input>");
    assertThat(Html.text("<i>").render()).isEqualTo("&lt;i&gt;");
  }
}
