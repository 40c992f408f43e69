// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.Locale;
import java.util.Set;

/** The rules for tag names: which are valid, which are forbidden and which are void. */
final class TagRules {
  // The HTML void elements: the parser never expects a closing tag for them, so emitting content
  // or a closing tag would corrupt the tree that follows.
  private static final Set<String> VOID =
      Set.of(
          "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
          "track", "wbr");

  private TagRules() {}

  static void check(String tag) {
    if (!Names.isTagName(tag)) {
      throw new IllegalArgumentException(
          "Tag name '"
              + tag
              + "' is not valid: use letters, digits and '-', starting with a letter.");
    }
    // Scripts come only from the framework (the runtime and the compiled bundle), which is what
    // lets pages run under a Content-Security-Policy without inline script.
    if (tag.equalsIgnoreCase("script")) {
      throw new IllegalArgumentException(
          "Html.element('"
              + tag
              + "') is not allowed: the framework adds the page's scripts;"
              + " put browser code in @Client methods");
    }
  }

  static boolean isVoid(String tag) {
    return VOID.contains(tag.toLowerCase(Locale.ROOT));
  }
}
