// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.markup.Document;
import org.junit.jupiter.api.Test;

class DocumentHeadTest {
  private static final String START =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          + "<title>Shop</title><link rel=\"icon\" href=\"/static/icon.png\">";

  @Test
  void headEntriesRenderInTheOrderTheyWereAdded() {
    String html =
        Document.titled("Shop")
            .icon("/static/icon.png")
            .stylesheet("/static/base.css")
            .link("manifest", "/static/shop.webmanifest")
            .stylesheet("/static/shop.css")
            .description("Fresh fruit, delivered")
            .meta("theme-color", "#6a0dad")
            .render();

    assertThat(html)
        .isEqualTo(
            START
                + "<link rel=\"stylesheet\" href=\"/static/base.css\">"
                + "<link rel=\"manifest\" href=\"/static/shop.webmanifest\">"
                + "<link rel=\"stylesheet\" href=\"/static/shop.css\">"
                + "<meta name=\"description\" content=\"Fresh fruit, delivered\">"
                + "<meta name=\"theme-color\" content=\"#6a0dad\">"
                + "</head><body></body></html>");
  }

  @Test
  void linkAndDescriptionValuesAreEscaped() {
    String html =
        Document.titled("Shop")
            .link("alternate\"><script>", "/feed?a=1&b=\"2\"")
            .description("</title><script>alert('x')</script>")
            .render();

    assertThat(html)
        .contains(
            "<link rel=\"alternate&quot;&gt;&lt;script&gt;\" href=\"/feed?a=1&amp;b=&quot;2&quot;\">")
        .contains(
            "<meta name=\"description\""
                + " content=\"&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\">")
        .doesNotContain("<script>");
  }

  @Test
  void aViewportMetaReplacesTheDefaultOne() {
    String html = Document.titled("Shop").meta("viewport", "width=1024").render();

    assertThat(html)
        .contains("<meta name=\"viewport\" content=\"width=1024\">")
        .doesNotContain("initial-scale");
  }

  @Test
  void theRuntimesMetaNamesAreReserved() {
    assertThatThrownBy(() -> Document.titled("x").meta("Violetear-Classes", "Admin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Document.meta: name 'Violetear-Classes' is reserved for the runtime's own meta tags;"
                + " choose a name without the 'violetear-' prefix, and activate classes with"
                + " uses(X.class).");
  }

  @Test
  void badLinksAreRejectedWithTheFix() {
    assertThatThrownBy(() -> Document.titled("x").link("shortcut icon", "/i.png"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Document.link: rel 'shortcut icon' declares the page icon, which the page already"
                + " has: set it with icon(\"/i.png\") instead.");
    assertThatThrownBy(() -> Document.titled("x").link(" ", "/a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Document.link: rel must not be blank");
    assertThatThrownBy(() -> Document.titled("x").link("prefetch", "javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Attribute 'href' on <link> has a 'javascript:' URL");
    assertThatThrownBy(() -> Document.titled("x").link(null, "/a"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rel == null");
    // Another token that merely contains "icon" is not the page icon.
    assertThat(Document.titled("x").link("apple-touch-icon", "/t.png").render())
        .contains("<link rel=\"apple-touch-icon\" href=\"/t.png\">");
  }
}
