// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Receive-only fan-out: the server stamps each message with its send time, so the delay covers
 * the server's fan-out queueing plus delivery, without any client send in the path. With
 * --other-url the sockets are split between two nodes of one app (the server sends on the first),
 * and the result has each node's figures too, so a page across nodes compares with a local one.
 *
 * With --paced the window is cut into slices (see ./paced.js), and the orchestrator starts and
 * stops the server's broadcast around each; a pause waits until the server has stopped sending.
 * --warmup is not used.
 */
const { Samples } = require('./stats');
const { epochMs } = require('./common');
const { emit, log, finish, sleep, windows } = require('./out');
const { NAMES, openAll, connErrors, closeAll } = require('./clients');
const { paced } = require('./paced');

const BAR = '|'.charCodeAt(0);
// The silence after which a paced pause counts the server as stopped: at 20 broadcasts a second
// one comes every 50 ms.
const QUIET_MS = 150;
const QUIET_MAX_MS = 10000;

/** The send time before the '|', from a string or (raw ws) a Buffer without decoding the rest. */
function stampOf(data) {
  if (typeof data === 'string') return Number(data.slice(0, data.indexOf('|')));
  if (Buffer.isBuffer(data)) return Number(data.toString('latin1', 0, data.indexOf(BAR)));
  return NaN;
}

async function run(opts) {
  const { proto, sockets, warmup, duration } = opts;
  const tickName = NAMES[proto].tick;
  const urls = opts['other-url'] ? [opts.url, opts['other-url']] : [opts.url];
  if (sockets < urls.length) throw new Error(`--sockets must be at least ${urls.length}, one per node`);
  // One entry per node; the first holds the odd socket out.
  const nodes = urls.map((url, i) => ({
    url,
    sockets: Math.floor(sockets / urls.length) + (i < sockets % urls.length ? 1 : 0),
    delivered: 0,
    samples: new Samples(1 << 19),
  }));
  const samples = new Samples(1 << 20);
  let measuring = false;
  let done = false;
  let delivered = 0;
  let errors = 0;
  let closedLogged = 0;
  let lastTick = 0;

  const paramsFor = (node) => ({
    url: node.url,
    cookieUrl: opts['cookie-url'],
    sockets: node.sockets,
    batch: opts.batch,
    deflate: proto !== 'sio' && opts.deflate,
    timeoutMs: opts['connect-timeout'] * 1000,
    onMessage: (index, name, data) => {
      if (name !== tickName) return;
      lastTick = Date.now();
      if (!measuring) return;
      const delay = epochMs() - stampOf(data);
      if (Number.isNaN(delay)) {
        errors++;
        return;
      }
      delivered++;
      samples.add(delay);
      node.delivered++;
      node.samples.add(delay);
    },
    onClose: (index, detail) => {
      if (done) return;
      errors++;
      if (closedLogged++ < 3) log(`socket ${index} of ${node.url} was closed by the server during the run: ${detail}`);
    },
  });

  log(`broadcast: opening ${sockets} ${proto} socket(s) to ${urls.join(' and ')}`);
  const opened = Date.now();
  const conns = [];
  for (const node of nodes) conns.push(...(await openAll(proto, paramsFor(node))));
  emit('ready', { sockets, proto, openedMs: Date.now() - opened });

  const window = windows((on) => { measuring = on; });
  const slice = () => window.measure(duration);
  if (opts.paced) {
    await paced({
      // The orchestrator starts the server's broadcast.
      resume: () => {},
      slice,
      pause: async () => {
        const until = Date.now() + QUIET_MAX_MS;
        while (Date.now() - lastTick < QUIET_MS && Date.now() < until) await sleep(QUIET_MS / 5);
      },
    });
  } else {
    await sleep(warmup * 1000);
    await slice();
  }
  done = true;
  const seconds = window.seconds();
  const clientCpu = window.clientCpu();

  const delay = samples.summary(3);
  const result = {
    proto,
    sockets,
    delivered,
    perSocket: Math.round((delivered / sockets) * 100) / 100,
    p50: delay.p50,
    p95: delay.p95,
    p99: delay.p99,
    max: delay.max,
    nodes: nodes.map((node) => {
      const d = node.samples.summary(3);
      return {
        url: node.url,
        sockets: node.sockets,
        delivered: node.delivered,
        perSocket: Math.round((node.delivered / node.sockets) * 100) / 100,
        p50: d.p50,
        p95: d.p95,
        p99: d.p99,
        max: d.max,
      };
    }),
    errors: errors + connErrors(conns),
    seconds: Math.round(seconds * 1000) / 1000,
    clientCpu,
  };
  await closeAll(conns);
  finish(result);
}

module.exports = { run, stampOf };
