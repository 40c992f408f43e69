// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.Locale;
import java.util.Set;

/**
 * The rules for attributes: valid names, names reserved for event bindings, and URLs that would run
 * script.
 */
final class AttributeRules {
  private static final Set<String> URL_ATTRIBUTES =
      Set.of("href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data");
  private static final String[] SCRIPT_SCHEMES = {"javascript:", "vbscript:", "data:text/html"};
  static final String BINDING_PREFIX = "data-on-";

  private AttributeRules() {}

  static void check(String tag, String name, String value) {
    if (!Names.isAttributeName(name)) {
      throw new IllegalArgumentException(
          "Attribute name '"
              + name
              + "' on <"
              + tag
              + "> is not valid: use letters, digits, '-', '_', ':' and '.',"
              + " starting with a letter, '_' or ':'.");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith(BINDING_PREFIX)) {
      throw new IllegalArgumentException(
          "Attribute '"
              + name
              + "' on <"
              + tag
              + "> is reserved for event bindings: bind with .on(\""
              + eventHint(lower.substring(BINDING_PREFIX.length()))
              + "\", MyClass::method) to a @Client.Callback method.");
    }
    // Inline handlers are script in markup: they bypass the @Client checks and break the
    // page's Content-Security-Policy.
    if (lower.startsWith("on")) {
      throw new IllegalArgumentException(
          "Attribute '"
              + name
              + "' on <"
              + tag
              + "> is an inline event handler, which is not allowed: bind with .on(\""
              + eventHint(lower.substring(2))
              + "\", MyClass::method) to a @Client.Callback method.");
    }
    // The browser parses srcdoc as a whole HTML document, so escaping its value does not keep
    // user input from becoming markup.
    if (lower.equals("srcdoc")) {
      throw new IllegalArgumentException(
          "Attribute '"
              + name
              + "' on <"
              + tag
              + "> is not allowed: its value is parsed as HTML. Point 'src' at a view instead.");
    }
    if (URL_ATTRIBUTES.contains(lower)) {
      checkUrl(tag, name, value);
    }
  }

  static void checkUrl(String tag, String name, String value) {
    String scheme = scriptScheme(value);
    if (scheme != null) {
      throw new IllegalArgumentException(
          "Attribute '"
              + name
              + "' on <"
              + tag
              + "> has a '"
              + scheme
              + "' URL, which would run script: bind a @Client.Callback method with"
              + " .on(\"click\", MyClass::method) instead.");
    }
  }

  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:" runs), so
  // strip them all before comparing rather than trying to mirror each browser's URL parser.
  // Schemes are ASCII, so only ASCII letters are lowercased.
  private static String scriptScheme(String value) {
    StringBuilder normalized = new StringBuilder(value.length());
    for (int i = 0; i < value.length() && normalized.length() < 16; i++) {
      char c = value.charAt(i);
      if (c > ' ' && c != 0x7f) {
        normalized.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
      }
    }
    String start = normalized.toString();
    for (String scheme : SCRIPT_SCHEMES) {
      if (start.startsWith(scheme)) {
        return scheme;
      }
    }
    return null;
  }

  private static String eventHint(String suffix) {
    return Names.isEventName(suffix) ? suffix : "click";
  }
}
