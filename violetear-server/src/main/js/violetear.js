// SPDX-License-Identifier: Apache-2.0
/*
 * violetear.js: the browser runtime of Violetear for Java, and the single source of truth in the
 * browser. Served as a classic `<script defer>` before the compiled app bundle, so it is a plain
 * script wrapped in an IIFE (no modules, no bundler, no dependencies). The jar ships it minified
 * by terser, with a source map that holds this file (src/build/runtime.sh); this is the one to edit.
 *
 * At load it creates `window.violetear`; the TeaVM bundle then registers its functions with
 * `register` and calls `bundleLoaded()` once; the runtime waits for DOMContentLoaded if needed,
 * attaches every `data-on-*` binding and fires `ready`.
 *
 * The socket half: everything about the socket to `<base>/ws` lives in violetear-socket.js, so
 * that pages that only bind callbacks and call RPCs do not download it. The server renders
 * `<meta name="violetear-socket">` from the handlers of the page's active classes. `eager` (and a
 * page without the tag) opens the socket at load, because something on the page listens to the
 * server (`@Client.Realtime`, a `@Client.On` other than ready): such a page lists
 * violetear-socket.js just before this script, which installs it at once. `lazy` leaves the page
 * *idle* (`state` is 'idle', nothing is opened) until the first frame that needs the server
 * (`call`, `emit`), `connect()` or the activation of a class that listens; the page names the
 * socket script in `<meta name="violetear-socket-src">` instead, and this script loads it then,
 * keeps what was asked meanwhile (frames in the queue, in order) and hands it over once it is
 * installed; from then on the page behaves like an eager one. A page with neither reports each
 * socket call with console.error, naming what to include.
 *
 * Lifecycle rules (docs/design.md, ordering and delivery; the socket half states the rest):
 * - `ready` fires exactly once per page load, after `bundleLoaded()` and hydration. Ready is
 *   *finished* when every promise returned by its handlers has settled (also handlers subscribed
 *   while it runs); a promise that never settles holds `connect` back for good.
 * - `connect` fires when a connection goes live, which waits for ready to be finished and comes
 *   after every frame queued before it was sent.
 *
 * Active classes: a page runs the @Client.On and @Client.Realtime handlers of the classes its
 * `<meta name="violetear-classes">` lists (all of them without the tag). A fragment the bundle
 * loads (DomElement.load) names the classes its bindings need, and the bundle passes them to
 * `activate`: they become active too, as if the page had listed them.
 *
 * Sections: constants, environment, bus, queue, socket half, registry, hydration, rpc,
 * lifecycle, public object.
 */
(function (global) {
  'use strict';

  // ---- constants ---------------------------------------------------------------------------

  var VERSION = '0.1.0';
  /** Default mount point of the framework's endpoints; see resolveBase(). */
  var DEFAULT_BASE = '/_violetear';
  var BASE_META_NAME = 'violetear-base';
  var SOCKET_META_NAME = 'violetear-socket';
  /** Names the socket script that a lazy page loads on its first need; see loadSocket(). */
  var SOCKET_SRC_META_NAME = 'violetear-socket-src';
  /** Content of the socket meta for a page that opens its socket on the first send. */
  var SOCKET_LAZY = 'lazy';
  var RPC_PATH = '/rpc/';
  var BINDING_PREFIX = 'data-on-';
  var KIND_CALLBACK = 'callback';
  var KIND_REALTIME = 'realtime';
  /** A class's activation: it subscribes the class's @Client.On handlers (see activate). */
  var KIND_CLASS = 'class';
  // A function the bundle gives to bind more than callbacks (states) when the page hydrates.
  var KIND_BINDER = 'binder';
  var KINDS = [KIND_CALLBACK, KIND_REALTIME, KIND_CLASS, KIND_BINDER];
  /** Lists the page's active classes; a page without it activates every class. */
  var CLASSES_META_NAME = 'violetear-classes';
  var EVENT_READY = 'ready';
  /** Fired by the runtime (or the server) only; `emit` and `emitLocal` reject them. */
  var LIFECYCLE_EVENTS = [EVENT_READY, 'connect', 'disconnect', 'resume_failed',
    'start', 'stop', 'page_open', 'page_close'];
  /** Values of the `state` getter before the socket half is installed (it answers after). */
  var STATE_IDLE = 'idle';
  var STATE_CONNECTING = 'connecting';
  var STATE_CLOSED = 'closed';
  var DEFAULT_MAX_QUEUE = 1000;
  /** A socket without a welcome after this long is given up and replaced (see configure). */
  var DEFAULT_CONNECT_TIMEOUT_MS = 10000;

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

  /** @private 'null', 'an array' or the typeof of `value`, for error messages. */
  function kindOf(value) {
    return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
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

  /** @private Throws unless `event` may be emitted by page code (lifecycle names are reserved). */
  function requireCustomEvent(event, method) {
    requireName(event, 'event', method + '(event, data)');
    if (LIFECYCLE_EVENTS.indexOf(event) >= 0) {
      throw new Error('violetear.' + method + ': ' + quote(event) + ' is a lifecycle event that '
          + 'only the framework fires; emit a custom event name instead.');
    }
  }

  /**
   * @private Calls `fn`, reporting a throw or a rejected promise with `report` instead of
   * rethrowing. Returns a promise that settles (never rejects) when an async `fn` is done.
   */
  function guard(fn, arg, report) {
    try {
      var result = fn(arg);
      if (result && typeof result.then === 'function') return result.then(undefined, report);
    } catch (err) {
      report(err);
    }
    return undefined;
  }

  // ---- bus ---------------------------------------------------------------------------------

  /** @private event name -> array of {handler}; entries are objects so unsubscribe is exact. */
  var handlers = new Map();

  /** @private Calls one handler; see guard(). */
  function callHandler(event, handler, data) {
    return guard(handler, data, function (err) {
      console.error('violetear: a handler for event ' + quote(event) + ' threw:', err);
    });
  }

  /**
   * @private Runs the local handlers of `event` in registration order and returns the promises
   * of the handlers that returned one (see guard()).
   */
  function fire(event, data) {
    var pending = [];
    var list = handlers.get(event);
    if (!list) return pending;
    // A copy, so that handlers (un)subscribing while we iterate don't shift the others.
    list.slice().forEach(function (entry) {
      if (list.indexOf(entry) < 0) return;
      var settled = callHandler(event, entry.handler, data);
      if (settled) pending.push(settled);
    });
    return pending;
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
   * once, asynchronously, so late subscribers don't miss it. A handler may return a promise:
   * `connect` waits for the promises of the `ready` handlers.
   * Subscribing opens no socket: on an idle page, call `connect()` to hear the server's emits.
   * @param {string} event the event name, e.g. 'ready', 'connect' or a custom event
   * @param {function(*): (void|Promise)} handler called with the event's data
   * @return {function(): void} unsubscribes this subscription
   */
  function on(event, handler) {
    requireName(event, 'event', 'on(event, handler)');
    requireFunction(handler, 'handler', 'on(' + quote(event) + ', handler)');
    var entry = {handler: handler};
    if (!handlers.has(event)) handlers.set(event, []);
    handlers.get(event).push(entry);
    if (event === EVENT_READY && isReadyFired) {
      var late = new Promise(function (resolve) {
        defer(function () {
          // Unless unsubscribed meanwhile.
          resolve(removeEntry(event, entry) ? callHandler(event, handler, undefined) : undefined);
        });
      });
      if (!isReadyFinished) readyWaits.push(late);
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
   * Sends `event` to the server's @Server.On handlers (through the outgoing queue, see `call`)
   * and calls the local handlers in registration order. A handler that throws is reported with
   * console.error and the others still run. Nothing runs when the queue is full. On a page that
   * cannot reach the server (no socket half, see the top of this file) the send is reported with
   * console.error and only the local handlers run.
   * @param {string} event a custom event name (lifecycle names are reserved)
   * @param {*} [data] JSON-serializable; passed to every handler
   * @throws {Error} for a lifecycle name, data that is not JSON, or a full queue
   */
  function emit(event, data) {
    requireCustomEvent(event, 'emit');
    enqueue('violetear.emit(' + quote(event) + ', data)', {t: 'emit', event: event, data: data});
    fire(event, data);
  }

  /**
   * Calls the local handlers of `event` only, as an emit from the server does.
   * @param {string} event a custom event name (lifecycle names are reserved)
   * @param {*} [data] passed to every handler
   */
  function emitLocal(event, data) {
    requireCustomEvent(event, 'emitLocal');
    fire(event, data);
  }

  // ---- queue: every call and emit frame, in order --------------------------------------------

  /** @private Set by configure(); a null backoff is the socket half's default one. */
  var options = {maxQueue: DEFAULT_MAX_QUEUE, backoff: null,
    connectTimeout: DEFAULT_CONNECT_TIMEOUT_MS};
  /**
   * @private The frames the server has not acknowledged, oldest first, each {seq, text}: `out`
   * not yet sent, `unacked` sent (the socket half moves them and drops the acknowledged ones);
   * `seq` is the seq of the last queued frame, so the first frame of a page load has seq 1.
   */
  var queue = {out: [], unacked: [], seq: 0};

  /**
   * @private Numbers `frame`, serializes it and appends it to the queue, then has the socket half
   * flush it (or open the socket of an idle page). Throws, changing nothing, when the queue is
   * full (`maxQueue` messages not yet acknowledged by the server, sent or not), `frame` is not
   * JSON or it is larger than the server accepts. Reports with console.error, queueing nothing,
   * when the page has no socket half to send it with.
   */
  function enqueue(usage, frame) {
    if (!canReachSocket(usage)) return;
    var pending = queue.out.length + queue.unacked.length;
    if (pending >= options.maxQueue) {
      // The queue holds every message the server has not acknowledged, so it also fills on an
      // open connection when a page sends faster than the server's rate or its handlers keep up.
      throw new Error(usage + ': the outgoing queue is full (' + pending + ' messages): '
          + ((socket && socket.whyFull()) || 'they wait for the connection to the server, which '
              + 'is ' + connectionState() + '; retry after the \'connect\' event')
          + ', or raise the bound with violetear.configure({maxQueue: n}).');
    }
    frame.seq = queue.seq + 1;
    var text;
    try {
      text = JSON.stringify(frame);
    } catch (err) {
      throw new TypeError(usage + ': the message is not JSON-serializable ('
          + String(err.message).split('\n')[0] + '); pass plain data: objects, arrays, strings, '
          + 'numbers, booleans and null.');
    }
    // The text ends with its seq, which the socket half relies on to renumber it.
    if (socket) socket.checkSize(usage, text);
    queue.seq = frame.seq;
    queue.out.push({seq: frame.seq, text: text});
    toSocket('queued', STATE_CONNECTING);
  }

  /**
   * Calls a @Server.Realtime method without waiting for a result. The frame goes through the
   * outgoing queue: sent at once while the connection is live, otherwise kept (in order) and
   * flushed when the connection is established, before the `connect` handlers run.
   * @param {string} fn the server method, 'Class.method'
   * @param {Array} args its arguments, JSON-serializable
   * @throws {Error} when the queue already holds `maxQueue` frames (see configure)
   */
  function call(fn, args) {
    requireName(fn, 'fn', 'call(fn, args)');
    if (!Array.isArray(args)) {
      throw new TypeError('violetear.call(' + quote(fn) + ', args): args must be an array, got '
          + kindOf(args) + '; pass [] for a method without parameters.');
    }
    enqueue('violetear.call(' + quote(fn) + ', args)', {t: 'call', fn: fn, args: args});
  }

  /**
   * Changes the realtime options; omitted options keep their value.
   * @param {{maxQueue: (number|undefined), backoff: (function(number): number|undefined),
   *     connectTimeout: (number|undefined)}} changes
   *     maxQueue: how many frames the server may leave unacknowledged, waiting to be sent or
   *     sent (default 1000); backoff: the
   *     delay in ms before reconnect attempt number `tries` (0 after each successful
   *     connection); the default is `100 + random(0 .. min(10000, 200 * 2^tries))`;
   *     connectTimeout: how long in ms a new socket may take to be welcomed before it is closed
   *     and replaced (default 10000), for networks where a handshake can hang.
   */
  function configure(changes) {
    if (!changes || typeof changes !== 'object') {
      throw new TypeError('violetear.configure(options): options must be an object such as '
          + '{maxQueue: 5000}, got ' + kindOf(changes) + '.');
    }
    Object.keys(changes).forEach(function (key) {
      if (key !== 'maxQueue' && key !== 'backoff' && key !== 'connectTimeout') {
        throw new TypeError('violetear.configure: unknown option ' + quote(key)
            + '; the options are maxQueue, backoff and connectTimeout.');
      }
    });
    var maxQueue = 'maxQueue' in changes ? changes.maxQueue : options.maxQueue;
    if (typeof maxQueue !== 'number' || !(maxQueue >= 1) || Math.floor(maxQueue) !== maxQueue) {
      throw new TypeError('violetear.configure: maxQueue must be a whole number >= 1, got '
          + String(maxQueue) + '.');
    }
    var backoff = 'backoff' in changes ? changes.backoff : options.backoff;
    if ('backoff' in changes) requireFunction(backoff, 'backoff', 'configure');
    var connectTimeout = 'connectTimeout' in changes ? changes.connectTimeout
        : options.connectTimeout;
    if (typeof connectTimeout !== 'number' || !(connectTimeout >= 1)) {
      throw new TypeError('violetear.configure: connectTimeout must be a number of ms >= 1, got '
          + String(connectTimeout) + '.');
    }
    options.maxQueue = maxQueue;
    options.backoff = backoff;
    options.connectTimeout = connectTimeout;
  }

  // ---- socket half: violetear-socket.js, installed at load or loaded on the first need -------

  /** @private What violetear-socket.js's install returned; null until it is installed. */
  var socket = null;
  /**
   * @private The socket half's operations asked for before it was installed, in order, by name
   * (see toSocket); it runs them once installed, so it ends where it would have been.
   */
  var early = [];
  /** @private The `state` until the socket half answers it. */
  var earlyState = STATE_IDLE;
  /** @private The `<script>` loading the socket half on a lazy page; null before, or on failure. */
  var loading = null;

  /** @private Whether the server rendered this page as one that opens its socket on demand. */
  function isLazyPage() {
    return metaContent(SOCKET_META_NAME) === SOCKET_LAZY;
  }

  /** @private The content of `<meta name="NAME">` ('' without one), or null without the tag. */
  function metaContent(name) {
    var document = global.document;
    var meta = document && document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.getAttribute('content') || '' : null;
  }

  /**
   * @private Whether the socket half is installed or can be loaded; else reports, naming
   * `usage`, that nothing reaches the server and what to include.
   */
  function canReachSocket(usage) {
    if (socket || metaContent(SOCKET_SRC_META_NAME)) return true;
    console.error(usage + ': this page cannot reach the server, as it lacks violetear-socket.js. '
        + 'Let the app render the page (it adds the script where needed), or include it just '
        + 'before violetear.js.');
    return false;
  }

  /**
   * @private Runs the socket half's operation `op`, or keeps it for when the half is installed
   * and loads it, with `state` as what `state` reads meanwhile (idle pages only, for wakes).
   */
  function toSocket(op, state) {
    if (socket) {
      socket[op]();
      return;
    }
    if (early[early.length - 1] !== op) early.push(op);
    if ((op !== 'queued' && op !== 'activated') || earlyState === STATE_IDLE) earlyState = state;
    // Closing needs no socket half: it only has to know, once loaded, that the page closed.
    if (op !== 'disconnect') loadSocket();
  }

  /** @private Loads the script `<meta name="violetear-socket-src">` names, once. */
  function loadSocket() {
    var src = metaContent(SOCKET_SRC_META_NAME);
    if (loading || !src) return;
    var document = global.document;
    loading = document.createElement('script');
    loading.src = src;
    // Out of the DOM again once run, so that the page lists the scripts the server rendered.
    loading.onload = function () {
      loading.parentNode.removeChild(loading);
      installSocket(global.violetearSocket);
      if (!socket) {
        console.error('violetear: the script ' + src + ' did not install the socket half; '
            + 'it must be the violetear-socket.js the app serves with this violetear.js.');
      }
    };
    loading.onerror = function () {
      loading.parentNode.removeChild(loading);
      loading = null;
      console.error('violetear: could not load the socket script ' + src + '; what waits for '
          + 'the server stays queued until connect() or the next send retries.');
    };
    document.head.appendChild(loading);
  }

  /**
   * @private Installs the socket half that violetear-socket.js left on `window` and hands it
   * what was asked before: at load when the page listed that script first, else once loaded.
   */
  function installSocket(install) {
    if (typeof install !== 'function') return;
    delete global.violetearSocket;
    socket = install({
      fire: fire,
      guard: guard,
      quote: quote,
      kindOf: kindOf,
      options: options,
      queue: queue,
      lifecycle: LIFECYCLE_EVENTS,
      isLazy: isLazyPage(),
      isReady: function () { return isReadyFinished; },
      isActive: isActive,
      realtime: function (name) { return registry.get(KIND_REALTIME).get(name); },
      resolveBase: resolveBase
    });
    early.forEach(function (op) { socket[op](); });
    early = [];
  }

  /**
   * Opens the socket: again after `disconnect()`, or for the first time on an idle page (one
   * rendered with `<meta name="violetear-socket" content="lazy">`), e.g. to receive server emits
   * that page code subscribed to with `on`. A no-op while a socket is open or opening.
   * Reconnects after a lost connection happen by themselves.
   */
  function connect() {
    if (canReachSocket('violetear.connect()')) toSocket('connect', STATE_CONNECTING);
  }

  /**
   * Closes the socket cleanly and stops reconnecting until `connect()`. Fires `disconnect` at
   * once if the connection was live. Calls and emits keep queueing (up to maxQueue).
   */
  function disconnect() {
    toSocket('disconnect', STATE_CLOSED);
  }

  /** @private See the `state` getter of the public object. */
  function connectionState() {
    return socket ? socket.state() : earlyState;
  }

  // ---- registry: filled by the compiled bundle ---------------------------------------------

  /** @private kind -> Map(name -> fn). */
  var registry = new Map(KINDS.map(function (kind) { return [kind, new Map()]; }));

  /**
   * Registers a function of the compiled bundle. Called by the generated entry point.
   * @param {string} kind 'callback' (fn receives the DOM event), 'realtime' (fn receives the
   *     argument array of each invoke frame from the server, and runs only while its class is
   *     active), 'class' (fn subscribes the class's @Client.On handlers: called now if the class
   *     is active, else when a fragment activates it) or 'binder' (hydrate(root) calls fn with the
   *     root after binding callbacks; it returns how many bindings it attached)
   * @param {string} name the Java name, 'Class.method', the class's simple name for 'class', or
   *     what a binder binds, e.g. 'states'
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
    if (kind === KIND_CLASS && isActive(name)) fn();
  }

  /**
   * @private The simple names of the page's active classes: those its meta tag lists, then those
   * that loaded fragments named; null on a page without the tag, where every class is active.
   */
  var activeClasses = readActiveClasses();

  /** @private */
  function readActiveClasses() {
    var content = metaContent(CLASSES_META_NAME);
    return content === null ? null : new Set(content.split(' ').filter(Boolean));
  }

  /** @private */
  function isActive(className) {
    return activeClasses === null || activeClasses.has(className);
  }

  /**
   * Makes the classes in `list` (simple names separated by spaces) active, as if the page had
   * listed them: their @Client.On handlers subscribe now (a 'ready' handler among them runs once,
   * right after) and the server's invokes of their @Client.Realtime methods run from now on. An
   * idle page opens its socket when `listens`: one of the classes has handlers the server may
   * reach at any time. The bundle calls it with what a loaded fragment's answer names (its
   * X-Violetear-Classes and X-Violetear-Socket headers).
   * @param {?string} list the classes' simple names, separated by spaces
   * @param {boolean} listens whether one of them listens to the server
   */
  function activate(list, listens) {
    if (activeClasses !== null) {
      String(list || '').split(' ').forEach(function (name) {
        if (!name || activeClasses.has(name)) return;
        activeClasses.add(name);
        var subscribe = registry.get(KIND_CLASS).get(name);
        if (subscribe) subscribe();
      });
    }
    if (listens && canReachSocket('violetear.activate(' + quote(list) + ', true)')) {
      toSocket('activated', STATE_CONNECTING);
    }
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
    registry.get(KIND_BINDER).forEach(function (bind, name) {
      try {
        count += bind(root);
      } catch (err) {
        console.error('violetear: binding ' + name + ' under ' + describe(root.documentElement || root)
            + ' failed:', err);
      }
    });
    return count;
  }

  // ---- rpc ---------------------------------------------------------------------------------

  /** @private The base path: DEFAULT_BASE unless <meta name="violetear-base"> overrides it. */
  function resolveBase() {
    var content = metaContent(BASE_META_NAME);
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
  var isReadyFired = false;
  var isReadyFinished = false;
  /** @private Promises of the ready handlers (and of late ones) that connect waits for. */
  var readyWaits = [];

  /** @private Hydrates the whole document, then fires 'ready' (exactly once). */
  function start() {
    hydrate(global.document);
    isReadyFired = true;
    var fired = (handlers.get(EVENT_READY) || []).slice();
    readyWaits.push.apply(readyWaits, fire(EVENT_READY, undefined));
    // 'ready' never fires again: release its handlers (late subscribers remove themselves).
    fired.forEach(function (entry) { removeEntry(EVENT_READY, entry); });
    awaitReady();
  }

  /** @private Waits for every ready promise, including those added while waiting. */
  function awaitReady() {
    var count = readyWaits.length;
    Promise.allSettled(readyWaits.slice()).then(function () {
      if (readyWaits.length > count) awaitReady();
      else finishReady();
    });
  }

  /**
   * @private Ready is finished: the socket half goes live if established, then delivers the
   * frames it held. One loaded later finds ready finished and holds nothing.
   */
  function finishReady() {
    isReadyFinished = true;
    readyWaits = [];
    if (socket) socket.ready();
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
      emitLocal: emitLocal,
      call: call,
      register: register,
      bundleLoaded: bundleLoaded,
      hydrate: hydrate,
      rpc: rpc,
      activate: activate,
      configure: configure,
      connect: connect,
      disconnect: disconnect,
      /**
       * 'open' while the connection is live (from just before the `connect` handlers run until
       * the connection is lost); 'connecting' while the socket half loads, a socket is opening,
       * waits for the welcome or for the ready handlers, or a reconnect is scheduled; 'closed'
       * after `disconnect()` (or on a page that listens but has no socket half);
       * 'idle' on a lazy page that has not needed the server yet (no socket was ever opened; the
       * first `call`, `emit` or `connect()` opens one).
       * @return {string}
       */
      get state() { return connectionState(); },
      /** @return {?string} the id of the last welcome frame, or null before the first one */
      get clientId() { return socket ? socket.clientId() : null; }
    }),
    enumerable: true
  });

  installSocket(global.violetearSocket);
  // A page that listens to the server opens its socket at load (see the top of this file).
  if (!socket && !isLazyPage()) {
    if (canReachSocket('violetear')) toSocket('connect', STATE_CONNECTING);
    else earlyState = STATE_CLOSED;
  }
})(typeof window !== 'undefined' ? window : this);
