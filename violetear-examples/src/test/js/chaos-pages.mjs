// SPDX-License-Identifier: Apache-2.0
// Browser-like pages for ChaosIT: each runs the real violetear.js in its own node:vm context with
// Node's WebSocket (undici) and real timers, gets its own client cookie, streams numbered realtime
// calls to the server while receiving the server's numbered invokes, and reports what arrived.
//
// usage: node [--experimental-websocket] chaos-pages.mjs <runtime> <base URL> <pages> <calls>
// where <runtime> is violetear-socket.js followed by violetear.js, as a listening page runs them.
// Prints one JSON line: {pages: [{clientId, received: [...], allUp, errors: [...], warnings}]}.
import {readFileSync} from 'node:fs';
import vm from 'node:vm';

const [runtimePath, base, pagesArg, callsArg] = process.argv.slice(2);
const SOURCE = readFileSync(runtimePath, 'utf8');
const PAGES = Number(pagesArg);
const CALLS = Number(callsArg);
const BATCH = 5;
const BATCH_EVERY_MS = 10;
const DEADLINE_MS = 120_000;

/** The least of a document that violetear.js needs: no bindings, already loaded. */
const document = {
  readyState: 'complete', nodeType: 9,
  querySelector: () => null, querySelectorAll: () => [], addEventListener: () => {}
};

async function cookieFor(index) {
  // Any page view issues the signed client cookie.
  const response = await fetch(base + '/');
  const header = response.headers.get('set-cookie');
  if (response.status !== 200 || !header) {
    throw new Error(`page ${index}: GET / answered ${response.status} without a cookie`);
  }
  return header.split(';')[0];
}

async function runPage(index) {
  const cookie = await cookieFor(index);
  const errors = [];
  const warnings = [];
  const received = [];
  let allUp = null;
  const sockets = [];
  class CookieWebSocket extends WebSocket {
    constructor(url) {
      super(url, {headers: {Cookie: cookie}});
      const record = {events: []};
      sockets.push(record);
      for (const type of ['open', 'error', 'close']) {
        this.addEventListener(type, () => record.events.push(type));
      }
      record.socket = this;
    }
  }
  const record = (list) => (...args) => list.push(args.map(String).join(' '));
  const window = vm.createContext({
    WebSocket: CookieWebSocket, document, setTimeout, clearTimeout, queueMicrotask,
    crypto: globalThis.crypto, location: new URL(base),
    console: {error: record(errors), warn: record(warnings), info: () => {}, log: () => {}}
  });
  window.window = window;
  vm.runInContext(SOURCE, window, {filename: 'violetear.js'});
  const violetear = window.violetear;
  violetear.register('realtime', 'Chaos.down', (args) => { received.push(args[0]); });
  violetear.register('realtime', 'Chaos.allUp', (args) => { allUp = args[0]; });
  // A handshake the proxy cuts halfway may never finish: give it up after 3 s, not 10.
  violetear.configure({maxQueue: CALLS + 10, connectTimeout: 3000});
  violetear.bundleLoaded();

  const began = Date.now();
  let connects = 0;
  violetear.on('connect', () => { connects++; });
  await new Promise((resolve) => violetear.on('connect', resolve));
  let next = 1;
  await new Promise((resolve) => {
    const tick = () => {
      for (let i = 0; i < BATCH && next <= CALLS; i++) violetear.call('Chaos.up', [next++]);
      if (next <= CALLS) setTimeout(tick, BATCH_EVERY_MS);
      else resolve();
    };
    tick();
  });
  const started = Date.now();
  await new Promise((resolve) => {
    const check = () => {
      const done = received.length >= CALLS && allUp !== null;
      if (done || Date.now() - started > DEADLINE_MS) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
  const clientId = violetear.clientId;
  process.stderr.write(`page ${index} (${clientId}): ${received.length} received, allUp ${allUp}, `
      + `${connects} connections, calls queued after ${started - began} ms, done after `
      + `${Date.now() - began} ms, state ${violetear.state}, ${sockets.length} sockets, the last `
      + `one in readyState ${sockets.at(-1).socket.readyState} after ${sockets.at(-1).events}\n`);
  violetear.disconnect();
  for (const warning of warnings) process.stderr.write(`page ${index} warned: ${warning}\n`);
  return {clientId, received, allUp, errors, warnings: warnings.length};
}

const pages = await Promise.all(Array.from({length: PAGES}, (_, i) => runPage(i)));
process.stdout.write(JSON.stringify({pages}) + '\n');
