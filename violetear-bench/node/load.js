#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Load generator of the Violetear benchmark. stdout carries JSON lines only (ready, measuring,
 * measured, then result or error); see README.md for every mode and its fields.
 *
 *   node load.js echo      --proto ours|ws|sio --url U --sockets N --size B --warmup S --duration S [--deflate] [--paced]
 *   node load.js broadcast --proto ours|ws|sio --url U --sockets N --warmup S --duration S [--other-url U2] [--paced]
 *   node load.js idle      --proto ours|ws|sio --url U --sockets N
 *   node load.js storm     --proto ours|sio --url U --sockets N --rate R --before S --after S
 *   node load.js rpc       --url U --connections C --warmup S --duration S --body JSON [--cookie-url U] [--paced]
 */
const fs = require('fs');
const { parseArgs } = require('./lib/args');
const { fail, hardTimeout, installCrashHandlers, log } = require('./lib/out');

const SOCKET_OPTIONS = {
  proto: { type: 'string', required: true },
  url: { type: 'string', required: true },
  sockets: { type: 'int', def: 1 },
  // Handshakes in flight at once while opening; see openBatched.
  batch: { type: 'int', def: 200 },
  'connect-timeout': { type: 'number', def: 10 },
  deflate: { type: 'flag' },
  // ours: a page (GET) that issues the client cookie, fetched once per socket.
  'cookie-url': { type: 'string' },
  timeout: { type: 'number' },
};

const MODES = {
  echo: {
    options: {
      ...SOCKET_OPTIONS,
      size: { type: 'int', def: 64 },
      warmup: { type: 'number', def: 2 },
      duration: { type: 'number', def: 5 },
      // Slices of --duration on "go" lines from stdin until "end" (see lib/paced.js).
      paced: { type: 'flag' },
    },
    // Paced, the orchestrator decides how long; the default bound only catches a lost one.
    budget: (o) => (o.paced ? 900 : o.warmup + o.duration),
    module: './lib/echo',
  },
  broadcast: {
    options: {
      ...SOCKET_OPTIONS,
      warmup: { type: 'number', def: 2 },
      duration: { type: 'number', def: 5 },
      // A second node of the same app: half the sockets connect there.
      'other-url': { type: 'string' },
      // Slices of --duration on "go" lines from stdin until "end" (see lib/paced.js).
      paced: { type: 'flag' },
    },
    budget: (o) => (o.paced ? 900 : o.warmup + o.duration),
    module: './lib/broadcast',
  },
  idle: {
    // Held until the orchestrator says close; the default bound only catches a lost orchestrator.
    options: { ...SOCKET_OPTIONS },
    budget: () => 900,
    module: './lib/idle',
  },
  storm: {
    options: {
      ...SOCKET_OPTIONS,
      rate: { type: 'number', def: 10 },
      before: { type: 'number', def: 3 },
      after: { type: 'number', def: 3 },
      drain: { type: 'number', def: 10 },
    },
    budget: (o) => o.before + o.after + o.drain,
    module: './lib/storm',
  },
  rpc: {
    options: {
      url: { type: 'string', required: true },
      connections: { type: 'int', def: 16 },
      warmup: { type: 'number', def: 2 },
      duration: { type: 'number', def: 5 },
      body: { type: 'string', def: '{"args":["x"]}' },
      'cookie-url': { type: 'string' },
      engine: { type: 'string', def: 'autocannon' },
      timeout: { type: 'number' },
      // Slices of --duration on "go" lines from stdin until "end" (see lib/paced.js).
      paced: { type: 'flag' },
    },
    budget: (o) => (o.paced ? 900 : o.warmup + o.duration),
    module: './lib/rpc',
  },
};

/** The soft limit on open files (Node raises it to the hard one at start), or null if unknown. */
function openFileLimit() {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : null;
  } catch (err) {
    return null;
  }
}

async function main() {
  installCrashHandlers();
  const mode = process.argv[2];
  const spec = MODES[mode];
  if (!spec) throw new Error(`usage: node load.js ${Object.keys(MODES).join('|')} [options]; got '${mode || ''}'`);
  const { positional, opts } = parseArgs(process.argv.slice(3), spec.options);
  if (positional.length > 0) throw new Error(`unexpected argument(s): ${positional.join(' ')}`);
  if (opts.sockets !== undefined && !(opts.sockets >= 1)) throw new Error('--sockets must be >= 1');
  const limit = openFileLimit();
  // Fail now rather than with EMFILE after minutes of opening; a few files are ours already.
  if (opts.sockets && limit !== null && opts.sockets + 64 > limit) {
    throw new Error(`--sockets ${opts.sockets} needs more open files than this process may have (${limit}); `
      + 'raise the limit (ulimit -n / prlimit) or split the sockets over several processes');
  }
  // Opening is part of the run: allow ~500 handshakes a second on top of the run itself.
  const seconds = opts.timeout || spec.budget(opts) + 30 + Math.ceil((opts.sockets || 0) / 500);
  hardTimeout(seconds);
  log(`${mode}: hard timeout ${seconds} s`);
  await require(spec.module).run({ ...opts, mode });
}

main().catch(fail);
