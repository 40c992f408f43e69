// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * One entry point over the three protocols, so each mode is written once and the protocols
 * differ only in how a payload is framed and what the reply is called.
 */
const raw = require('./raw');
const sio = require('./sio');
const ours = require('./ours');
const { socketBase, httpBase, localAddressFor, openBatched, withTimeout } = require('./common');
const { log, sleep } = require('./out');
const { fetchCookie } = require('./cookie');

// WebSocket.CLOSED in ws.
const CLOSED = 3;

const PROTOS = ['ours', 'ws', 'sio'];

/** What the server calls its echo reply and its broadcast, per protocol (null: any text frame). */
const NAMES = {
  ours: { reply: 'Echo.back', tick: 'Echo.tick' },
  ws: { reply: null, tick: null },
  sio: { reply: 'back', tick: 'tick' },
};

let errorFramesShown = 0;

/** The first few error frames explain a failing run; thousands of copies would not. */
function showErrorFrame(index, frame) {
  if (errorFramesShown++ < 3) log(`socket ${index}: server error frame:`, frame);
}

/**
 * Opens `params.sockets` connections of `proto`, at most `params.batch` handshakes at a time.
 * params: url, sockets, batch, deflate, timeoutMs, path, cookieUrl (ours: GET it for a client
 * cookie per socket, as a page load would), and per-mode hooks:
 * onMessage(index, name, payload), onClose(index, detail), and for storm: reconnect,
 * keepUnacked, pace, onReconnect(index, conn).
 */
function openAll(proto, params) {
  if (!PROTOS.includes(proto)) throw new Error(`--proto must be one of ${PROTOS.join(', ')}, got '${proto}'`);
  const { sockets, batch = 200, timeoutMs = 10000 } = params;
  return openBatched(sockets, batch, (index) =>
    // Socket.IO's own timeout covers only the handshake, not a server that never answers.
    withTimeout(openOne(proto, index, params), timeoutMs + 2000, `opening socket ${index}`));
}

async function openOne(proto, index, params) {
  const localAddress = localAddressFor(index, params.sockets);
  const onMessage = (name, payload) => params.onMessage(index, name, payload);
  const onClose = (...detail) => {
    if (params.onClose) params.onClose(index, detail.filter((d) => d !== undefined && d !== null && d !== '').join(' '));
  };
  const timeoutMs = params.timeoutMs || 10000;
  if (proto === 'ws') {
    return raw.connect({ base: socketBase(params.url), path: params.path, deflate: params.deflate, localAddress, timeoutMs, onMessage, onClose });
  }
  if (proto === 'sio') {
    return sio.connect({
      url: httpBase(params.url),
      localAddress,
      timeoutMs,
      reconnect: Boolean(params.reconnect),
      onMessage,
      onClose,
      onConnect: (conn, isReconnect) => {
        if (isReconnect && params.onReconnect) params.onReconnect(index, conn);
      },
    });
  }
  // One cookie per socket: each stands for another browser, so Echo.back reaches one page.
  const cookie = params.cookieUrl ? await fetchCookie(params.cookieUrl) : undefined;
  return ours.connect({
    base: socketBase(params.url),
    cookie,
    path: params.path,
    deflate: params.deflate,
    localAddress,
    timeoutMs,
    keepUnacked: Boolean(params.keepUnacked),
    reconnect: Boolean(params.reconnect),
    pace: Boolean(params.pace),
    onMessage,
    onClose,
    onErrorFrame: (frame) => showErrorFrame(index, frame),
    onWelcome: (conn, frame, isReconnect) => {
      if (isReconnect && params.onReconnect) params.onReconnect(index, conn);
    },
  });
}

/**
 * A function that sends `text` as one echo request on a connection: ours wraps it in a call of
 * Echo.echo (serialized once per distinct text), the others send it as it is.
 */
function echoSender(proto) {
  if (proto !== 'ours') return (conn, text) => conn.send(text);
  let lastText = null;
  let lastPrefix = null;
  return (conn, text) => {
    if (text !== lastText) {
      lastText = text;
      lastPrefix = ours.callPrefix('Echo.echo', [text]);
    }
    return conn.send(lastPrefix);
  };
}

/** The text of a payload that may arrive as a Buffer (raw ws) or a string. */
function asText(payload) {
  return typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : String(payload);
}

/** Errors the connections counted themselves (error frames, failed resumes). */
function connErrors(conns) {
  let errors = 0;
  for (const conn of conns) if (conn && conn.errors) errors += conn.errors;
  return errors;
}

/** Whether the server accepted permessage-deflate on this connection (ws and ours only). */
function negotiatedDeflate(conn) {
  const ws = conn && conn.ws;
  return Boolean(ws && typeof ws.extensions === 'string' && ws.extensions.includes('permessage-deflate'));
}

/**
 * Closes every connection, as its page leaving would, and waits (at most `ms`) until each
 * WebSocket has finished its close, so that the server has read every close frame before the
 * process exits: a close lost with the process would leave the page's session held for its
 * resume grace period.
 */
async function closeAll(conns, ms = 2000) {
  const closing = [];
  for (const conn of conns) {
    if (!conn) continue;
    const ws = conn.ws;
    if (ws && ws.readyState !== CLOSED) closing.push(new Promise((resolve) => ws.once('close', resolve)));
    conn.close();
  }
  await Promise.race([Promise.all(closing), sleep(ms)]);
}

module.exports = { PROTOS, NAMES, openAll, echoSender, asText, connErrors, negotiatedDeflate, closeAll };
