// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The entries of a page's {@code <head>} that the app chooses: icon, links and meta tags, checked
 * when added and rendered in the order they were added. The document adds the title and, for pages
 * with client code, the runtime's own meta tags, the states' given values and the scripts ({@link
 * #appendClientCode}).
 */
final class Head {
  // An empty icon by default, so that browsers do not request /favicon.ico and log its 404.
  private String icon = "data:,";
  private String viewport = "width=device-width, initial-scale=1";
  private final List<String[]> links = new ArrayList<>();
  private final List<String[]> metas = new ArrayList<>();

  void icon(String href) {
    AttributeRules.checkUrl("link", "href", href);
    icon = href;
  }

  void link(String rel, String href) {
    if (rel.isBlank()) {
      throw new IllegalArgumentException(
          "Document.link: rel must not be blank; give the link's relation, for example"
              + " link(\"manifest\", \"/static/app.webmanifest\").");
    }
    for (String token : rel.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
      if (token.equals("icon")) {
        throw new IllegalArgumentException(
            "Document.link: rel '"
                + rel
                + "' declares the page icon, which the page already has: set it with"
                + " icon(\""
                + href
                + "\") instead.");
      }
    }
    AttributeRules.checkUrl("link", "href", href);
    links.add(new String[] {rel, href});
  }

  void meta(String name, String content) {
    String lower = name.toLowerCase(Locale.ROOT);
    // The runtime reads these to learn which classes the page activates and how it connects;
    // a page must not be able to claim others.
    if (lower.startsWith("violetear-")) {
      throw new IllegalArgumentException(
          "Document.meta: name '"
              + name
              + "' is reserved for the runtime's own meta tags; choose a name without the"
              + " 'violetear-' prefix, and activate classes with uses(X.class).");
    }
    if (lower.equals("viewport")) {
      viewport = content;
      return;
    }
    metas.add(new String[] {name, content});
  }

  /** Renders the head from the viewport to the app's meta tags, with the title in its place. */
  void render(StringBuilder out, String title) {
    appendMeta(out, "viewport", viewport);
    out.append("<title>").append(HtmlEscaper.escape(title)).append("</title>");
    out.append("<link rel=\"icon\" href=\"").append(HtmlEscaper.escape(icon)).append("\">");
    for (String[] link : links) {
      out.append("<link rel=\"")
          .append(HtmlEscaper.escape(link[0]))
          .append("\" href=\"")
          .append(HtmlEscaper.escape(link[1]))
          .append("\">");
    }
    for (String[] meta : metas) {
      appendMeta(out, meta[0], meta[1]);
    }
  }

  static void appendMeta(StringBuilder out, String name, String content) {
    out.append("<meta name=\"")
        .append(HtmlEscaper.escape(name))
        .append("\" content=\"")
        .append(HtmlEscaper.escape(content))
        .append("\">");
  }

  /**
   * Appends what the runtime reads of a page with client code: its active classes, whether it opens
   * its socket at once, the values it gives states, then the scripts.
   */
  static void appendClientCode(
      StringBuilder out,
      Set<Class<?>> active,
      Predicate<Class<?>> listens,
      GivenStates given,
      List<String> scriptSrcs) {
    StringBuilder names = new StringBuilder();
    boolean isListening = false;
    for (Class<?> c : active) {
      names.append(names.length() == 0 ? "" : " ").append(c.getSimpleName());
      isListening |= listens.test(c);
    }
    appendMeta(out, "violetear-classes", names.toString());
    appendMeta(out, "violetear-socket", isListening ? "eager" : "lazy");
    // Before the scripts, which are deferred anyway: the bundle reads it as it starts.
    given.render(out);
    for (String src : scriptSrcs) {
      appendScript(out, src);
    }
  }

  static void appendScript(StringBuilder out, String src) {
    out.append("<script defer src=\"").append(HtmlEscaper.escape(src)).append("\"></script>");
  }
}
