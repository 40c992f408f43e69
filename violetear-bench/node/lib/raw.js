// SPDX-License-Identifier: Apache-2.0
'use strict';

/** The raw WebSocket baseline: text frames echoed or pushed as they are, no envelope. */
const WebSocket = require('ws');

const DEFAULT_PATH = '/echo';

/**
 * Opens one socket; resolves when it is open. `onMessage(name, payload)` gets name null and the
 * frame as a Buffer: decoding to a string only when a mode needs it keeps the client cheap.
 */
function connect({ base, path = DEFAULT_PATH, deflate, localAddress, timeoutMs = 10000, onMessage, onClose }) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(base + path, {
      // threshold 0 compresses every frame, as browsers do; the ws default skips small ones.
      perMessageDeflate: deflate ? { threshold: 0 } : false,
      localAddress,
      handshakeTimeout: timeoutMs,
    });
    const conn = new RawConn(ws);
    let opened = false;
    ws.on('open', () => {
      opened = true;
      resolve(conn);
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) onMessage(null, data);
    });
    ws.on('error', (err) => {
      if (!opened) reject(err);
      else conn.lastError = err.message;
    });
    ws.on('close', (code, reason) => {
      if (opened && !conn.closing && onClose) onClose(code, reason.toString(), conn.lastError);
    });
  });
}

class RawConn {
  constructor(ws) {
    this.ws = ws;
    this.closing = false;
    this.lastError = null;
  }

  send(text) {
    this.ws.send(text);
  }

  close() {
    this.closing = true;
    // A close frame lets the server end the connection as it would for a browser tab.
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    else if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}

module.exports = { connect, DEFAULT_PATH };
