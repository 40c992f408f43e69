// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementTest {
  private static final String HOSTILE = "\"><script>alert(1)</script>";

  @Test
  void rendersAttributesClassesAndChildrenInOrder() {
    Element list =
        Html.ul()
            .id("items")
            .cls("list")
            .attr("title", "Items")
            .cls("dark", "list")
            .child(Html.li("one"), Html.li().child(Html.a("/two", "two")))
            .children(List.of(Html.li("three")));

    assertThat(list.tag()).isEqualTo("ul");
    assertThat(list.render())
        .isEqualTo(
            "<ul id=\"items\" class=\"list dark\" title=\"Items\"><li>one</li>"
                + "<li><a href=\"/two\">two</a></li><li>three</li></ul>");
  }

  @Test
  void textIsEscaped() {
    assertThat(Html.p().text(HOSTILE).render())
        .isEqualTo("<p>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    assertThat(Html.text("Tom & Jerry's").render()).isEqualTo("Tom &amp; Jerry&#39;s");
  }

  @Test
  void attributeValuesAreEscapedAndDoubleQuoted() {
    assertThat(Html.div().attr("title", HOSTILE).id("a'b").render())
        .isEqualTo(
            "<div title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" id=\"a&#39;b\"></div>");
    assertThat(Html.a("/search?q=a&b=\"c\"", "<b>").render())
        .isEqualTo("<a href=\"/search?q=a&amp;b=&quot;c&quot;\">&lt;b&gt;</a>");
  }

  @Test
  void attrClassReplacesClassesAddedWithCls() {
    assertThat(Html.div().cls("a").attr("CLASS", " b  c ").cls("d").render())
        .isEqualTo("<div class=\"b c d\"></div>");
  }

  @Test
  void classNameWithWhitespaceIsRejected() {
    assertThatThrownBy(() -> Html.div().cls("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Class name 'a b' on <div> must be non-empty and contain no whitespace: pass each"
                + " class as its own argument, for example .cls(\"a\", \"b\").");
  }

  @Test
  void invalidTagNameIsRejected() {
    assertThatThrownBy(() -> Html.element("div><script"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Tag name 'div><script' is not valid: use letters, digits and '-', starting with a"
                + " letter.");
    assertThatThrownBy(() -> Html.element("1h"))
        .hasMessageStartingWith("Tag name '1h' is not valid");
    assertThat(Html.element("my-widget").render()).isEqualTo("<my-widget></my-widget>");
  }

  @Test
  void scriptElementIsRejectedAndStyleIsAllowed() {
    assertThatThrownBy(() -> Html.element("script"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Html.element('script') is not allowed: the framework adds the page's scripts;"
                + " put browser code in @Client methods");
    assertThatThrownBy(() -> Html.element("SCRIPT"))
        .hasMessageStartingWith("Html.element('SCRIPT') is not allowed");
    assertThat(Html.element("style").text("</style><script>").render())
        .isEqualTo("<style>&lt;/style&gt;&lt;script&gt;</style>");
  }

  @Test
  void invalidAttributeNameIsRejected() {
    assertThatThrownBy(() -> Html.div().attr("x\"><script>", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Attribute name 'x\"><script>' on <div> is not valid: use letters, digits, '-', '_',"
                + " ':' and '.', starting with a letter, '_' or ':'.");
    assertThatThrownBy(() -> Html.div().attr("a b", "v"))
        .hasMessageStartingWith("Attribute name 'a b' on <div> is not valid");
    assertThatThrownBy(() -> Html.div().attr("-x", "v"))
        .hasMessageStartingWith("Attribute name '-x' on <div> is not valid");
    assertThat(Html.element("svg").attr("xlink:href", "#a").attr("data-x.y_z", "1").render())
        .isEqualTo("<svg xlink:href=\"#a\" data-x.y_z=\"1\"></svg>");
  }

  @Test
  void inlineEventHandlerAttributeIsRejected() {
    assertThatThrownBy(() -> Html.button("x").attr("onclick", "alert(1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Attribute 'onclick' on <button> is an inline event handler, which is not allowed:"
                + " bind with .on(\"click\", MyClass::method) to a @Client.Callback method.");
    assertThatThrownBy(() -> Html.img("/a.png", "a").attr("OnError", "alert(1)"))
        .hasMessage(
            "Attribute 'OnError' on <img> is an inline event handler, which is not allowed:"
                + " bind with .on(\"error\", MyClass::method) to a @Client.Callback method.");
  }

  @Test
  void bindingAttributeIsReserved() {
    assertThatThrownBy(() -> Html.button("x").attr("data-on-click", "Counter.plus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Attribute 'data-on-click' on <button> is reserved for event bindings: bind with"
                + " .on(\"click\", MyClass::method) to a @Client.Callback method.");
    assertThatThrownBy(() -> Html.div().attr("DATA-ON-input", "X.y"))
        .hasMessageStartingWith("Attribute 'DATA-ON-input' on <div> is reserved");
  }

  @Test
  void scriptUrlsAreRejected() {
    assertThatThrownBy(() -> Html.a("javascript:alert(1)", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Attribute 'href' on <a> has a 'javascript:' URL, which would run script: bind a"
                + " @Client.Callback method with .on(\"click\", MyClass::method) instead.");
    assertThatThrownBy(() -> Html.a("  JaVa\tScRi\npt:alert(1)", "x"))
        .hasMessageStartingWith("Attribute 'href' on <a> has a 'javascript:' URL");
    assertThatThrownBy(() -> Html.img("\u0001vbscript:msgbox", "x"))
        .hasMessageStartingWith("Attribute 'src' on <img> has a 'vbscript:' URL");
    assertThatThrownBy(() -> Html.form().attr("ACTION", "Data:Text/HTML,<script>"))
        .hasMessageStartingWith("Attribute 'ACTION' on <form> has a 'data:text/html' URL");
    assertThatThrownBy(() -> Html.button().attr("formaction", "javascript:x"))
        .hasMessageStartingWith("Attribute 'formaction' on <button> has a 'javascript:' URL");
    assertThatThrownBy(() -> Html.element("use").attr("xlink:href", "javascript:x"))
        .hasMessageStartingWith("Attribute 'xlink:href' on <use> has a 'javascript:' URL");
    assertThatThrownBy(() -> Html.element("video").attr("poster", "javascript:x"))
        .hasMessageStartingWith("Attribute 'poster' on <video> has a 'javascript:' URL");
    assertThatThrownBy(() -> Html.element("blockquote").attr("cite", "javascript:x"))
        .hasMessageStartingWith("Attribute 'cite' on <blockquote> has a 'javascript:' URL");
    assertThatThrownBy(() -> Html.element("object").attr("data", "javascript:x"))
        .hasMessageStartingWith("Attribute 'data' on <object> has a 'javascript:' URL");
  }

  @Test
  void srcdocIsRejected() {
    assertThatThrownBy(() -> Html.element("iframe").attr("srcdoc", "<script>alert(1)</script>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Attribute 'srcdoc' on <iframe> is not allowed: its value is parsed as HTML. Point"
                + " 'src' at a view instead.");
  }

  @Test
  void ordinaryUrlsAndNonUrlAttributesAreAccepted() {
    assertThat(Html.a("/javascript:guide", "x").render())
        .isEqualTo("<a href=\"/javascript:guide\">x</a>");
    assertThat(Html.img("data:image/png;base64,AAAA", "dot").render())
        .isEqualTo("<img src=\"data:image/png;base64,AAAA\" alt=\"dot\">");
    assertThat(Html.div().attr("title", "javascript:alert(1)").render())
        .isEqualTo("<div title=\"javascript:alert(1)\"></div>");
  }

  @Test
  void voidElementsRenderWithoutClosingTag() {
    assertThat(Html.input().attr("type", "text").render()).isEqualTo("<input type=\"text\">");
    assertThat(Html.element("br").render()).isEqualTo("<br>");
    assertThat(Html.element("HR").render()).isEqualTo("<HR>");
  }

  @Test
  void voidElementsRejectTextAndChildren() {
    assertThatThrownBy(() -> Html.input().text("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot add text to <input>: it is a void element, which has no content and no"
                + " closing tag.");
    assertThatThrownBy(() -> Html.img("/a.png", "a").child(Html.span()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot add children to <img>: it is a void element, which has no content and no"
                + " closing tag.");
    assertThatThrownBy(() -> Html.element("meta").children(List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot add children to <meta>");
    assertThatThrownBy(() -> Html.element("link").text(""))
        .hasMessageStartingWith("Cannot add text to <link>");
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThatThrownBy(() -> Html.div().attr("title", (String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value == null");
    assertThatThrownBy(() -> Html.div().child(Html.span(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("node == null");
  }
}
