// SPDX-License-Identifier: Apache-2.0
/*
 * violetear.js: the browser runtime of Violetear for Java, and the single source of truth in the
 * browser. Served as a classic `<script defer>` before the compiled app bundle, so it is a plain
 * script wrapped in an IIFE (no modules, no bundler, no dependencies).
 *
 * Lifecycle: the page loads this script, which creates `window.violetear`; the TeaVM bundle then
 * registers every @Client.Callback with `register` and calls `bundleLoaded()` once; the runtime
 * waits for DOMContentLoaded if needed, attaches every `data-on-*` binding and fires `ready`
 * exactly once.
 *
 * Sections: constants, environment, bus, registry, hydration, rpc, lifecycle, public object.
 * Later sections (socket, queue, reconnect) slot in between rpc and lifecycle.
 */
(function (global) {
  'use strict';

  // ---- constants ---------------------------------------------------------------------------

  var VERSION = '0.1.0';
  /** Default mount point of the framework's endpoints; see resolveBase(). */
  var DEFAULT_BASE = '/_violetear';
  var BASE_META_NAME = 'violetear-base';
  var RPC_PATH = '/rpc/';
  var BINDING_PREFIX = 'data-on-';
  var KIND_CALLBACK = 'callback';
  var KINDS = [KIND_CALLBACK];
  var EVENT_READY = 'ready';
  /** Fired by the runtime (or the server) only; `emit` rejects them. */
  var LIFECYCLE_EVENTS = ['ready', 'connect', 'disconnect', 'start', 'stop'];

  // ---- environment: every browser global is read through `global` so tests can swap it ------

  var console = global.console;

  if (global.violetear) {
    console.warn('violetear: violetear.js was loaded twice; keeping the first runtime (version '
        + quote(global.violetear.version) + '). Include the script once per page.');
    return;
  }

  /** @private */
  function defer(fn) {
    if (typeof global.queueMicrotask === 'function') global.queueMicrotask(fn);
    else Promise.resolve().then(fn);
  }

  /** @private */
  function quote(value) {
    return "'" + String(value) + "'";
  }

  /** @private Throws a TypeError unless `value` is a non-empty string. */
  function requireName(value, what, usage) {
    if (typeof value !== 'string' || value === '') {
      throw new TypeError('violetear.' + usage + ': ' + what + ' must be a non-empty string, got '
          + (typeof value === 'string' ? 'an empty string' : typeof value) + '.');
    }
  }

  /** @private Throws a TypeError unless `value` is a function. */
  function requireFunction(value, what, usage) {
    if (typeof value !== 'function') {
      throw new TypeError('violetear.' + usage + ': ' + what + ' must be a function, got '
          + (value === null ? 'null' : typeof value) + '.');
    }
  }

  // ---- bus ---------------------------------------------------------------------------------

  /** @private event name -> array of {handler}; entries are objects so unsubscribe is exact. */
  var handlers = new Map();
  var isReadyFired = false;

  /** @private Calls one handler, reporting a throw (or a rejected promise) without rethrowing. */
  function invoke(event, handler, data) {
    var report = function (err) {
      console.error('violetear: a handler for event ' + quote(event) + ' threw:', err);
    };
    try {
      var result = handler(data);
      if (result && typeof result.then === 'function') result.then(undefined, report);
    } catch (err) {
      report(err);
    }
  }

  /** @private Runs the local handlers of `event` in registration order. */
  function fire(event, data) {
    var list = handlers.get(event);
    if (!list) return;
    // A copy, so that handlers (un)subscribing while we iterate don't shift the others.
    list.slice().forEach(function (entry) {
      if (list.indexOf(entry) >= 0) invoke(event, entry.handler, data);
    });
  }

  /** @private Removes one subscription; returns whether it was still there. */
  function removeEntry(event, entry) {
    var list = handlers.get(event);
    var index = list ? list.indexOf(entry) : -1;
    if (index >= 0) list.splice(index, 1);
    return index >= 0;
  }

  /**
   * Subscribes `handler` to `event`. Subscribing to 'ready' after it fired calls the handler
   * once, asynchronously, so late subscribers don't miss it.
   * @param {string} event the event name, e.g. 'ready' or a custom event
   * @param {function(*): void} handler called with the event's data
   * @return {function(): void} unsubscribes this subscription
   */
  function on(event, handler) {
    requireName(event, 'event', 'on(event, handler)');
    requireFunction(handler, 'handler', 'on(' + quote(event) + ', handler)');
    var entry = {handler: handler};
    if (!handlers.has(event)) handlers.set(event, []);
    handlers.get(event).push(entry);
    if (event === EVENT_READY && isReadyFired) {
      defer(function () {
        if (!removeEntry(event, entry)) return; // unsubscribed meanwhile
        invoke(event, handler, undefined);
      });
    }
    return function () { removeEntry(event, entry); };
  }

  /**
   * Unsubscribes every subscription of `handler` to `event`; unknown pairs are ignored.
   * @param {string} event the event name given to `on`
   * @param {function(*): void} handler the handler given to `on`
   */
  function off(event, handler) {
    var list = handlers.get(event) || [];
    // In place, so that an emit already iterating over a copy sees the removal.
    for (var i = list.length - 1; i >= 0; i--) {
      if (list[i].handler === handler) list.splice(i, 1);
    }
  }

  /**
   * Calls the local handlers of `event` in registration order. A handler that throws is
   * reported with console.error and the others still run.
   * @param {string} event a custom event name (lifecycle names are reserved)
   * @param {*} [data] passed to every handler
   */
  function emit(event, data) {
    requireName(event, 'event', 'emit(event, data)');
    if (LIFECYCLE_EVENTS.indexOf(event) >= 0) {
      throw new Error('violetear.emit: ' + quote(event) + ' is a lifecycle event that only the '
          + 'framework fires; emit a custom event name instead.');
    }
    fire(event, data);
  }

  // ---- registry: filled by the compiled bundle ---------------------------------------------

  /** @private kind -> Map(name -> fn). */
  var registry = new Map(KINDS.map(function (kind) { return [kind, new Map()]; }));

  /**
   * Registers a function of the compiled bundle. Called by the generated entry point.
   * @param {string} kind 'callback' (fn receives the DOM event)
   * @param {string} name the Java name, 'Class.method'
   * @param {function} fn the compiled function
   * @throws {Error} for an unknown kind or a name already registered for that kind
   */
  function register(kind, name, fn) {
    if (!registry.has(kind)) {
      throw new Error('violetear.register: unknown kind ' + quote(kind) + ' for ' + quote(name)
          + '; expected one of ' + KINDS.map(quote).join(', ') + '.');
    }
    requireName(name, 'name', 'register(' + quote(kind) + ', name, fn)');
    requireFunction(fn, 'fn', 'register(' + quote(kind) + ', ' + quote(name) + ', fn)');
    var names = registry.get(kind);
    if (names.has(name)) {
      throw new Error('violetear.register: ' + kind + ' ' + quote(name) + ' is already '
          + 'registered; register each name once (is the app bundle included twice?).');
    }
    names.set(name, fn);
  }

  // ---- hydration: data-on-EVENT="Class.method" ---------------------------------------------

  /** @private element -> Set of attribute names already bound, so hydrate() is idempotent. */
  var bound = new WeakMap();

  /** @private A short description of an element for error messages: <button id="x" class="y">. */
  function describe(element) {
    var text = '<' + String(element.tagName).toLowerCase();
    ['id', 'class'].forEach(function (name) {
      var value = element.getAttribute(name);
      if (value) text += ' ' + name + '="' + value + '"';
    });
    return text + '>';
  }

  /** @private Attaches every not-yet-bound data-on-* attribute of one element. */
  function hydrateElement(element) {
    var attributes = element.attributes;
    var done = bound.get(element);
    var count = 0;
    for (var i = 0; i < attributes.length; i++) {
      var attribute = attributes[i].name;
      if (attribute.indexOf(BINDING_PREFIX) !== 0 || (done && done.has(attribute))) continue;
      var eventName = attribute.slice(BINDING_PREFIX.length);
      var name = attributes[i].value;
      var callback = registry.get(KIND_CALLBACK).get(name);
      if (!eventName || !callback) {
        var known = Array.from(registry.get(KIND_CALLBACK).keys());
        console.error('violetear: ' + attribute + '="' + name + '" on ' + describe(element) + ' '
            + (eventName ? 'is not a registered @Client.Callback: register its class with '
                + 'app.register(...) (registered: ' + (known.map(quote).join(', ') || 'none') + ').'
                : 'names no event: write data-on-EVENT, e.g. data-on-click.'), element);
        continue; // not marked: a later hydrate() retries it
      }
      element.addEventListener(eventName, listener(element, eventName, name, callback));
      if (!done) bound.set(element, done = new Set());
      done.add(attribute);
      count++;
    }
    return count;
  }

  /** @private */
  function listener(element, eventName, name, callback) {
    return function (event) {
      // currentTarget is null once dispatch ends, and Java handlers run later on green threads.
      event.violetearTarget = element;
      // The handler starts asynchronously, too late to stop the browser's navigation.
      if (eventName === 'submit') event.preventDefault();
      try {
        callback(event);
      } catch (err) {
        console.error('violetear: @Client.Callback ' + quote(name) + ' threw on ' + quote(eventName)
            + ' of ' + describe(element) + ':', err);
      }
    };
  }

  /**
   * Attaches the `data-on-*` bindings of `root` and its descendants. Each binding is attached
   * once, so call it again after inserting new server-rendered content. A binding naming an
   * unknown callback is reported with console.error and skipped.
   * @param {Document|Element} [root=document]
   * @return {number} how many bindings were attached by this call
   */
  function hydrate(root) {
    if (root === undefined) root = global.document;
    if (!root || typeof root.querySelectorAll !== 'function') {
      throw new TypeError('violetear.hydrate(root): root must be a Document or an Element, got '
          + (root === null ? 'null' : typeof root) + '.');
    }
    var count = root.nodeType === 1 ? hydrateElement(root) : 0;
    var elements = root.querySelectorAll('*');
    for (var i = 0; i < elements.length; i++) count += hydrateElement(elements[i]);
    return count;
  }

  // ---- rpc ---------------------------------------------------------------------------------

  /** @private The base path: DEFAULT_BASE unless <meta name="violetear-base"> overrides it. */
  function resolveBase() {
    var document = global.document;
    var meta = document && document.querySelector('meta[name="' + BASE_META_NAME + '"]');
    var content = meta && meta.getAttribute('content');
    return content ? content.replace(/\/+$/, '') : DEFAULT_BASE;
  }

  /** @private */
  function networkError(err) {
    var message = err && err.message ? err.message : String(err);
    return {status: 0, body: JSON.stringify({error: {type: 'NetworkError',
      message: 'Could not reach the server: ' + message}})};
  }

  /**
   * Calls a @Server.Rpc method: POSTs `bodyText` to `<base>/rpc/<fn>`. The promise never
   * rejects: a network failure resolves with status 0 and a NetworkError body.
   * @param {string} fn the server method, 'Class.method'
   * @param {string} bodyText the JSON request body, e.g. '{"args":[1]}'
   * @return {Promise<{status: number, body: string}>} the response status and text
   */
  function rpc(fn, bodyText) {
    requireName(fn, 'fn', 'rpc(fn, bodyText)');
    if (typeof bodyText !== 'string') {
      throw new TypeError('violetear.rpc(' + quote(fn) + ', bodyText): bodyText must be a JSON '
          + 'string, got ' + typeof bodyText + '; pass JSON.stringify({args: [...]}).');
    }
    var url = resolveBase() + RPC_PATH + encodeURIComponent(fn);
    return new Promise(function (resolve) {
      global.fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'Accept': 'application/json',
          'X-Violetear': '1'},
        body: bodyText
      }).then(function (response) {
        return response.text().then(function (text) {
          resolve({status: response.status, body: text});
        });
      }).then(undefined, function (err) { resolve(networkError(err)); });
    }).then(undefined, networkError); // a synchronous throw from fetch itself
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  var isBundleLoaded = false;

  /** @private Hydrates the whole document, then fires 'ready' (exactly once). */
  function start() {
    hydrate(global.document);
    isReadyFired = true;
    var fired = (handlers.get(EVENT_READY) || []).slice();
    fire(EVENT_READY, undefined);
    // 'ready' never fires again: release its handlers (late subscribers remove themselves).
    fired.forEach(function (entry) { removeEntry(EVENT_READY, entry); });
  }

  /**
   * Tells the runtime that the bundle has registered everything. Called once by the bundle;
   * hydrates the document (after DOMContentLoaded if it is still loading), then fires 'ready'.
   */
  function bundleLoaded() {
    if (isBundleLoaded) {
      console.warn('violetear.bundleLoaded() was called twice; the second call is ignored. '
          + 'Only the generated entry point of the app bundle should call it.');
      return;
    }
    isBundleLoaded = true;
    var document = global.document;
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start, {once: true});
    } else {
      start();
    }
  }

  // ---- public object -----------------------------------------------------------------------

  Object.defineProperty(global, 'violetear', {
    value: Object.freeze({
      version: VERSION,
      on: on,
      off: off,
      emit: emit,
      register: register,
      bundleLoaded: bundleLoaded,
      hydrate: hydrate,
      rpc: rpc
    }),
    enumerable: true
  });
})(typeof window !== 'undefined' ? window : this);
