// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A whole HTML page: title, language, head entries (stylesheets, links, meta tags) and body,
 * rendered with the page's scripts added by the framework.
 *
 * <pre>{@code
 * static Document index() {
 *   return Document.titled("Counter")
 *       .stylesheet("/static/app.css")
 *       .body(
 *           Html.div().id("display").text("Count: 0"),
 *           Html.button("+").on("click", Counter::plus));
 * }
 * }</pre>
 *
 * <p>Every value is escaped. Script tags come only from the {@code render} methods, which the app
 * calls with the runtime, bundle, socket and forms script URLs; a page without client code (no
 * binding, nothing named with {@link #uses}) gets none, so it loads nothing but itself. Not
 * thread-safe: build a fresh document for each request.
 */
public final class Document {
  /**
   * Marks a form that the forms script posts without a reload ({@code dev.violetear.app.Form.post}
   * sets it): only a page holding one loads that script.
   */
  private static final String ENHANCED_FORM = "data-violetear-form";

  private final String title;
  private String lang = "en";
  private final Head head = new Head();
  private final List<Node> body = new ArrayList<>();
  private final Set<Class<?>> uses = new LinkedHashSet<>();
  private final GivenStates given = new GivenStates();

  private Document(String title) {
    this.title = title;
  }

  /**
   * Creates an empty page with the given title.
   *
   * <pre>{@code
   * Document.titled("Todo list")
   * }</pre>
   *
   * <p>The title is escaped, so user input such as {@code </title><script>} stays text.
   *
   * @param title the page's title, unescaped
   * @return the new page
   */
  public static Document titled(String title) {
    return new Document(Objects.requireNonNull(title, "title == null"));
  }

  /**
   * Returns the page title as given, unescaped.
   *
   * <pre>{@code
   * Document.titled("Counter").title(); // "Counter"
   * }</pre>
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * Sets the {@code lang} attribute of {@code <html>}; the default is {@code "en"}.
   *
   * <pre>{@code
   * Document.titled("Accueil").lang("fr")
   * }</pre>
   *
   * <p>The value is escaped.
   *
   * @param lang the language tag, for example {@code "fr"}
   * @return this page
   */
  public Document lang(String lang) {
    this.lang = Objects.requireNonNull(lang, "lang == null");
    return this;
  }

  /**
   * Adds a {@code <link rel="stylesheet">} to the head, after earlier stylesheets and links.
   *
   * <pre>{@code
   * Document.titled("Shop").stylesheet("/static/shop.css")
   * }</pre>
   *
   * <p>Script URLs ({@code javascript:} and the like) are rejected with {@link
   * IllegalArgumentException}.
   *
   * @param href the stylesheet's URL
   * @return this page
   */
  public Document stylesheet(String href) {
    Objects.requireNonNull(href, "href == null");
    head.link("stylesheet", href);
    return this;
  }

  /**
   * Sets the page's icon, shown in the browser tab.
   *
   * <pre>{@code
   * Document.titled("Shop").icon("/static/favicon.png")
   * }</pre>
   *
   * <p>Without it the page declares an empty icon, so that browsers do not request {@code
   * /favicon.ico} and log its 404. Script URLs are rejected with {@link IllegalArgumentException}.
   *
   * @param href the icon's URL
   * @return this page
   */
  public Document icon(String href) {
    Objects.requireNonNull(href, "href == null");
    head.icon(href);
    return this;
  }

  /**
   * Adds a {@code <meta name="..." content="...">} to the head, after earlier ones.
   *
   * <pre>{@code
   * Document.titled("Shop").meta("description", "Fresh fruit, delivered")
   * }</pre>
   *
   * <p>Name and content are escaped. The charset and viewport meta tags are always present; {@code
   * meta("viewport", ...)} replaces the default viewport instead of adding a second one. Names
   * starting with {@code violetear-} belong to the runtime and are rejected with {@link
   * IllegalArgumentException}.
   *
   * @param name the meta tag's name
   * @param content the meta tag's content
   * @return this page
   */
  public Document meta(String name, String content) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(content, "content == null");
    head.meta(name, content);
    return this;
  }

  /**
   * Adds the page's description, which search engines and link previews show; the same as {@code
   * meta("description", text)}.
   *
   * <pre>{@code
   * Document.titled("Shop").description("Fresh fruit, delivered")
   * }</pre>
   *
   * @param text the description, unescaped
   * @return this page
   */
  public Document description(String text) {
    return meta("description", Objects.requireNonNull(text, "text == null"));
  }

  /**
   * Adds a {@code <link rel="..." href="...">} to the head, after earlier links and stylesheets.
   *
   * <pre>{@code
   * Document.titled("Shop")
   *     .link("manifest", "/static/shop.webmanifest")
   *     .link("canonical", "https://shop.example/")
   * }</pre>
   *
   * <p>Both values are escaped. The page's Content-Security-Policy still applies to what the link
   * loads: stylesheets, manifests and preloads from the app's own origin work, others are blocked.
   * Rejected with {@link IllegalArgumentException}: a blank {@code rel}, a {@code rel} of {@code
   * icon} (use {@link #icon(String)}, the page always declares one) and script URLs.
   *
   * @param rel the link's relation, for example {@code "manifest"}
   * @param href the link's URL
   * @return this page
   */
  public Document link(String rel, String href) {
    Objects.requireNonNull(rel, "rel == null");
    Objects.requireNonNull(href, "href == null");
    head.link(rel, href);
    return this;
  }

  /**
   * Appends nodes to the body, in order.
   *
   * <pre>{@code
   * Document.titled("Counter").body(Html.h1().text("Counter"), Html.button("+"))
   * }</pre>
   *
   * <p>May be called several times; each call appends.
   *
   * @param nodes the nodes to append
   * @return this page
   */
  public Document body(Node... nodes) {
    Objects.requireNonNull(nodes, "nodes == null");
    for (Node n : nodes) {
      body.add(Objects.requireNonNull(n, "node == null"));
    }
    return this;
  }

  /**
   * Gives {@code state} the value this page starts with, instead of its field's initialiser: the
   * server renders the markup bound to it (and to states derived from it) with {@code value}, and
   * the page's state holds it before any binding applies and before {@code ready} handlers run.
   * Other pages keep their own values.
   *
   * <pre>{@code
   * static final State<String> name = State.of("");
   *
   * static Document page() {
   *   User user = App.current().service(Users.class).signedIn();
   *   return Document.titled("Profile")
   *       .initial(name, user.name())          // before the markup that binds name
   *       .body(Html.input().value(name));     // <input value="Ada" data-bind="value:Profile.name">
   * }
   * }</pre>
   *
   * <p>Call it in a view or a form route's page function, before building the elements that bind
   * the state: the markup reads the value when it is built, so a view that already read the state
   * gets {@link IllegalStateException}, as does a call elsewhere. The state must be a {@code
   * State.of} field of a registered class and the value a JSON type, as for RPC parameters; a
   * shared or derived state gets {@link IllegalArgumentException}. The value travels in a JSON data
   * block the page's Content-Security-Policy allows, escaped so that no value breaks out.
   *
   * @param state the state, a {@code static final} field of a registered class
   * @param value its value on this page, may be null
   * @param <T> the type of the value
   * @return this page
   */
  public <T> Document initial(State<T> state, T value) {
    given.add(state, value);
    return this;
  }

  /**
   * Activates the browser handlers of classes that the page binds no callback of.
   *
   * <pre>{@code
   * Document.titled("Lobby").uses(Presence.class).body(...)
   * }</pre>
   *
   * <p>One bundle holds the client code of every registered class, but a page runs only the
   * {@code @Client.On} and {@code @Client.Realtime} handlers of its <em>active</em> classes: those
   * whose callbacks it binds with {@code .on(...)} and those named here. A page that binds nothing
   * and names nothing runs no such handler.
   *
   * @param classes the classes to activate
   * @return this page
   */
  public Document uses(Class<?>... classes) {
    Objects.requireNonNull(classes, "classes == null");
    for (Class<?> c : classes) {
      uses.add(Objects.requireNonNull(c, "class == null"));
    }
    return this;
  }

  /**
   * Returns the classes whose browser handlers this page activates: the classes of its bindings,
   * then those named with {@link #uses}.
   *
   * <pre>{@code
   * page.activeClasses()   // [Counter]
   * }</pre>
   *
   * @return the active classes, in that order
   */
  public Set<Class<?>> activeClasses() {
    Set<Class<?>> active = new LinkedHashSet<>();
    for (Binding b : bindings()) {
      active.add(b.declaringClass());
    }
    for (Node n : body) {
      if (n instanceof Element e) {
        e.collectStateClasses(active);
      }
    }
    active.addAll(uses);
    return Collections.unmodifiableSet(active);
  }

  /**
   * Returns every event binding in the body, in document order.
   *
   * <pre>{@code
   * for (Binding b : page.bindings()) {
   *   checkRegistered(b.declaringClass());
   * }
   * }</pre>
   *
   * <p>The app uses this to check that every bound class is registered, so that its callbacks are
   * in the browser bundle. The returned set is unmodifiable.
   *
   * @return the bindings, unmodifiable
   */
  public Set<Binding> bindings() {
    Set<Binding> all = new LinkedHashSet<>();
    for (Node n : body) {
      if (n instanceof Element e) {
        e.collectBindings(all);
      }
    }
    return Collections.unmodifiableSet(all);
  }

  /**
   * Renders the page with a deferred {@code <script>} for each source, in order, at the end of the
   * head, treating every active class as one that listens to the server.
   *
   * <pre>{@code
   * page.render(List.of("/_violetear/violetear.js", "/_violetear/bundle.js"));
   * }</pre>
   *
   * <p>The same as {@code render(scriptSrcs, c -> true)}; see {@link #render(List, Predicate)}.
   *
   * @param scriptSrcs the script URLs, in order
   * @return the page's HTML
   */
  public String render(List<String> scriptSrcs) {
    return render(scriptSrcs, c -> true);
  }

  /**
   * Renders the page with a deferred {@code <script>} for each source, in order, at the end of the
   * head, and tells the runtime whether to open its socket at once.
   *
   * <pre>{@code
   * page.render(List.of("/_violetear/violetear.js", "/_violetear/bundle.js"), Chat.class::equals);
   * // <!DOCTYPE html><html lang="en"><head>...<meta name="violetear-classes" content="Counter">
   * // <meta name="violetear-socket" content="lazy"><script defer src="/_violetear/violetear.js">
   * // </script>...</head><body>...</body></html>
   * }</pre>
   *
   * <p>A page with no {@linkplain #activeClasses() active class} is rendered without scripts and
   * without the runtime's meta tags: it has no client code to run. Otherwise the page lists its
   * active classes in {@code <meta name="violetear-classes">}, and {@code <meta
   * name="violetear-socket">} says {@code eager} when {@code listens} accepts one of them (it has
   * {@code @Client.Realtime} or {@code @Client.On} handlers the server may reach at any time) and
   * {@code lazy} when none does: the runtime then opens its socket on the first realtime call or
   * emit only. Script URLs are checked like {@code src} attributes, also when they are left out.
   *
   * @param scriptSrcs the script URLs, in order
   * @param listens whether an active class has handlers the server may reach at any time
   * @return the page's HTML
   */
  public String render(List<String> scriptSrcs, Predicate<Class<?>> listens) {
    return render(scriptSrcs, null, listens);
  }

  /**
   * Renders the page as {@link #render(List, Predicate)} does, and, when the body holds a form made
   * by {@code Form.post}, adds a deferred {@code <script>} for {@code formScript} after the others.
   *
   * <pre>{@code
   * page.render(List.of("/_violetear/violetear.js", "/_violetear/bundle.js"),
   *     "/_violetear/forms.js", Chat.class::equals);
   * }</pre>
   *
   * <p>The same as {@code render(scriptSrcs, null, formScript, listens)}, without a socket script.
   *
   * @param scriptSrcs the script URLs of client code, in order: the runtime, then the bundle
   * @param formScript the forms script's URL, or null for none
   * @param listens whether an active class has handlers the server may reach at any time
   * @return the page's HTML
   */
  public String render(List<String> scriptSrcs, String formScript, Predicate<Class<?>> listens) {
    return render(scriptSrcs, null, formScript, listens);
  }

  /**
   * Renders the page as {@link #render(List, String, Predicate)} does; when the body holds a form
   * made by {@code Form.post}, that adds {@code formScript}, the script that posts such forms
   * without a reload (alone on a page whose only client code is such a form). It also gives the
   * page the socket half of the runtime, {@code socketScript}, as its classes need it: a page that
   * listens to the server (eager) lists it just before the other scripts; any other page with
   * client code (lazy) names it in {@code <meta name="violetear-socket-src">}, and the runtime
   * loads it only when the page first needs the server (a realtime call, an emit, {@code
   * connect()}). A page that only binds callbacks and calls RPCs so never downloads it. Called by
   * the app with the URLs of its scripts.
   *
   * <pre>{@code
   * page.render(List.of("/_violetear/violetear.js", "/_violetear/bundle.js"),
   *     "/_violetear/violetear-socket.js", "/_violetear/forms.js", Chat.class::equals);
   * // eager: ...<meta name="violetear-socket" content="eager">
   * // <script defer src="/_violetear/violetear-socket.js"></script>
   * // <script defer src="/_violetear/violetear.js"></script>...
   * }</pre>
   *
   * @param scriptSrcs the script URLs of client code, in order: the runtime, then the bundle
   * @param socketScript the socket script's URL, or null for none
   * @param formScript the forms script's URL, or null for none
   * @param listens whether an active class has handlers the server may reach at any time
   * @return the page's HTML
   */
  public String render(
      List<String> scriptSrcs,
      String socketScript,
      String formScript,
      Predicate<Class<?>> listens) {
    Objects.requireNonNull(scriptSrcs, "scriptSrcs == null");
    Objects.requireNonNull(listens, "listens == null");
    ScriptTags.check(scriptSrcs, socketScript, formScript);
    StringBuilder out = new StringBuilder(1024);
    out.append("<!DOCTYPE html><html lang=\"").append(HtmlEscaper.escape(lang)).append("\"><head>");
    out.append("<meta charset=\"utf-8\">");
    head.render(out, title);
    Set<Class<?>> active = activeClasses();
    if (!scriptSrcs.isEmpty() && !active.isEmpty()) {
      ScriptTags.appendClientCode(out, active, scriptSrcs, socketScript, listens, given);
    }
    if (formScript != null && hasEnhancedForm()) {
      ScriptTags.appendScript(out, formScript);
    }
    out.append("</head><body>");
    for (Node n : body) {
      n.render(out);
    }
    return out.append("</body></html>").toString();
  }

  /**
   * Renders the page without scripts.
   *
   * <pre>{@code
   * Document.titled("Hi").body(Html.p().text("Hello")).render();
   * }</pre>
   *
   * <p>Equivalent to {@code render(List.of())}; useful for static pages and tests.
   *
   * @return the page's HTML
   */
  public String render() {
    return render(List.of());
  }

  private boolean hasEnhancedForm() {
    for (Node n : body) {
      if (n instanceof Element e && e.containsAttribute(ENHANCED_FORM)) {
        return true;
      }
    }
    return false;
  }
}
