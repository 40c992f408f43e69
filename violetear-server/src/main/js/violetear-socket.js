// SPDX-License-Identifier: Apache-2.0
/*
 * violetear-socket.js: the socket half of the browser runtime of Violetear for Java: the
 * connection to `<base>/ws`, the outgoing queue's sending (seqs, acknowledgements, pacing, resume
 * after a drop), the heartbeat, the reconnect backoff and the delivery of the server's invokes and
 * emits. violetear.js keeps everything else (bus, registry, hydration, rpc, lifecycle, the public
 * `window.violetear` and the queue of frames itself), so that a page that only binds callbacks and
 * calls RPCs never downloads this part: see violetear.js, "socket half", for when a page loads it.
 * Built, shipped and tested like violetear.js (src/build/runtime.sh).
 *
 * It runs before violetear.js: this script only leaves an install function on
 * `window.violetearSocket`, and violetear.js takes it (deleting the global) and calls it once with
 * its internals, at its own load on a page that lists this script first, or when it loaded this
 * script itself. Nothing else of the runtime is global, and the public object stays one frozen
 * `window.violetear` either way.
 *
 * Lifecycle rules (docs/design.md, ordering and delivery):
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
 * Sections: constants, backoff, queue, socket (with delivery), install.
 */
(function (global) {
  'use strict';

  // ---- constants ---------------------------------------------------------------------------

  var SOCKET_PATH = '/ws';
  var EVENT_CONNECT = 'connect';
  var EVENT_DISCONNECT = 'disconnect';
  var EVENT_RESUME_FAILED = 'resume_failed';
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
  var BACKOFF_FLOOR_MS = 100;
  var BACKOFF_BASE_MS = 200;
  var BACKOFF_CAP_MS = 10000;
  /**
   * Server frames are acknowledged in the next frame the page sends (see withAck), else in
   * batches: after this many, or this long after the first unacknowledged one, whichever comes
   * first. An ack only frees the server's copy of frames the page already has, and ACK_EVERY
   * bounds those, so a slow trickle is acknowledged every 3 s: at
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

  var console = global.console;
  /** @private violetear.js's internals and the ones used here, set by install(). */
  var base, fire, guard, quote, kindOf, options;
  /**
   * @private The queue, shared with violetear.js, which appends to it: `out` holds the frames
   * not yet sent, oldest first, as {seq, text} (each text ends with its seq, see renumber);
   * `unacked` those sent but not yet acknowledged (a welcome that tells the last seq the server
   * processed for this page's session drops those and resends the rest, so a frame in flight
   * when a connection dropped is neither lost nor run twice); `seq` the last queued frame's seq.
   */
  var q;
  /** @private Names this page load's session, so that the server can resume it. */
  var sessionId = newSessionId();

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
    if (!options.backoff) return defaultBackoff(tries);
    var delay = options.backoff(tries);
    if (typeof delay === 'number' && isFinite(delay) && delay >= 0) return delay;
    console.error('violetear: the backoff function given to violetear.configure returned '
        + String(delay) + ' for tries=' + tries + '; it must return a delay in milliseconds '
        + '(a number >= 0). Using the default delay.');
    return defaultBackoff(tries);
  }


  // ---- queue: sending the frames violetear.js queues, paced ------------------------------

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
    if (maxBytes <= 0 || q.out.length === 0) return;
    var kept = q.out.filter(function (entry) { return !isOversize(entry.text); });
    if (kept.length === q.out.length) return;
    console.error('violetear: dropped ' + (q.out.length - kept.length) + ' queued message(s) '
        + 'larger than the server accepts (' + maxBytes + ' bytes, AppConfig.maxRequestBytes); '
        + 'send less at once.');
    var before = q.out[0].seq - 1;
    q.out = kept;
    renumber(before);
  }

  /**
   * @private Numbers the unsent frames from `last` + 1 on. A frame's text ends with its seq (the
   * last key enqueue gave it), so only that tail changes.
   */
  function renumber(last) {
    for (var i = 0; i < q.out.length; i++) {
      var entry = q.out[i];
      entry.seq = ++last;
      entry.text = entry.text.slice(0, entry.text.lastIndexOf('"seq":')) + '"seq":' + last + '}';
    }
    q.seq = last;
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
    while (conn && conn.isLive && q.out.length > 0 && conn.ws.readyState === SOCKET_OPEN) {
      if (!takeSendSlot()) return;
      conn.ws.send(withAck(q.out[0].text));
      q.unacked.push(q.out.shift());
    }
  }

  /**
   * @private `text`, a queued frame, acknowledging the server's frames up to lastReceived too
   * when an ack is due: a page that answers what the server sent frees the server's copy in the
   * same frame, without an ack of its own. The queue keeps the text without it, since a resend
   * goes to a socket whose URL acknowledges.
   */
  function withAck(text) {
    if (lastAcked >= lastReceived) return text;
    lastAcked = lastReceived;
    if (ackTimer !== null) {
      global.clearTimeout(ackTimer);
      ackTimer = null;
    }
    var at = text.lastIndexOf('"seq":');
    return text.slice(0, at) + '"ack":' + lastReceived + ',' + text.slice(at);
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
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
        + base.resolveBase() + SOCKET_PATH + '?session=' + sessionId + '&received=' + lastReceived
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
        if (base.isReady()) deliver(frame);
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
    while (q.unacked.length > 0 && q.unacked[0].seq <= seq) q.unacked.shift();
  }

  /**
   * @private The welcome frame establishes the connection. When it names the last seq the
   * server processed for this session, the frames after it go out again first, in order.
   */
  function onWelcome(conn, frame) {
    if (hadWelcome && frame.resumed === false) {
      // The server forgot this page (it was away too long, or fell too far behind). Frames it had
      // not acknowledged may have run, so sending them again could run them twice: drop them.
      if (q.unacked.length > 0) {
        console.warn('violetear: the server could not resume this page\'s session, so '
            + q.unacked.length + ' sent but unacknowledged message(s) were dropped rather than '
            + 'risk running them twice; the resume_failed handlers run next.');
      }
      q.unacked = [];
      lastReceived = lastAcked = 0;
      // The fresh session expects the next frame to follow its lastSeq (0): renumber the queue.
      renumber(typeof frame.lastSeq === 'number' ? frame.lastSeq : 0);
      isResumeFailed = true;
    } else if (typeof frame.lastSeq === 'number') {
      onAck(frame.lastSeq);
      q.out = q.unacked.concat(q.out);
    }
    hadWelcome = true;
    global.clearTimeout(conn.timer);
    conn.timer = null;
    // A server that announces no heartbeat (an older one) gets none.
    if (frame.heartbeat > 0) heartbeat(conn, frame.heartbeat, false);
    pace.rate = typeof frame.rate === 'number' ? frame.rate : 0;
    maxBytes = frame.maxBytes > 0 ? frame.maxBytes : 0;
    dropOversize();
    q.unacked = [];
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
    if (!conn || !conn.isEstablished || conn.isLive || !base.isReady() || !isReplayed(conn)) {
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
          || base.lifecycle.indexOf(frame.event) >= 0) {
        console.error('violetear: ignored an emit from the server with event ' + quote(frame.event)
            + '; events must be custom, non-empty names.');
        return;
      }
      fire(frame.event, frame.data);
      return;
    }
    var name = frame.fn;
    var fn = typeof name === 'string' ? base.realtime(name) : undefined;
    if (!fn) {
      console.error('violetear: the server invoked ' + quote(name) + ', which is not a registered '
          + '@Client.Realtime function: register the class with app.register(...) and mark the '
          + 'method @Client.Realtime.');
      return;
    }
    // Ignored, not an error: the server addresses clients, not pages, and another tab of this
    // client may show the class's page. A shared state's value ('@Class.field') follows its class.
    var owner = name.slice(name.charAt(0) === '@' ? 1 : 0, name.lastIndexOf('.'));
    if (!base.isActive(owner)) return;
    if (!Array.isArray(frame.args)) {
      console.error('violetear: ignored an invoke of ' + quote(name) + ' from the server whose '
          + 'args are ' + kindOf(frame.args) + ' instead of an array.');
      return;
    }
    guard(fn, frame.args, function (err) {
      console.error('violetear: @Client.Realtime ' + quote(name) + ' threw:', err);
    });
  }

  /** @private violetear.connect(). */
  function connect() {
    isWanted = true;
    isIdle = false;
    if (current) return;
    backoff.reset();
    openSocket();
  }

  /** @private violetear.disconnect(). */
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

  /** @private The `state` getter of the public object. */
  function connectionState() {
    if (isIdle) return STATE_IDLE;
    if (current) return current.isLive ? STATE_OPEN : STATE_CONNECTING;
    return backoff.timer !== null ? STATE_CONNECTING : STATE_CLOSED;
  }

  // ---- install -----------------------------------------------------------------------------

  /** @private Ready is finished: go live if established, then deliver the held frames. */
  function onReady() {
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
   * @private Why the queue is full, for violetear.js's error, when the connection is live: then it
   * fills because the server's rate or handlers lag behind the page. '' otherwise.
   */
  function whyFull() {
    return current && current.isLive
        ? 'the connection is open, but the server has not acknowledged them yet ('
            + q.unacked.length + ' sent, ' + q.out.length
            + ' paced to the server\'s message rate); send fewer at once'
        : '';
  }

  /** @private Throws when the server would refuse `text`, a frame to queue, as too large. */
  function checkSize(usage, text) {
    if (isOversize(text)) {
      throw new RangeError(usage + ': the message is ' + utf8Length(text) + ' bytes, more than '
          + 'the server accepts (' + maxBytes + ', AppConfig.maxRequestBytes); send less at once.');
    }
  }

  /** @private violetear.js queued a frame: the first one of an idle page opens the socket. */
  function queued() {
    if (isIdle) wake();
    else flush();
  }

  /** @private A class that listens to the server became active: an idle page opens its socket. */
  function activated() {
    if (isIdle) wake();
  }

  /**
   * @private Called once by violetear.js with its internals: starts the socket half (at once on an
   * eager page, on the first need on a lazy one) and returns what violetear.js delegates to.
   */
  function install(internals) {
    base = internals;
    fire = base.fire;
    guard = base.guard;
    quote = base.quote;
    kindOf = base.kindOf;
    options = base.options;
    q = base.queue;
    if (typeof global.addEventListener === 'function') {
      global.addEventListener('pagehide', onPageHide);
      global.addEventListener('pageshow', onPageShow);
    }
    if (base.isLazy) isIdle = true;
    else openSocket();
    return {
      queued: queued,
      activated: activated,
      ready: onReady,
      connect: connect,
      disconnect: disconnect,
      state: connectionState,
      clientId: function () { return currentClientId; },
      whyFull: whyFull,
      checkSize: checkSize
    };
  }

  global.violetearSocket = install;
})(typeof window !== 'undefined' ? window : this);
