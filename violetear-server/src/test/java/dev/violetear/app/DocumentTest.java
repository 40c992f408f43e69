// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.browser.Event;
import dev.violetear.markup.Binding;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTest {

  static class Counter {
    @Client.Callback
    public static void plus(Event e) {}

    @Client.Callback
    public static void minus() {}
  }

  static class Todo {
    @Client.Callback
    public static void add(Event e) {}
  }

  private static Document counterPage() {
    return Document.titled("Counter")
        .body(
            Html.div().id("display").text("Count: 0"),
            Html.div()
                .child(
                    Html.button("+").on("click", Counter::plus),
                    Html.button("-").on("click", Counter::minus)))
        .body(Html.form().on("submit", Todo::add).child(Html.input()));
  }

  @Test
  void rendersPageWithScripts() {
    String html =
        counterPage()
            .lang("de")
            .stylesheet("/static/app.css")
            .meta("description", "A counter")
            .render(List.of("/_violetear/violetear.js", "/_violetear/app.js"));

    assertThat(html)
        .isEqualTo(
            "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Counter</title>"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\">"
                + "<meta name=\"description\" content=\"A counter\">"
                + "<meta name=\"violetear-classes\" content=\"Counter Todo\">"
                + "<meta name=\"violetear-socket\" content=\"eager\">"
                + "<script defer src=\"/_violetear/violetear.js\"></script>"
                + "<script defer src=\"/_violetear/app.js\"></script>"
                + "</head><body><div id=\"display\">Count: 0</div>"
                + "<div><button data-on-click=\"Counter.plus\">+</button>"
                + "<button data-on-click=\"Counter.minus\">-</button></div>"
                + "<form data-on-submit=\"Todo.add\"><input></form></body></html>");
  }

  @Test
  void rendersWithoutScriptsByDefault() {
    assertThat(Document.titled("Hi").body(Html.text("x")).render())
        .isEqualTo(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Hi</title><link rel=\"icon\" href=\"data:,\"></head><body>x</body>"
                + "</html>");
  }

  @Test
  void hostileTitleLangAndMetaAreEscaped() {
    Document page =
        Document.titled("</title><script>alert(1)</script>")
            .lang("en\"><script>")
            .meta("x\"", "'><script>");

    assertThat(page.title()).isEqualTo("</title><script>alert(1)</script>");
    assertThat(page.render())
        .contains("<html lang=\"en&quot;&gt;&lt;script&gt;\">")
        .contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>")
        .contains("<meta name=\"x&quot;\" content=\"&#39;&gt;&lt;script&gt;\">")
        .doesNotContain("<script>");
  }

  @Test
  void scriptUrlsAreRejectedInStylesheetsAndScripts() {
    assertThatThrownBy(() -> Document.titled("x").stylesheet(" javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Attribute 'href' on <link> has a 'javascript:' URL, which would run script: bind a"
                + " @Client.Callback method with .on(\"click\", MyClass::method) instead.");
    assertThatThrownBy(() -> Document.titled("x").render(List.of("javascript:alert(1)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Attribute 'src' on <script> has a 'javascript:' URL");
  }

  @Test
  void bindingsListsEveryBindingInDocumentOrder() {
    assertThat(counterPage().bindings())
        .containsExactly(
            new Binding("click", Counter.class, "plus"),
            new Binding("click", Counter.class, "minus"),
            new Binding("submit", Todo.class, "add"));
  }

  @Test
  void pageWithoutBindingsHasNone() {
    assertThat(Document.titled("x").body(Html.p().text("hi")).bindings()).isEmpty();
  }

  @Test
  void anIconReplacesTheEmptyDefaultAndScriptUrlsAreRejected() {
    assertThat(Document.titled("Hi").icon("/static/icon.png").render())
        .contains("<link rel=\"icon\" href=\"/static/icon.png\">")
        .doesNotContain("data:,");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Document.titled("Hi").icon("javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPageActivatesTheClassesItBindsAndUses() {
    class Presence {}

    Document page = counterPage().uses(Presence.class);

    assertThat(page.activeClasses())
        .extracting(Class::getSimpleName)
        .containsExactly("Counter", "Todo", "Presence");
    assertThat(page.render(List.of("/a.js")))
        .contains("<meta name=\"violetear-classes\" content=\"Counter Todo Presence\">");
    assertThat(Document.titled("Static").render()).doesNotContain("violetear-classes");
  }

  @Test
  void aPageWithoutClientCodeGetsNoScriptAndNoRuntimeMeta() {
    String html =
        Document.titled("Plain")
            .body(Html.p().text("hi"))
            .render(List.of("/_violetear/violetear.js", "/_violetear/app.js"), c -> true);

    assertThat(html)
        .isEqualTo(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Plain</title><link rel=\"icon\" href=\"data:,\"></head>"
                + "<body><p>hi</p></body></html>");
  }

  @Test
  void onlyAPageHoldingAMarkedFormLoadsTheFormsScript() {
    List<String> scripts = List.of("/_violetear/violetear.js", "/_violetear/app.js");
    String forms = "/_violetear/forms.js";
    Element form = Html.form().attr("method", "post").attr("data-violetear-form", "");

    String formOnly =
        Document.titled("Sign").body(Html.main().child(form)).render(scripts, forms, c -> true);
    String withCode = counterPage().body(form).render(scripts, forms, c -> false);
    String withoutForm = counterPage().render(scripts, forms, c -> false);

    assertThat(formOnly)
        .contains("<link rel=\"icon\" href=\"data:,\"><script defer src=\"/_violetear/forms.js\">")
        .doesNotContain("violetear.js", "app.js", "violetear-classes", "violetear-socket");
    assertThat(withCode)
        .contains(
            "<script defer src=\"/_violetear/violetear.js\"></script><script defer"
                + " src=\"/_violetear/app.js\"></script><script defer"
                + " src=\"/_violetear/forms.js\"></script></head>");
    assertThat(withoutForm).doesNotContain("forms.js");
  }

  @Test
  void theSocketIsEagerOnlyWhenAnActiveClassListens() {
    class Presence {}

    List<String> scripts = List.of("/_violetear/violetear.js");

    assertThat(counterPage().render(scripts, c -> false))
        .contains("<meta name=\"violetear-socket\" content=\"lazy\">")
        .contains("<script defer src=\"/_violetear/violetear.js\"></script>");
    assertThat(counterPage().render(scripts, Todo.class::equals))
        .contains("<meta name=\"violetear-socket\" content=\"eager\">");
    assertThat(counterPage().uses(Presence.class).render(scripts, Presence.class::equals))
        .contains("<meta name=\"violetear-socket\" content=\"eager\">");
  }

  @Test
  void onlyAPageThatListensListsTheSocketScriptFirstOthersNameItForLaterAndPlainPagesNeither() {
    List<String> scripts = List.of("/_violetear/violetear.js", "/_violetear/app.js");
    String socket = "/_violetear/violetear-socket.js";

    String eager = counterPage().render(scripts, socket, null, Todo.class::equals);
    String lazy = counterPage().render(scripts, socket, null, c -> false);
    String plain = Document.titled("Plain").render(scripts, socket, null, c -> true);

    assertThat(eager)
        .contains(
            "<meta name=\"violetear-socket\" content=\"eager\"><script defer"
                + " src=\"/_violetear/violetear-socket.js\"></script><script defer"
                + " src=\"/_violetear/violetear.js\"></script><script defer"
                + " src=\"/_violetear/app.js\"></script></head>")
        .doesNotContain("violetear-socket-src");
    assertThat(lazy)
        .contains(
            "<meta name=\"violetear-socket\" content=\"lazy\"><meta"
                + " name=\"violetear-socket-src\" content=\"/_violetear/violetear-socket.js\">"
                + "<script defer src=\"/_violetear/violetear.js\"></script>")
        .doesNotContain("src=\"/_violetear/violetear-socket.js\"");
    assertThat(plain).doesNotContain("violetear-socket");
    assertThatThrownBy(
            () -> Document.titled("Plain").render(scripts, "javascript:alert(1)", null, c -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Attribute 'src' on <script> has a 'javascript:' URL");
  }

  @Test
  void scriptUrlsAreCheckedEvenOnAPageThatLeavesThemOut() {
    assertThatThrownBy(
            () -> Document.titled("Plain").render(List.of("javascript:alert(1)"), c -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Attribute 'src' on <script> has a 'javascript:' URL");
  }
}
