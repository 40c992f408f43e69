// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The tags through which a page runs its client code: the runtime's metas and the deferred scripts,
 * in the order the runtime relies on (document order is execution order for them).
 */
final class ScriptTags {
  private ScriptTags() {}

  /** Checks every script URL like a {@code src} attribute, also those the page leaves out. */
  static void check(List<String> scriptSrcs, String socketScript, String formScript) {
    for (String src : scriptSrcs) {
      Objects.requireNonNull(src, "script src == null");
      AttributeRules.checkUrl("script", "src", src);
    }
    if (socketScript != null) {
      AttributeRules.checkUrl("script", "src", socketScript);
    }
    if (formScript != null) {
      AttributeRules.checkUrl("script", "src", formScript);
    }
  }

  /**
   * Appends the metas that tell the runtime the page's active classes and when to open its socket,
   * the values the page gives states, then the scripts. The socket script comes first on a page
   * that listens, because violetear.js installs it at its own load; a lazy page only names it, for
   * the runtime to load on demand.
   */
  static void appendClientCode(
      StringBuilder out,
      Set<Class<?>> active,
      List<String> scriptSrcs,
      String socketScript,
      Predicate<Class<?>> listens,
      GivenStates given) {
    StringBuilder names = new StringBuilder();
    boolean isListening = false;
    for (Class<?> c : active) {
      names.append(names.length() == 0 ? "" : " ").append(c.getSimpleName());
      isListening |= listens.test(c);
    }
    Head.appendMeta(out, "violetear-classes", names.toString());
    Head.appendMeta(out, "violetear-socket", isListening ? "eager" : "lazy");
    if (socketScript != null) {
      if (isListening) {
        appendScript(out, socketScript);
      } else {
        Head.appendMeta(out, "violetear-socket-src", socketScript);
      }
    }
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
