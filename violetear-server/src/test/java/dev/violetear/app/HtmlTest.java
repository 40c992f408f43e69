// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
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
            Map.entry("h4", Html::h4),
            Map.entry("h5", Html::h5),
            Map.entry("h6", Html::h6),
            Map.entry("pre", Html::pre),
            Map.entry("code", Html::code),
            Map.entry("textarea", Html::textarea),
            Map.entry("select", Html::select),
            Map.entry("fieldset", Html::fieldset),
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

  @Test
  void voidElementsRenderWithoutAClosingTagAndRefuseContent() {
    assertThat(Html.hr().render()).isEqualTo("<hr>");
    assertThat(Html.br().render()).isEqualTo("<br>");
    assertThat(Html.input().attr("type", "checkbox").attr("checked", "").render())
        .isEqualTo("<input type=\"checkbox\" checked=\"\">");
    assertThat(Html.p().child(Html.text("a"), Html.br(), Html.text("b")).render())
        .isEqualTo("<p>a<br>b</p>");
    assertThatThrownBy(() -> Html.hr().text("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot add text to <hr>: it is a void element, which has no content and no closing"
                + " tag.");
    assertThatThrownBy(() -> Html.br().child(Html.span()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTextareasTextIsEscapedContent() {
    assertThat(Html.textarea().id("notes").text("</textarea><script>x</script> & more").render())
        .isEqualTo(
            "<textarea id=\"notes\">&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt; &amp;"
                + " more</textarea>");
  }

  @Test
  void aLeadingLineBreakInTextareaAndPreSurvivesTheParser() {
    // The HTML parser drops one line break right after <textarea> and <pre>.
    assertThat(Html.textarea().text("\nsecond line").render())
        .isEqualTo("<textarea>\n\nsecond line</textarea>");
    assertThat(Html.pre().text("\n  indented").render()).isEqualTo("<pre>\n\n  indented</pre>");
    assertThat(Html.pre().text("first\n").render()).isEqualTo("<pre>first\n</pre>");
    assertThat(Html.div().text("\nx").render()).isEqualTo("<div>\nx</div>");
  }

  @Test
  void selectOptionsLegendsAndLabelsEscapeTheirValues() {
    Element select =
        Html.select()
            .id("size")
            .attr("multiple", "")
            .child(
                Html.option("s", "Small"),
                Html.option("x\"l", "<Extra> large").attr("selected", ""));

    assertThat(select.render())
        .isEqualTo(
            "<select id=\"size\" multiple=\"\"><option value=\"s\">Small</option>"
                + "<option value=\"x&quot;l\" selected=\"\">&lt;Extra&gt; large</option></select>");
    assertThat(Html.fieldset().child(Html.legend("Size & fit")).render())
        .isEqualTo("<fieldset><legend>Size &amp; fit</legend></fieldset>");
    assertThat(Html.label("Name").attr("for", "name\"").render())
        .isEqualTo("<label for=\"name&quot;\">Name</label>");
    assertThat(Html.h5().text("<b>").render()).isEqualTo("<h5>&lt;b&gt;</h5>");
  }
}
