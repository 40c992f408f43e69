// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import dev.violetear.RpcException;
import java.util.Objects;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * Loads server-rendered fragments into elements, blocking the handler's green thread as an RPC stub
 * does. It lives in the bundle, not in violetear.js, so that only apps whose client code loads
 * fragments carry it (in the runtime it cost every page about 0.8 KB gzipped); the runtime
 * contributes what it owns: activating classes and attaching bindings.
 */
final class Fragments {
  private Fragments() {}

  /**
   * Loads {@code path} into {@code node} as {@code mode}: {@code children} (instead of its
   * children), {@code append} (after them) or {@code replace} (instead of the node); {@code method}
   * names the caller in errors.
   *
   * @throws RpcException with the server's error type, message and status when the load fails
   */
  static void load(JSObject node, String path, String mode, String method) {
    Objects.requireNonNull(path, "path == null");
    // A path starting "//" or "/\" leads to another site.
    if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
      throw new IllegalArgumentException(
          "DomElement."
              + method
              + ": path must be a path on this site such as \"/messages\", got '"
              + path
              + "'");
    }
    // Answers may arrive in any order: the latest "children" load of an element wins.
    int token = mode.equals("children") ? Browser.run(() -> mark(node)) : 0;
    JSObject answer = Browser.run(() -> fetch(path)).await();
    String unreachable = text(answer, "unreachable");
    if (unreachable != null) {
      throw new RpcException("NetworkError", "Could not reach the server: " + unreachable, 0);
    }
    int status = status(answer);
    String type = text(answer, "type");
    boolean isOk = status >= 200 && status < 300;
    if (!isOk && type != null) {
      throw new RpcException(type, text(answer, "message"), status);
    }
    if (status == 404 && type == null) {
      int query = path.indexOf('?');
      throw new RpcException(
          "NotFound",
          "No fragment at "
              + path
              + " (HTTP 404): serve one with app.fragment(\""
              + (query < 0 ? path : path.substring(0, query))
              + "\", ...), or check the path.",
          404);
    }
    String media = text(answer, "media");
    if (!isOk || !media.equals("text/html") || isPage(answer)) {
      String what =
          !isOk
              ? "HTTP " + status
              : media.equals("text/html") ? "a whole page" : media.isEmpty() ? "nothing" : media;
      throw new RpcException(
          "BadResponse",
          path + " answered " + what + ", not an HTML fragment: serve one with app.fragment(...)",
          status);
    }
    place(node, answer, mode, token, path);
  }

  /** Numbers a "children" load of {@code n}; see {@link #place}. */
  @JSBody(params = "n", script = "return n.violetearLoad = (n.violetearLoad || 0) + 1;")
  private static native int mark(JSObject n);

  // TeaVM renames the parameters of these scripts but not their locals: locals have long names, so
  // that a parameter is never shadowed.

  /**
   * Fetches the fragment; settles with what the answer says, or with {@code unreachable} (the
   * browser's reason), never rejects. A redirect to another origin fails ({@code same-origin})
   * rather than bring its markup into the page.
   */
  @JSBody(
      params = "p",
      script =
          "return Promise.resolve().then(function () {"
              + " return fetch(p, {credentials: 'same-origin', mode: 'same-origin',"
              + " headers: {'Accept': 'text/html', 'X-Violetear': '1'}}); })"
              + ".then(function (response) { return response.text().then(function (body) {"
              + " var headers = response.headers, error = null, media = String("
              + "headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();"
              + " if (media === 'application/json') {"
              + " try { error = JSON.parse(body).error; } catch (ignored) {} }"
              + " return {status: response.status, media: media, body: body,"
              + " page: /^\\s*<(!doctype|html[\\s>])/i.test(body),"
              + " classes: headers.get('X-Violetear-Classes'),"
              + " eager: headers.get('X-Violetear-Socket') === 'eager',"
              + " type: error && typeof error.type === 'string' ? error.type : null,"
              + " message: error ? String(error.message) : null}; }); })"
              + ".then(undefined, function (failure) {"
              + " return {unreachable: String(failure && failure.message || failure)}; });")
  private static native JSPromise<JSObject> fetch(String p);

  /**
   * Puts the answer's HTML in the page, unless a later "children" load of {@code n} started or a
   * node to replace has left the page: parsed inert in a template, where scripts cannot run, its
   * scripts removed, then the classes the answer names activated and its bindings attached.
   */
  @JSBody(
      params = {"n", "a", "m", "k", "p"},
      script =
          "if (m === 'children' ? n.violetearLoad !== k : m === 'replace' && !n.parentNode) return;"
              + "var runtime = window.violetear, template = document.createElement('template');"
              + "template.innerHTML = a.body;"
              + "var content = template.content, scripts = content.querySelectorAll('script');"
              + "for (var index = 0; index < scripts.length; index++) {"
              + " scripts[index].parentNode.removeChild(scripts[index]); }"
              + "if (scripts.length) console.warn('violetear: removed ' + scripts.length"
              + " + ' <script> element(s) from the fragment at ' + p + ': fragments run no"
              + " script; put browser code in @Client methods.');"
              + "var roots = Array.prototype.slice.call(content.children);"
              + "if (m === 'append') n.appendChild(content);"
              + "else if (m === 'replace') n.replaceWith(content);"
              + "else n.replaceChildren(content);"
              + "runtime.activate(a.classes, a.eager);"
              + "roots.forEach(function (root) { runtime.hydrate(root); });")
  private static native void place(JSObject n, JSObject a, String m, int k, String p);

  @JSBody(
      params = {"a", "k"},
      script =
          "var value = a[k]; return value === undefined || value === null ? null : String(value);")
  private static native String text(JSObject a, String k);

  @JSBody(params = "a", script = "return a.status;")
  private static native int status(JSObject a);

  @JSBody(params = "a", script = "return a.page;")
  private static native boolean isPage(JSObject a);
}
