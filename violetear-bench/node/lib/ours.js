// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * A client of the framework's socket protocol that behaves like violetear.js on the wire
 * (violetear-server/src/main/js/violetear.js): the same URL, frame texts, acks (in the next
 * call, else batched), resume on reconnect and pacing, so the server cannot tell it from a
 * browser tab and does the same work per message.
 */
const crypto = require('crypto');
const WebSocket = require('ws');

const DEFAULT_PATH = '/_violetear/ws';
const SESSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// The runtime's constants: the server sizes its per-page buffer (4,096 frames) around them.
const ACK_EVERY = 64;
const ACK_DELAY_MS = 3000;
const PACE_WINDOW_MS = 250;
const RETRY_FLOOR_MS = 100;
const RETRY_CAP_MS = 2000;
/** The runtime's close code for a page unloading for good (CLOSE_PAGE_GONE in violetear-socket.js). */
const PAGE_GONE = 4001;

/** 24 URL-safe characters, as the runtime's newSessionId(). */
function newSessionId() {
  const bytes = crypto.randomBytes(24);
  let id = '';
  for (let i = 0; i < 24; i++) id += SESSION_ALPHABET[bytes[i] % 64];
  return id;
}

/**
 * The text of a call frame up to its seq, so a closed loop sending one payload over and over
 * serializes it once. Key order t, fn, args, seq is the runtime's (seq is set after the rest).
 */
function callPrefix(fn, args) {
  return '{"t":"call","fn":' + JSON.stringify(fn) + ',"args":' + JSON.stringify(args) + ',"seq":';
}

class OursConn {
  /**
   * options: base (ws://host:port), path, deflate, localAddress, timeoutMs, cookie (the
   * client cookie to send on every upgrade, without which the server cannot resume);
   * keepUnacked: keep sent calls until acked and resend them after a reconnect (storm);
   * reconnect: reopen the same page session when the socket drops;
   * pace: send at most 3/4 of the welcome's rate, as the runtime does;
   * onMessage(fn, firstArg) for invoke frames, onClose(code, reason) when a socket that will
   * not be reopened closes, onWelcome(conn, frame), onErrorFrame(frame).
   */
  constructor(options) {
    this.options = options;
    this.sessionId = newSessionId();
    this.ws = null;
    this.established = false;
    this.wanted = true;
    this.hadWelcome = false;
    this.welcomeTimer = null;
    this.retryTimer = null;
    this.tries = 0;
    // Server -> client seqs.
    this.lastReceived = 0;
    this.lastAcked = 0;
    this.ackTimer = null;
    this.duplicateResends = 0;
    // Client -> server seqs.
    this.lastSeq = 0;
    this.ackedSeq = 0;
    this.outgoing = [];
    this.unacked = [];
    this.pace = { rate: 0, sent: 0, timer: null };
    this.resumeFailed = 0;
    this.droppedUnacked = 0;
    this.errors = 0;
    this.lastError = null;
    this.firstWelcome = null;
  }

  /** Opens the first socket; resolves on its welcome, rejects if it closes or times out first. */
  open() {
    return new Promise((resolve, reject) => {
      this.firstWelcome = { resolve, reject };
      this.openSocket();
    });
  }

  openSocket() {
    const { base, path = DEFAULT_PATH, deflate, localAddress, timeoutMs = 10000, cookie } = this.options;
    const url = `${base}${path}?session=${this.sessionId}&received=${this.lastReceived}`;
    // The URL acknowledges everything received so far.
    this.lastAcked = this.lastReceived;
    const ws = new WebSocket(url, {
      perMessageDeflate: deflate ? { threshold: 0 } : false,
      localAddress,
      handshakeTimeout: timeoutMs,
      headers: cookie ? { Cookie: cookie } : undefined,
    });
    this.ws = ws;
    this.established = false;
    ws.on('message', (data, isBinary) => {
      if (ws === this.ws) this.onFrame(isBinary ? null : data.toString());
    });
    ws.on('error', (err) => {
      this.lastError = err.message;
    });
    ws.on('close', (code, reason) => {
      if (ws === this.ws) this.onSocketClose(code, reason.toString());
    });
    this.welcomeTimer = setTimeout(() => {
      this.welcomeTimer = null;
      if (ws !== this.ws || this.established) return;
      this.lastError = `no welcome within ${timeoutMs} ms`;
      ws.terminate();
    }, timeoutMs);
  }

  onFrame(text) {
    let frame = null;
    try {
      frame = text === null ? null : JSON.parse(text);
    } catch (err) {
      frame = null;
    }
    if (!frame || typeof frame !== 'object') {
      this.fault(`a frame that is not a JSON object: ${String(text).slice(0, 120)}`);
      return;
    }
    switch (frame.t) {
      case 'invoke':
      case 'emit':
        // As the runtime: the server may acknowledge our frames in one of its own.
        this.onAck(frame.ack);
        if (typeof frame.seq === 'number') {
          // The server resends what we had not acked after a reconnect: we already have it.
          if (frame.seq <= this.lastReceived) {
            this.duplicateResends++;
            return;
          }
          this.lastReceived = frame.seq;
          this.scheduleAck();
        }
        if (frame.t === 'invoke') {
          this.options.onMessage(frame.fn, Array.isArray(frame.args) ? frame.args[0] : undefined, frame);
        }
        break;
      case 'ack':
        this.onAck(frame.seq);
        break;
      case 'welcome':
        this.onWelcome(frame);
        break;
      case 'error':
        this.errors++;
        if (this.options.onErrorFrame) this.options.onErrorFrame(frame);
        break;
      default:
        this.fault(`a frame of unknown type '${frame.t}'`);
    }
  }

  fault(message) {
    this.errors++;
    this.lastError = message;
    if (this.options.onErrorFrame) this.options.onErrorFrame({ t: 'client', message });
  }

  scheduleAck() {
    if (this.lastReceived - this.lastAcked >= ACK_EVERY) {
      this.sendAck();
    } else if (this.ackTimer === null) {
      this.ackTimer = setTimeout(() => {
        this.ackTimer = null;
        this.sendAck();
      }, ACK_DELAY_MS);
    }
  }

  sendAck() {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN || this.lastAcked >= this.lastReceived) return;
    // Byte for byte the runtime's text: the server reads it without a JSON parser.
    this.ws.send('{"t":"ack","seq":' + this.lastReceived + '}');
    this.lastAcked = this.lastReceived;
  }

  /** As the runtime: a frame the page sends acknowledges what it received, when an ack is due. */
  withAck(text) {
    if (this.lastAcked >= this.lastReceived) return text;
    this.lastAcked = this.lastReceived;
    if (this.ackTimer !== null) {
      clearTimeout(this.ackTimer);
      this.ackTimer = null;
    }
    const at = text.lastIndexOf('"seq":');
    return text.slice(0, at) + '"ack":' + this.lastReceived + ',' + text.slice(at);
  }

  onAck(seq) {
    if (typeof seq !== 'number') return;
    if (seq > this.ackedSeq) this.ackedSeq = seq;
    const unacked = this.unacked;
    let drop = 0;
    while (drop < unacked.length && unacked[drop].seq <= seq) drop++;
    if (drop > 0) unacked.splice(0, drop);
  }

  onWelcome(frame) {
    if (this.hadWelcome && frame.resumed === false) {
      // As the runtime: calls the server may or may not have run are dropped, never run twice.
      this.resumeFailed++;
      this.errors++;
      this.droppedUnacked += this.unacked.length;
      this.unacked = [];
      this.lastReceived = this.lastAcked = 0;
      // As the runtime: the fresh session runs only the seq after its lastSeq, so renumber.
      let last = typeof frame.lastSeq === 'number' ? frame.lastSeq : 0;
      for (const entry of this.outgoing) {
        entry.seq = ++last;
        entry.text = entry.text.slice(0, entry.text.lastIndexOf('"seq":')) + '"seq":' + last + '}';
      }
      this.lastSeq = last;
    } else if (typeof frame.lastSeq === 'number') {
      this.onAck(frame.lastSeq);
      this.outgoing = this.unacked.concat(this.outgoing);
      this.unacked = [];
    }
    if (this.welcomeTimer !== null) {
      clearTimeout(this.welcomeTimer);
      this.welcomeTimer = null;
    }
    const isReconnect = this.hadWelcome;
    this.hadWelcome = true;
    this.welcome = frame;
    this.pace.rate = typeof frame.rate === 'number' ? frame.rate : 0;
    this.established = true;
    this.tries = 0;
    this.flush();
    if (this.options.onWelcome) this.options.onWelcome(this, frame, isReconnect);
    if (this.firstWelcome) {
      this.firstWelcome.resolve(this);
      this.firstWelcome = null;
    }
  }

  /** Queues a call frame whose text up to the seq is `prefix` (see callPrefix). */
  send(prefix) {
    const seq = ++this.lastSeq;
    const text = prefix + seq + '}';
    if (!this.options.keepUnacked) {
      // The closed loop only sends on a live socket and never resends: skip the bookkeeping.
      if (this.established && this.ws.readyState === WebSocket.OPEN) this.ws.send(this.withAck(text));
      return seq;
    }
    this.outgoing.push({ seq, text });
    this.flush();
    return seq;
  }

  flush() {
    const ws = this.ws;
    let sent = 0;
    while (this.established && sent < this.outgoing.length && ws.readyState === WebSocket.OPEN) {
      if (this.options.pace && !this.takeSendSlot()) break;
      const entry = this.outgoing[sent++];
      ws.send(this.withAck(entry.text));
      if (this.options.keepUnacked) this.unacked.push(entry);
    }
    if (sent > 0) this.outgoing.splice(0, sent);
  }

  /** The runtime's pacing: windows of 250 ms, each allowing 3/4 of the announced rate. */
  takeSendSlot() {
    const pace = this.pace;
    if (!(pace.rate > 0)) return true;
    if (pace.timer === null) {
      pace.sent = 0;
      pace.timer = setTimeout(() => {
        pace.timer = null;
        this.flush();
      }, PACE_WINDOW_MS);
    }
    const budget = Math.max(1, Math.floor((pace.rate * 0.75 * PACE_WINDOW_MS) / 1000));
    if (pace.sent >= budget) return false;
    pace.sent++;
    return true;
  }

  onSocketClose(code, reason) {
    const wasEstablished = this.established;
    this.established = false;
    this.clearTimers();
    if (!this.hadWelcome && this.firstWelcome) {
      const why = this.lastError || `closed with ${code} ${reason}`.trim();
      this.firstWelcome.reject(new Error(why));
      this.firstWelcome = null;
      return;
    }
    if (!this.wanted) return;
    if (this.options.reconnect) {
      // A dropped live connection reopens at once; failed attempts then back off with jitter
      // so a refused storm does not spin.
      if (wasEstablished) {
        this.openSocket();
      } else {
        const ceiling = Math.min(RETRY_CAP_MS, RETRY_FLOOR_MS * 2 ** this.tries++);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          if (this.wanted) this.openSocket();
        }, RETRY_FLOOR_MS + Math.round(Math.random() * ceiling));
      }
      return;
    }
    if (this.options.onClose) this.options.onClose(code, reason, this.lastError);
  }

  clearTimers() {
    for (const name of ['welcomeTimer', 'ackTimer', 'retryTimer']) {
      if (this[name] !== null) {
        clearTimeout(this[name]);
        this[name] = null;
      }
    }
    if (this.pace.timer !== null) {
      clearTimeout(this.pace.timer);
      this.pace.timer = null;
    }
  }

  /** Drops the TCP connection without a close frame, as a network failure would. */
  cut() {
    if (this.ws) this.ws.terminate();
  }

  /**
   * Leaves the page, as the runtime does on `pagehide`: code 4001 tells the server the page is
   * gone for good, so its session ends now instead of buffering every later frame for the resume
   * grace period (a 1000 close left each scenario's sockets as sessions held for 30 s, and the
   * broadcast after the 1,000-socket echoes also sent to those 4,000 away pages).
   */
  close() {
    this.wanted = false;
    this.clearTimers();
    if (!this.ws) return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(PAGE_GONE, 'page closed');
    else if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }

  /** Calls sent or queued that the server has not acknowledged yet. */
  pending() {
    return this.unacked.length + this.outgoing.length;
  }
}

/** Opens one page session; see OursConn for the options. */
function connect(options) {
  return new OursConn(options).open();
}

module.exports = { connect, callPrefix, newSessionId, OursConn, DEFAULT_PATH, ACK_EVERY, ACK_DELAY_MS };
