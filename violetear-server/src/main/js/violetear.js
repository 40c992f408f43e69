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
 * When the socket to `<base>/ws` opens: the server renders `<meta name="violetear-socket">` from
 * the handlers of the page's active classes. `eager` (and a page without the tag) opens it at
 * load, because something on the page listens to the server (`@Client.Realtime`, a `@Client.On`
 * other than ready). `lazy` leaves the page *idle* (`state` is 'idle', nothing is opened) until
 * the first frame that needs the server (`call`, `emit`) or `connect()`; from then on it behaves
 * like an eager page. Pages that only bind callbacks and call RPCs so never hold a socket.
 *
 * Lifecycle rules (docs/design.md, ordering and delivery):
 * - `ready` fires exactly once per page load, after `bundleLoaded()` and hydration. Ready is
 *   *finished* when every promise returned by its handlers has settled (also handlers subscribed
 *   while it runs); a promise that never settles holds `connect` back for good.
 * - A connection is *established* when its socket is open and the server's welcome frame arrived.
 *   It goes *live* when it is established, ready is finished and the frames a resume replays
 *   (the welcome's `replay`) have arrived, whichever comes last: the runtime then flushes the
 *   outgoing queue in order, and only then fires `connect`. So a page that resumes has every
 *   frame it missed before its `connect` handlers run, as Socket.IO delivers missed packets.
 * - `disconnect` fires once when a live connection is lost (or closed by `disconnect()`), so
 *   every `disconnect` follows a `connect` of the same connection. A connection lost before it
 *   went live fires nothing.
 * - Every close the page did not ask for schedules a reconnect with backoff; establishing a
 *   connection resets the backoff. A welcomed socket that brings nothing for the welcome's
 *   `heartbeat` ms is sent a ping; one still silent an interval later is half-open (the network
 *   lost it without a close) and is closed with 4008 and replaced the same way.
 * - `invoke` and `emit` frames from the server that arrive before ready is finished are held, in
 *   order, and delivered right after it (after `connect` when the connection is live by then,
 *   except the frames a resume replayed, which come before it).
 * - Delivery both ways survives drops: frames carry per-session seqs and are acknowledged; after
 *   a reconnect each side sends the unacknowledged ones again and the other ignores seqs it has
 *   already seen. A reconnect the server can no longer resume fires `resume_failed` just before
 *   `connect`.
 *
 * Sections: constants, environment, bus, backoff, queue, socket, registry, hydration, rpc,
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
  /** Content of the socket meta for a page that opens its socket on the first send. */
  var SOCKET_LAZY = 'lazy';
  var RPC_PATH = '/rpc/';
  var SOCKET_PATH = '/ws';
  var BINDING_PREFIX = 'data-on-';
  var KIND_CALLBACK = 'callback';
  var KIND_REALTIME = 'realtime';
  var KINDS = [KIND_CALLBACK, KIND_REALTIME];
  var EVENT_READY = 'ready';
  var EVENT_CONNECT = 'connect';
  var EVENT_DISCONNECT = 'disconnect';
  var EVENT_RESUME_FAILED = 'resume_failed';
  /** Fired by the runtime (or the server) only; `emit` and `emitLocal` reject them. */
  var LIFECYCLE_EVENTS = [EVENT_READY, EVENT_CONNECT, EVENT_DISCONNECT, EVENT_RESUME_FAILED,
    'start', 'stop', 'page_open', 'page_close'];
  /** Values of the `state` getter. */
  var STATE_IDLE = 'idle';
  var STATE_CONNECTING = 'connecting';
  var STATE_OPEN = 'open';
  var STATE_CLOSED = 'closed';
  /** WebSocket.readyState of an open socket; close code of a clean close. */
  var SOCKET_OPEN = 1;
  var CLOSE_NORMAL = 1000;
  /** Tells the server the page is unloading for good: its `page_close` handlers run at once. */
  var CLOSE_PAGE_GONE = 4001;
  /** Close code of a socket that answered nothing to a heartbeat ping (see heartbeat). */
  var CLOSE_NO_HEARTBEAT = 4008;
  var DEFAULT_MAX_QUEUE = 1000;
  /** A socket without a welcome after this long is given up and replaced (see configure). */
  var DEFAULT_CONNECT_TIMEOUT_MS = 10000;
  var BACKOFF_FLOOR_MS = 100;
  var BACKOFF_BASE_MS = 200;
  var BACKOFF_CAP_MS = 10000;
  /**
   * Server frames are acknowledged in batches: after this many, or this long after the first
   * unacknowledged one, whichever comes first. An ack only frees the server's copy of frames the
   * page already has, and ACK_EVERY bounds those, so a slow trickle is acknowledged every 3 s: at
   * 20 frames a second to 1,000 pages, 100 ms made the server read 10,000 acks a second, and 3 s
   * instead of 1 s cut the server's CPU per delivery by a fifth.
   */
  var ACK_EVERY = 64;
  var ACK_DELAY_MS = 3000;
  /**
   * Sends are paced to three quarters of the rate the welcome announces (the server closes a
   * socket that exceeds it), counted in windows of this length.
   */
  var PACE_WINDOW_MS = 250;

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
   * console.error and the others still run. Nothing runs when the queue is full.
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

  // ---- backoff -----------------------------------------------------------------------------

  /**
   * The default reconnect delay: exponential backoff with full jitter plus a floor,
   * `100 + random(0 .. min(10000, 200 * 2^tries))` ms. The first retry (tries = 0) waits 100 to
   * 300 ms, the fifth 100 to 3300 ms; from tries = 6 on, 100 to 10100 ms.
   * @private
   * @param {number} tries retries scheduled since the last successful connection
   * @return {number} the delay in milliseconds
   */
  function defaultBackoff(tries) {
    var ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * Math.pow(2, tries));
    return BACKOFF_FLOOR_MS + Math.round(global.Math.random() * ceiling);
  }

  /**
   * @private Schedules retries through setTimeout with the delays of `delayOf(tries)`; `tries`
   * counts the retries scheduled since the last reset().
   * @constructor
   */
  function Backoff(delayOf) {
    this.delayOf = delayOf;
    this.tries = 0;
    this.timer = null;
  }

  /** @private Replaces any pending retry by `callback`, after the next delay. */
  Backoff.prototype.schedule = function (callback) {
    var self = this;
    if (this.timer !== null) global.clearTimeout(this.timer);
    var delay = this.delayOf(this.tries);
    this.tries++;
    this.timer = global.setTimeout(function () {
      self.timer = null;
      callback();
    }, delay);
  };

  /** @private Cancels any pending retry and starts counting again from 0. */
  Backoff.prototype.reset = function () {
    if (this.timer !== null) global.clearTimeout(this.timer);
    this.timer = null;
    this.tries = 0;
  };

  /** @private The configured delay, or the default one when it is not a usable number. */
  function reconnectDelay(tries) {
    var delay = options.backoff(tries);
    if (typeof delay === 'number' && isFinite(delay) && delay >= 0) return delay;
    console.error('violetear: the backoff function given to violetear.configure returned '
        + String(delay) + ' for tries=' + tries + '; it must return a delay in milliseconds '
        + '(a number >= 0). Using the default delay.');
    return defaultBackoff(tries);
  }

  // ---- queue: every call and emit frame, in order --------------------------------------------

  /** @private Set by configure(). */
  var options = {maxQueue: DEFAULT_MAX_QUEUE, backoff: defaultBackoff,
    connectTimeout: DEFAULT_CONNECT_TIMEOUT_MS};
  /** @private Frames not yet sent, oldest first: {seq, text}. */
  var outgoing = [];
  /**
   * @private Frames sent but not yet acknowledged, oldest first: {seq, text}. A welcome that
   * tells the last seq the server processed for this page's session drops those and resends the
   * rest, so a frame in flight when a connection dropped is neither lost nor run twice.
   */
  var unacked = [];
  /** @private Names this page load's session, so that the server can resume it. */
  var sessionId = newSessionId();
  /** @private The seq of the last queued frame; the first frame of a page load has seq 1. */
  var lastSeq = 0;

  /**
   * @private Numbers `frame`, serializes it and appends it to the queue, then flushes if the
   * connection is live. Throws, changing nothing, when the queue is full (`maxQueue` messages not
   * yet acknowledged by the server, sent or not) or `frame` is not JSON.
   */
  function enqueue(usage, frame) {
    var pending = outgoing.length + unacked.length;
    if (pending >= options.maxQueue) {
      // The queue holds every message the server has not acknowledged, so it also fills on an
      // open connection when a page sends faster than the server's rate or its handlers keep up.
      var why = current && current.isLive
          ? 'the connection is open, but the server has not acknowledged them yet ('
              + unacked.length + ' sent, ' + outgoing.length
              + ' paced to the server\'s message rate); send fewer at once'
          : 'they wait for the connection to the server, which is ' + connectionState()
              + '; retry after the \'connect\' event';
      throw new Error(usage + ': the outgoing queue is full (' + pending + ' messages): ' + why
          + ', or raise the bound with violetear.configure({maxQueue: n}).');
    }
    frame.seq = lastSeq + 1;
    var text;
    try {
      text = JSON.stringify(frame);
    } catch (err) {
      throw new TypeError(usage + ': the message is not JSON-serializable ('
          + String(err.message).split('\n')[0] + '); pass plain data: objects, arrays, strings, '
          + 'numbers, booleans and null.');
    }
    if (isOversize(text)) {
      throw new RangeError(usage + ': the message is ' + utf8Length(text) + ' bytes, more than '
          + 'the server accepts (' + maxBytes + ', AppConfig.maxRequestBytes); send less at once.');
    }
    lastSeq = frame.seq;
    outgoing.push({seq: frame.seq, text: text});
    if (isIdle) wake();
    else flush();
  }

  /** @private The largest message the server accepts, from the welcome (0: unknown). */
  var maxBytes = 0;

  /** @private Whether the server would refuse `text` as too large (it closes with 1009). */
  function isOversize(text) {
    // UTF-8 takes 1 to 3 bytes per UTF-16 unit: most texts need no counting.
    return maxBytes > 0 && text.length * 3 > maxBytes && utf8Length(text) > maxBytes;
  }

  /** @private The length of `text` in UTF-8 (a surrogate pair is one 4-byte character). */
  function utf8Length(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) i++;
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : 3;
    }
    return n;
  }

  /**
   * @private Drops the queued frames the server would refuse as too large, queued before its
   * welcome said how large it accepts: sent, each would close the socket with 1009 and be resent
   * on every reconnect. The rest are renumbered so that the seqs stay contiguous.
   */
  function dropOversize() {
    if (maxBytes <= 0 || outgoing.length === 0) return;
    var kept = outgoing.filter(function (entry) { return !isOversize(entry.text); });
    if (kept.length === outgoing.length) return;
    console.error('violetear: dropped ' + (outgoing.length - kept.length) + ' queued message(s) '
        + 'larger than the server accepts (' + maxBytes + ' bytes, AppConfig.maxRequestBytes); '
        + 'send less at once.');
    var before = outgoing[0].seq - 1;
    outgoing = kept;
    renumber(before);
  }

  /**
   * @private Numbers the unsent frames from `last` + 1 on. A frame's text ends with its seq (the
   * last key enqueue gave it), so only that tail changes.
   */
  function renumber(last) {
    for (var i = 0; i < outgoing.length; i++) {
      var entry = outgoing[i];
      entry.seq = ++last;
      entry.text = entry.text.slice(0, entry.text.lastIndexOf('"seq":')) + '"seq":' + last + '}';
    }
    lastSeq = last;
  }

  /** @private The server's message rate from the welcome (0: unknown), and the pacing window. */
  var pace = {rate: 0, sent: 0, timer: null};

  /**
   * @private Whether one more frame may go out in the current pacing window; the first send of a
   * window starts its timer, which opens the next window and flushes what waited.
   */
  function takeSendSlot() {
    if (!(pace.rate > 0)) return true;
    if (pace.timer === null) {
      pace.sent = 0;
      pace.timer = global.setTimeout(function () {
        pace.timer = null;
        flush();
      }, PACE_WINDOW_MS);
    }
    var budget = Math.max(1, Math.floor(pace.rate * 0.75 * PACE_WINDOW_MS / 1000));
    if (pace.sent >= budget) return false;
    pace.sent++;
    return true;
  }

  /** @private Sends the queued frames in order while the connection is live, paced. */
  function flush() {
    var conn = current;
    while (conn && conn.isLive && outgoing.length > 0 && conn.ws.readyState === SOCKET_OPEN) {
      if (!takeSendSlot()) return;
      conn.ws.send(outgoing[0].text);
      unacked.push(outgoing.shift());
    }
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
    requireFunction(backoff, 'backoff', 'configure');
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

  // ---- socket ------------------------------------------------------------------------------

  /**
   * @private The connection of the current socket, or null between sockets:
   * {ws, isEstablished (welcome arrived), isLive (queue flushed, connect fired)}.
   */
  var current = null;
  /** @private False after disconnect(): no reconnect until connect(). */
  var isWanted = true;
  /**
   * @private True while a lazy page has not needed the server yet: no socket was ever opened and
   * none is scheduled. Cleared for good by the first send, connect() or disconnect().
   */
  var isIdle = false;
  var currentClientId = null;
  var backoff = new Backoff(reconnectDelay);
  /** @private Frames from the server held until ready is finished. */
  var inbound = [];
  /** @private The highest seq of an invoke or emit the server sent this page's session. */
  var lastReceived = 0;
  /** @private The last seq acknowledged to the server; a timer while an ack is due. */
  var lastAcked = 0;
  var ackTimer = null;
  /** @private Whether a welcome arrived in this page load (a later one may fail to resume). */
  var hadWelcome = false;
  /** @private Set by a welcome that did not resume; fires resume_failed before connect. */
  var isResumeFailed = false;

  /** @private ws:// or wss:// on the page's host, under the base path. */
  function socketUrl() {
    var location = global.location;
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + resolveBase()
        + SOCKET_PATH + '?session=' + sessionId + '&received=' + lastReceived
        // A page that had a welcome comes back to a session some node may hold.
        + (hadWelcome ? '&resume=1' : '');
  }

  /** @private 24 random URL-safe characters; crypto when the browser has it. */
  function newSessionId() {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    var bytes = new Array(24);
    var crypto = global.crypto;
    if (crypto && typeof crypto.getRandomValues === 'function') {
      bytes = crypto.getRandomValues(new Uint8Array(24));
    } else {
      for (var i = 0; i < 24; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    var id = '';
    for (var j = 0; j < 24; j++) id += alphabet.charAt(bytes[j] % 64);
    return id;
  }

  /** @private Whether the server rendered this page as one that opens its socket on demand. */
  function isLazyPage() {
    var document = global.document;
    var meta = document && document.querySelector('meta[name="' + SOCKET_META_NAME + '"]');
    return Boolean(meta) && meta.getAttribute('content') === SOCKET_LAZY;
  }

  /** @private The first frame of an idle page is queued: open the socket it needs. */
  function wake() {
    isIdle = false;
    openSocket();
  }

  /** @private Opens a socket; a failure to create one counts as an unclean close. */
  function openSocket() {
    if (typeof global.WebSocket !== 'function') {
      console.error('violetear: this browser has no WebSocket, so realtime calls, emits to the '
          + 'server and connect events are unavailable; use a current browser.');
      isWanted = false;
      return;
    }
    var url = socketUrl();
    // The URL acknowledges everything received so far.
    lastAcked = lastReceived;
    var ws;
    try {
      ws = new global.WebSocket(url);
    } catch (err) {
      console.error('violetear: could not open the socket ' + url + '; retrying with backoff:',
          err);
      backoff.schedule(openSocket);
      return;
    }
    var conn = {ws: ws, isEstablished: false, isLive: false, replayTo: 0, timer: null};
    current = conn;
    ws.onmessage = function (event) {
      if (conn !== current) return;
      // Any frame shows the socket is alive, for the heartbeat.
      conn.heard = true;
      onFrame(conn, event.data);
    };
    ws.onclose = function () {
      if (conn === current) onConnClose(conn);
    };
    // Browsers follow an error with a close, but some clients (Node's undici, when the handshake
    // is reset) only report the error and stay connecting: give such a socket up at once.
    ws.onerror = function () {
      if (conn === current && !conn.isEstablished) abandon(conn);
    };
    conn.timer = global.setTimeout(function () {
      conn.timer = null;
      if (conn !== current || conn.isEstablished) return;
      console.warn('violetear: the server did not welcome the socket within '
          + options.connectTimeout + ' ms; opening another one.');
      abandon(conn);
    }, options.connectTimeout);
  }

  /**
   * @private Closes a socket that will not be established, or is dead, and reconnects with
   * backoff at once: a half-open socket would not report its close for a long time.
   */
  function abandon(conn, code) {
    try {
      if (conn.ws.readyState <= SOCKET_OPEN) conn.ws.close(code);
    } catch (err) {
      // Closing a socket that failed can throw in some clients; it is dropped either way.
    }
    onConnClose(conn);
  }

  /** @private Dispatches one frame from the server. */
  function onFrame(conn, text) {
    var frame;
    try {
      frame = JSON.parse(text);
    } catch (err) {
      frame = null;
    }
    if (!frame || typeof frame !== 'object') {
      console.error('violetear: ignored a frame from the server that is not a JSON object: '
          + String(text).slice(0, 200));
      return;
    }
    switch (frame.t) {
      case 'welcome':
        onWelcome(conn, frame);
        break;
      case 'invoke':
      case 'emit':
        // The server acknowledges the page's frames in its own when it has one to send.
        onAck(frame.ack);
        if (typeof frame.seq === 'number') {
          // A resend after a reconnect: the page already has it.
          if (frame.seq <= lastReceived) return;
          lastReceived = frame.seq;
          scheduleAck(conn);
        }
        if (isReadyFinished) deliver(frame);
        else inbound.push(frame);
        if (conn.isEstablished && !conn.isLive) goLive();
        break;
      case 'ack':
        onAck(frame.seq);
        break;
      case 'error':
        console.error('violetear: the server reported an error: ' + frame.message);
        break;
      case 'pong':
        // The answer to a heartbeat ping: arriving was all it had to do.
        break;
      default:
        console.error('violetear: ignored a frame of unknown type ' + quote(frame.t) + ' from the '
            + 'server (known: welcome, invoke, emit, ack, pong, error); is violetear.js older than the '
            + 'server?');
    }
  }

  /**
   * @private Acknowledges the server's frames up to lastReceived: at once after ACK_EVERY of
   * them, otherwise ACK_DELAY_MS after the first. Acks skip the queue; one lost with its socket
   * costs nothing, since the next socket names lastReceived in its URL.
   */
  function scheduleAck(conn) {
    if (lastReceived - lastAcked >= ACK_EVERY) {
      sendAck(conn);
    } else if (ackTimer === null) {
      ackTimer = global.setTimeout(function () {
        ackTimer = null;
        if (conn === current) sendAck(conn);
      }, ACK_DELAY_MS);
    }
  }

  /** @private */
  function sendAck(conn) {
    if (conn.ws.readyState !== SOCKET_OPEN || lastAcked >= lastReceived) return;
    conn.ws.send('{"t":"ack","seq":' + lastReceived + '}');
    lastAcked = lastReceived;
  }

  /** @private Forgets the sent frames up to `seq`: the server has started (so will finish) them. */
  function onAck(seq) {
    if (typeof seq !== 'number') return;
    while (unacked.length > 0 && unacked[0].seq <= seq) unacked.shift();
  }

  /**
   * @private The welcome frame establishes the connection. When it names the last seq the
   * server processed for this session, the frames after it go out again first, in order.
   */
  function onWelcome(conn, frame) {
    if (hadWelcome && frame.resumed === false) {
      // The server forgot this page (it was away too long, or fell too far behind). Frames it had
      // not acknowledged may have run, so sending them again could run them twice: drop them.
      if (unacked.length > 0) {
        console.warn('violetear: the server could not resume this page\'s session, so '
            + unacked.length + ' sent but unacknowledged message(s) were dropped rather than '
            + 'risk running them twice; the resume_failed handlers run next.');
      }
      unacked = [];
      lastReceived = lastAcked = 0;
      // The fresh session expects the next frame to follow its lastSeq (0): renumber the queue.
      renumber(typeof frame.lastSeq === 'number' ? frame.lastSeq : 0);
      isResumeFailed = true;
    } else if (typeof frame.lastSeq === 'number') {
      onAck(frame.lastSeq);
      outgoing = unacked.concat(outgoing);
    }
    hadWelcome = true;
    global.clearTimeout(conn.timer);
    conn.timer = null;
    // A server that announces no heartbeat (an older one) gets none.
    if (frame.heartbeat > 0) heartbeat(conn, frame.heartbeat, false);
    pace.rate = typeof frame.rate === 'number' ? frame.rate : 0;
    maxBytes = frame.maxBytes > 0 ? frame.maxBytes : 0;
    dropOversize();
    unacked = [];
    currentClientId = frame.clientId === undefined ? null : frame.clientId;
    // The server resends what this page missed right after the welcome, up to seq `replay`:
    // connect waits for those frames, so that a connect handler that reloads state runs last.
    conn.replayTo = typeof frame.replay === 'number' ? frame.replay : 0;
    conn.isEstablished = true;
    backoff.reset();
    goLive();
  }

  /**
   * @private Checks an established socket once every `interval` ms, with the connect timer's slot
   * (detach clears it): after an interval that brought no frame it sends a ping, which the server
   * answers at once; when the interval after the ping brought nothing either, the socket is
   * half-open and is replaced. Browsers answer the server's own pings, which pages cannot see.
   */
  function heartbeat(conn, interval, pinged) {
    conn.heard = false;
    conn.timer = global.setTimeout(function () {
      conn.timer = null;
      if (conn !== current) return;
      if (conn.heard) {
        heartbeat(conn, interval, false);
      } else if (!pinged) {
        conn.ws.send('{"t":"ping"}');
        heartbeat(conn, interval, true);
      } else {
        console.warn('violetear: the socket brought nothing for ' + 2 * interval + ' ms, not even '
            + 'the answer to a ping, so the connection is lost; reconnecting.');
        abandon(conn, CLOSE_NO_HEARTBEAT);
      }
    }, interval);
  }

  /** @private Whether the frames the server resends after the welcome have all arrived. */
  function isReplayed(conn) {
    return lastReceived >= conn.replayTo;
  }

  /**
   * @private Once established, replayed and ready finished: flush the queue, then fire connect.
   */
  function goLive() {
    var conn = current;
    if (!conn || !conn.isEstablished || conn.isLive || !isReadyFinished || !isReplayed(conn)) {
      return;
    }
    conn.isLive = true;
    flush();
    if (isResumeFailed) {
      isResumeFailed = false;
      fire(EVENT_RESUME_FAILED, undefined);
    }
    fire(EVENT_CONNECT, undefined);
  }

  /**
   * @private Forgets the current connection; with `reconnect`, schedules the next one first (so
   * `state` reads 'connecting' in the disconnect handlers); fires disconnect if it was live.
   */
  function detach(conn, reconnect) {
    current = null;
    if (conn.timer !== null) {
      global.clearTimeout(conn.timer);
      conn.timer = null;
    }
    if (ackTimer !== null) {
      global.clearTimeout(ackTimer);
      ackTimer = null;
    }
    conn.ws.onmessage = conn.ws.onclose = conn.ws.onerror = null;
    if (reconnect) backoff.schedule(openSocket);
    if (conn.isLive) {
      conn.isLive = false;
      fire(EVENT_DISCONNECT, undefined);
    }
  }

  /** @private The socket closed without the page asking (disconnect() detaches first). */
  function onConnClose(conn) {
    detach(conn, isWanted);
  }

  /** @private Delivers an invoke or emit frame from the server. */
  function deliver(frame) {
    if (frame.t === 'emit') {
      if (typeof frame.event !== 'string' || frame.event === ''
          || LIFECYCLE_EVENTS.indexOf(frame.event) >= 0) {
        console.error('violetear: ignored an emit from the server with event ' + quote(frame.event)
            + '; events must be custom, non-empty names.');
        return;
      }
      fire(frame.event, frame.data);
      return;
    }
    var name = frame.fn;
    var fn = typeof name === 'string' ? registry.get(KIND_REALTIME).get(name) : undefined;
    if (!fn) {
      console.error('violetear: the server invoked ' + quote(name) + ', which is not a registered '
          + '@Client.Realtime function: register the class with app.register(...) and mark the '
          + 'method @Client.Realtime.');
      return;
    }
    if (!Array.isArray(frame.args)) {
      console.error('violetear: ignored an invoke of ' + quote(name) + ' from the server whose '
          + 'args are ' + kindOf(frame.args) + ' instead of an array.');
      return;
    }
    guard(fn, frame.args, function (err) {
      console.error('violetear: @Client.Realtime ' + quote(name) + ' threw:', err);
    });
  }

  /**
   * Opens the socket: again after `disconnect()`, or for the first time on an idle page (one
   * rendered with `<meta name="violetear-socket" content="lazy">`), e.g. to receive server emits
   * that page code subscribed to with `on`. A no-op while a socket is open or opening.
   * Reconnects after a lost connection happen by themselves.
   */
  function connect() {
    isWanted = true;
    isIdle = false;
    if (current) return;
    backoff.reset();
    openSocket();
  }

  /**
   * Closes the socket cleanly and stops reconnecting until `connect()`. Fires `disconnect` at
   * once if the connection was live. Calls and emits keep queueing (up to maxQueue).
   */
  function disconnect() {
    closeFor(CLOSE_NORMAL, 'violetear.disconnect()');
  }

  /** @private disconnect(), telling the server why with `code`. */
  function closeFor(code, reason) {
    isWanted = false;
    isIdle = false;
    backoff.reset();
    var conn = current;
    if (!conn) return;
    detach(conn, false);
    conn.ws.close(code, reason);
  }

  /**
   * @private Whether the page left with a wanted connection, to reopen it when the back/forward
   * cache shows the page again.
   */
  var isResumable = false;

  /**
   * @private A page that goes into the back/forward cache keeps its socket open unless it is
   * closed here, so the server would never learn that the user left (no `disconnect` handlers).
   * Either way the page tells the server it left, so that its page session ends at once
   * (`page_close`: presence is right as soon as the user navigates away) rather than when the
   * grace period runs out. A page shown again from the cache is a new page for the server: it
   * reconnects, the resume fails and `resume_failed` lets it reload its state.
   */
  function onPageHide() {
    // An idle page has nothing open and stays idle, so that coming back opens nothing either.
    isResumable = isWanted && !isIdle;
    if (isResumable) closeFor(CLOSE_PAGE_GONE, 'page closed');
  }

  /** @private The page is shown again from the back/forward cache: reconnect as before. */
  function onPageShow(event) {
    if (event && event.persisted && isResumable) {
      isResumable = false;
      connect();
    }
  }

  /** @private See the `state` getter of the public object. */
  function connectionState() {
    if (isIdle) return STATE_IDLE;
    if (current) return current.isLive ? STATE_OPEN : STATE_CONNECTING;
    return backoff.timer !== null ? STATE_CONNECTING : STATE_CLOSED;
  }

  // ---- registry: filled by the compiled bundle ---------------------------------------------

  /** @private kind -> Map(name -> fn). */
  var registry = new Map(KINDS.map(function (kind) { return [kind, new Map()]; }));

  /**
   * Registers a function of the compiled bundle. Called by the generated entry point.
   * @param {string} kind 'callback' (fn receives the DOM event) or 'realtime' (fn receives the
   *     argument array of each invoke frame from the server)
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

  /** @private Ready is finished: go live if established, then deliver the held frames. */
  function finishReady() {
    isReadyFinished = true;
    readyWaits = [];
    // Frames a resume replayed while ready ran still come before connect; the rest after it.
    var replayTo = current && current.isEstablished && !current.isLive ? current.replayTo : 0;
    var held = inbound;
    inbound = [];
    while (held.length > 0 && typeof held[0].seq === 'number' && held[0].seq <= replayTo) {
      deliver(held.shift());
    }
    goLive();
    held.forEach(deliver);
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
      configure: configure,
      connect: connect,
      disconnect: disconnect,
      /**
       * 'open' while the connection is live (from just before the `connect` handlers run until
       * the connection is lost); 'connecting' while a socket is opening, waits for the welcome
       * or for the ready handlers, or a reconnect is scheduled; 'closed' after `disconnect()`;
       * 'idle' on a lazy page that has not needed the server yet (no socket was ever opened; the
       * first `call`, `emit` or `connect()` opens one).
       * @return {string}
       */
      get state() { return connectionState(); },
      /** @return {?string} the id of the last welcome frame, or null before the first one */
      get clientId() { return currentClientId; }
    }),
    enumerable: true
  });

  if (typeof global.addEventListener === 'function') {
    global.addEventListener('pagehide', onPageHide);
    global.addEventListener('pageshow', onPageShow);
  }
  if (isLazyPage()) isIdle = true;
  else openSocket();
})(typeof window !== 'undefined' ? window : this);
