#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * The Socket.IO 4 baseline server: echo and broadcast, driven by the orchestrator through stdin
 * lines (gc, broadcast <perSecond> <bytes>, stop), each answered with one JSON line on stdout.
 *
 *   node --expose-gc sio-server.js --port P [--recovery] [--host 127.0.0.1]
 */
const http = require('http');
const readline = require('readline');
const { Server } = require('socket.io');
const { parseArgs } = require('./lib/args');
const { emit, log, fail, installCrashHandlers } = require('./lib/out');
const { epochMs, payload } = require('./lib/common');

/** "<t>|<padding>" of exactly `bytes` characters; t never needs more than ~18 of them. */
function tick(bytes, padding) {
  const stamp = epochMs().toFixed(3) + '|';
  return stamp + padding.slice(0, Math.max(0, bytes - stamp.length));
}

function start(opts) {
  const httpServer = http.createServer((req, res) => {
    res.writeHead(404).end();
  });
  const io = new Server(httpServer, {
    transports: ['websocket'],
    perMessageDeflate: false,
    serveClient: false,
    // Above the default 1 MB so a large echo is measured, not refused.
    maxHttpBufferSize: 16 * 1024 * 1024,
    ...(opts.recovery ? { connectionStateRecovery: { maxDisconnectionDuration: 30000 } } : {}),
  });
  io.on('connection', (socket) => {
    socket.on('echo', (data) => socket.emit('back', data));
  });

  let timer = null;
  const stopBroadcast = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const commands = {
    gc: () => {
      if (typeof global.gc !== 'function') throw new Error('gc needs node --expose-gc');
      global.gc();
      emit('gc', { heapUsed: process.memoryUsage().heapUsed });
    },
    // V8 compiles on threads of its own that no API counts: unknown, not zero.
    broadcast: (perSecond, bytes) => {
      const rate = Number(perSecond);
      const size = Number(bytes);
      if (!(rate > 0) || !(size >= 0)) throw new Error('usage: broadcast <perSecond> <bytes>');
      stopBroadcast();
      const padding = payload(size);
      // setInterval cannot go below 1 ms: above 1,000/s send several per tick to keep the rate.
      const interval = Math.max(1, 1000 / rate);
      const perTick = Math.max(1, Math.round((rate * interval) / 1000));
      timer = setInterval(() => {
        for (let i = 0; i < perTick; i++) io.emit('tick', tick(size, padding));
      }, interval);
      emit('broadcasting', { perSecond: rate, bytes: size, sockets: io.engine.clientsCount });
    },
    stop: () => {
      stopBroadcast();
      emit('stopped');
    },
  };

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [name, ...args] = line.trim().split(/\s+/);
    if (!name) return;
    const command = commands[name];
    try {
      if (!command) throw new Error(`unknown command '${name}'; known: ${Object.keys(commands).join(', ')}`);
      command(...args);
    } catch (err) {
      // A bad command is the orchestrator's bug; answer it and keep serving.
      emit('error', { message: err.message });
    }
  });
  lines.on('close', () => {
    stopBroadcast();
    io.close();
    process.exit(0);
  });

  httpServer.on('error', fail);
  httpServer.listen(opts.port, opts.host, () => {
    log(`sio-server: listening on ${opts.host}:${opts.port}${opts.recovery ? ' with connection state recovery' : ''}`);
    emit('listening', { port: httpServer.address().port });
  });
  return { io, httpServer };
}

if (require.main === module) {
  installCrashHandlers();
  try {
    const { opts } = parseArgs(process.argv.slice(2), {
      port: { type: 'int', required: true },
      host: { type: 'string', def: '127.0.0.1' },
      recovery: { type: 'flag' },
    });
    start(opts);
  } catch (err) {
    fail(err);
  }
}

module.exports = { start, tick };
