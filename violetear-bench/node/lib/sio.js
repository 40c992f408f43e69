// SPDX-License-Identifier: Apache-2.0
'use strict';

/** The Socket.IO 4 baseline: one Manager (so one real connection) per socket. */
const { io } = require('socket.io-client');

const EVENTS = ['back', 'tick'];

/**
 * Opens one socket; resolves on its first 'connect'. options: url (http://host:port),
 * localAddress, timeoutMs, reconnect, onMessage(event, payload), onClose(reason),
 * onConnect(conn, isReconnect).
 */
function connect({ url, localAddress, timeoutMs = 10000, reconnect = false, onMessage, onClose, onConnect }) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      // engine.io-client offers permessage-deflate by default; the baseline runs without it.
      perMessageDeflate: false,
      localAddress,
      timeout: timeoutMs,
      reconnection: reconnect,
      // The storm reconnects at once like our client; failed retries then back off (below).
      // Not 0: the Manager reads 0 as "unset" and waits its default 1 s.
      reconnectionDelay: 1,
      reconnectionDelayMax: 2000,
    });
    const conn = new SioConn(socket);
    let connected = false;
    socket.on('connect', () => {
      const isReconnect = connected;
      connected = true;
      if (isReconnect && !socket.recovered) conn.notRecovered++;
      if (onConnect) onConnect(conn, isReconnect);
      if (!isReconnect) resolve(conn);
    });
    socket.on('connect_error', (err) => {
      conn.lastError = err.message;
      if (!connected) {
        socket.disconnect();
        reject(err);
      }
    });
    socket.io.on('reconnect_attempt', () => {
      // Only the attempt right after the cut is immediate; failures retry with backoff.
      socket.io.reconnectionDelay(100);
    });
    socket.io.on('reconnect', () => socket.io.reconnectionDelay(1));
    socket.on('disconnect', (reason) => {
      // An active socket reconnects by itself (the storm's cut); only a final close is news.
      if (!conn.closing && !(reconnect && socket.active) && onClose) onClose(reason);
    });
    for (const event of EVENTS) socket.on(event, (payload) => onMessage(event, payload));
  });
}

class SioConn {
  constructor(socket) {
    this.socket = socket;
    this.closing = false;
    this.notRecovered = 0;
    this.lastError = null;
  }

  send(payload) {
    this.socket.emit('echo', payload);
  }

  /**
   * Drops the underlying WebSocket without a close frame: the client sees a transport close and
   * reconnects with connection state recovery, as after a network failure (not disconnect(),
   * which would end the session on purpose).
   */
  cut() {
    const transport = this.socket.io.engine && this.socket.io.engine.transport;
    if (transport && transport.ws) transport.ws.terminate();
  }

  close() {
    this.closing = true;
    this.socket.disconnect();
  }
}

module.exports = { connect };
