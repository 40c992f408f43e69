// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Holds N quiet sockets open so the orchestrator can weigh the server's memory per connection;
 * the client only answers pings (ws does) and, for ours, acks what the server pushes.
 */
const readline = require('readline');
const { emit, log, finish } = require('./out');
const { openAll, connErrors, closeAll } = require('./clients');

async function run(opts) {
  const { proto, sockets } = opts;
  let dropped = 0;
  let holding = true;
  const params = {
    url: opts.url,
    cookieUrl: opts['cookie-url'],
    sockets,
    batch: opts.batch,
    deflate: proto !== 'sio' && opts.deflate,
    timeoutMs: opts['connect-timeout'] * 1000,
    onMessage: () => {},
    onClose: (index, detail) => {
      if (!holding) return;
      if (dropped++ < 3) log(`socket ${index} was closed by the server while idle: ${detail}`);
    },
  };
  log(`idle: opening ${sockets} ${proto} socket(s) to ${opts.url}`);
  const opened = process.hrtime.bigint();
  const conns = await openAll(proto, params);
  const openedMs = Math.round(Number(process.hrtime.bigint() - opened) / 1e6);
  emit('ready', { sockets, openedMs });

  await new Promise((resolve) => {
    const lines = readline.createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.trim() === 'close') resolve();
    });
    lines.on('close', resolve);
  });
  holding = false;
  const errors = connErrors(conns);
  await closeAll(conns);
  finish({ proto, sockets, openedMs, dropped, errors });
}

module.exports = { run };
