// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.markup.Document;
import java.util.List;
import java.util.Set;

/**
 * Renders an app's documents, those of views and those a form route shows again: checks that every
 * class the page binds or uses is registered, so its client code is in the bundle, and adds the
 * runtime and bundle scripts (none for a page without client code), the runtime's socket half as
 * the page's classes need it (listed on a page that listens, named for loading on demand on the
 * others), and the forms script on a page holding a {@code Form.post} form.
 */
final class PageRenderer {
  private final RegisteredClasses registered;
  // Classes with handlers the server may reach at any time; their pages open the socket at load.
  private final Set<Class<?>> listening;
  private final List<String> scripts;
  private final String socketScript;
  private final String formScript;

  PageRenderer(
      RegisteredClasses registered,
      Set<Class<?>> listening,
      List<String> scripts,
      String socketScript,
      String formScript) {
    this.registered = registered;
    this.listening = Set.copyOf(listening);
    this.scripts = List.copyOf(scripts);
    this.socketScript = socketScript;
    this.formScript = formScript;
  }

  /**
   * Returns the page's HTML.
   *
   * @param what the page's source, in errors, like "View '/'"
   * @throws IllegalStateException naming the class to register when the page needs one that is not
   */
  String render(Document document, String what) {
    registered.check(what, document);
    return document.render(scripts, socketScript, formScript, listening::contains);
  }
}
