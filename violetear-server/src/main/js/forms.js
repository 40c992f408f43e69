// SPDX-License-Identifier: Apache-2.0
/*
 * forms.js: posts the forms `Form.post` renders (marked with `data-violetear-form`) without
 * reloading the page. The server adds it, as a deferred script of its own, to the pages that hold
 * such a form, and only to those: beside violetear.js and the bundle on a page with client code,
 * alone on a page whose only client code is the form. It needs nothing of violetear.js, and uses
 * its public object when the page has one.
 *
 * Without JavaScript the browser posts such a form itself, and the server answers with a redirect
 * (303 See Other) after success, or with the form's page again (422) showing its errors. Here the
 * same post goes through fetch, with the header X-Violetear-Form: 1, and:
 * - a redirect comes back as 204 with X-Violetear-Location, since fetch would follow a 303 by
 *   itself and fails on one to another site. The page at that location is fetched and its body and
 *   title are swapped in, and its URL is pushed to the history (unless it is the URL shown). A page
 *   of another site, one that runs other client classes or scripts than this one, or one that
 *   fails to load is left to the browser (location.assign), as it would be without JavaScript.
 * - any other answer that is a page (422 with the errors, an error page) is swapped in the same
 *   way, and the URL stays, as the browser shows it after a post.
 * So the page is never reloaded: the runtime, its socket and page session, and whatever scripts
 * keep on `window` stay. On a page with the runtime, the new body's data-on-* bindings are
 * attached once `ready` has fired; `ready` itself does not fire again. Going back to a history
 * entry pushed here reloads its page.
 *
 * Left to the browser: forms without the mark, forms whose submit a bound callback (or any other
 * listener) has already prevented, GET forms, forms with a target, posts to another origin, and
 * encodings other than urlencoded and multipart. A second submit while a post is on its way is
 * dropped, so a double click posts once.
 */
(function (global) {
  'use strict';

  var MARKER = 'data-violetear-form';
  var REQUEST_HEADER = 'X-Violetear-Form';
  var LOCATION_HEADER = 'X-Violetear-Location';
  var CLASSES_META = 'meta[name="violetear-classes"]';
  var URLENCODED = 'application/x-www-form-urlencoded';
  var MULTIPART = 'multipart/form-data';
  /** Set on window by the first copy, so that a page loading this twice posts each form once. */
  var LOADED = Symbol.for('violetear.forms');

  var document = global.document;
  var console = global.console;
  if (!document || typeof document.addEventListener !== 'function' || global[LOADED]) return;
  global[LOADED] = true;

  /** Forms whose post is on its way. */
  var posting = new WeakSet();
  /** The URL (without fragment) of the page on screen, once one was pushed to the history. */
  var shownUrl = null;
  var isWatchingHistory = false;
  /**
   * Bindings of a swapped-in body are attached only after ready, which attaches the first ones;
   * violetear.js runs before this script, so its object is there on a page that has it.
   */
  var isReady = false;
  if (global.violetear) global.violetear.on('ready', function () { isReady = true; });

  document.addEventListener('submit', onSubmit);

  /** @private */
  function onSubmit(event) {
    var form = event.target;
    if (event.defaultPrevented || !form || typeof form.hasAttribute !== 'function'
        || !form.hasAttribute(MARKER)) {
      return;
    }
    var request = requestFor(form, event.submitter || null);
    if (!request) return;
    event.preventDefault();
    if (posting.has(form)) return;
    posting.add(form);
    post(request).then(function () { posting.delete(form); });
  }

  /** @private An attribute of an element that may be null or lack it, as null. */
  function attribute(element, name) {
    return element && typeof element.getAttribute === 'function' ? element.getAttribute(name)
        : null;
  }

  /** @private The post to make for `form`, or null when the browser should submit it. */
  function requestFor(form, submitter) {
    var method = attribute(submitter, 'formmethod') || attribute(form, 'method') || 'get';
    var target = attribute(submitter, 'formtarget') || attribute(form, 'target') || '_self';
    var enctype = (attribute(submitter, 'formenctype') || attribute(form, 'enctype')
        || URLENCODED).toLowerCase();
    if (method.toLowerCase() !== 'post' || target !== '_self'
        || (enctype !== URLENCODED && enctype !== MULTIPART)) {
      return null;
    }
    var here = global.location.href;
    var url = new global.URL(attribute(submitter, 'formaction') || attribute(form, 'action')
        || here, here);
    if (url.origin !== global.location.origin) return null;
    var data = formData(form, submitter);
    return {url: url.href, what: 'the form posted to ' + url.pathname,
      body: enctype === MULTIPART ? data : new global.URLSearchParams(data)};
  }

  /** @private The form's fields, with the name and value of the button that submitted it. */
  function formData(form, submitter) {
    var data;
    try {
      data = submitter ? new global.FormData(form, submitter) : new global.FormData(form);
    } catch (err) {
      data = new global.FormData(form); // a submitter the browser does not take
    }
    // Browsers that ignore the submitter argument leave out what a native post sends.
    var name = attribute(submitter, 'name');
    if (name && !data.has(name)) data.append(name, submitter.value || '');
    return data;
  }

  /** @private Posts, then shows the answer; never rejects. */
  function post(request) {
    var headers = {Accept: 'text/html'};
    headers[REQUEST_HEADER] = '1';
    return global.fetch(request.url, {method: 'POST', body: request.body,
      credentials: 'same-origin', headers: headers})
      .then(function (response) {
        var location = response.headers.get(LOCATION_HEADER);
        if (location !== null) return follow(new global.URL(location, request.url).href);
        if (!isPage(response)) {
          console.error('violetear: ' + request.what + ' was answered with status '
              + response.status + ' and no page (Content-Type '
              + quote(response.headers.get('Content-Type')) + '); is a form route registered '
              + 'at that path with app.form(...)?');
          return undefined;
        }
        return response.text().then(function (html) { show(parse(html), null); });
      })
      .then(undefined, function (err) {
        console.error('violetear: ' + request.what + ' could not reach the server ('
            + (err && err.message ? err.message : String(err)) + '); the page is left as it '
            + 'was, so the form can be sent again.');
      });
  }

  /** @private Shows the page at `url` after a successful post, as the browser would. */
  function follow(url) {
    var target = new global.URL(url, global.location.href);
    if (target.origin !== global.location.origin) {
      global.location.assign(target.href);
      return undefined;
    }
    var loadIt = function () { global.location.assign(target.href); };
    return global.fetch(target.href, {credentials: 'same-origin', headers: {Accept: 'text/html'}})
      .then(function (response) {
        if (!response.ok || !isPage(response)) return loadIt();
        return response.text().then(function (html) {
          var page = parse(html);
          if (signature(page) !== signature(document)) return loadIt();
          show(page, response.url || target.href);
          return undefined;
        });
      })
      .then(undefined, loadIt);
  }

  /** @private */
  function isPage(response) {
    return /^text\/html/i.test(response.headers.get('Content-Type') || '');
  }

  /** @private */
  function parse(html) {
    return new global.DOMParser().parseFromString(html, 'text/html');
  }

  /**
   * @private What a page needs of the runtime: its active classes and its scripts. A page that
   * needs the same can be swapped in; another must load its own scripts.
   */
  function signature(doc) {
    var meta = doc.querySelector(CLASSES_META);
    var scripts = doc.querySelectorAll('script[src]');
    var sources = [];
    for (var i = 0; i < scripts.length; i++) sources.push(scripts[i].getAttribute('src'));
    return (meta ? 'classes ' + meta.getAttribute('content') : 'no classes') + '; scripts '
        + sources.join(' ');
  }

  /** @private Puts `page`'s body and title in place of this page's; `url` is its URL, or null. */
  function show(page, url) {
    var body = document.adoptNode(page.body);
    document.documentElement.replaceChild(body, document.body);
    document.title = page.title;
    if (url !== null) {
      var next = withoutFragment(url);
      if (next !== withoutFragment(global.location.href)) {
        global.history.pushState(null, '', next);
        watchHistory();
      }
      shownUrl = next;
      global.scrollTo(0, 0);
    }
    if (isReady) global.violetear.hydrate(body);
  }

  /** @private Going back or forward to an entry pushed here shows that entry's page. */
  function watchHistory() {
    if (isWatchingHistory) return;
    isWatchingHistory = true;
    global.addEventListener('popstate', function () {
      if (withoutFragment(global.location.href) !== shownUrl) global.location.reload();
    });
  }

  /** @private */
  function withoutFragment(url) {
    var hash = url.indexOf('#');
    return hash < 0 ? url : url.slice(0, hash);
  }

  /** @private */
  function quote(value) {
    return value === null || value === undefined ? 'none' : "'" + value + "'";
  }
})(typeof window !== 'undefined' ? window : this);
