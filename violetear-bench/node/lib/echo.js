// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Closed-loop echo: every socket has exactly one request in flight, so the rate measures how
 * fast the server turns a message around and the latency is never inflated by our own queueing.
 *
 * With --paced the window is cut into slices the orchestrator asks for on stdin (see ./paced.js):
 * on this kind of machine a core's speed changes by half from one second, or one minute, to the
 * next, and windows taken one after another compared different machines. A pause waits until
 * every reply is back; --warmup is not used.
 */
const { Samples } = require('./stats');
const { payload } = require('./common');
const { emit, log, finish, sleep, windows } = require('./out');
const { NAMES, openAll, echoSender, connErrors, negotiatedDeflate, closeAll } = require('./clients');
const { paced } = require('./paced');

// How long a paced pause waits at most for the replies still in flight.
const DRAIN_MS = 5000;

async function run(opts) {
  const { proto, sockets, size, warmup, duration } = opts;
  const text = payload(size);
  const replyName = NAMES[proto].reply;
  const send = echoSender(proto);
  const samples = new Samples();
  const sentAt = new Array(sockets).fill(0n);
  let conns = [];
  let measuring = false;
  let done = false;
  let msgs = 0;
  let errors = 0;
  let closedLogged = 0;
  let paused = false;
  let inFlight = 0;
  let drained = null;

  const sendNext = (index) => {
    sentAt[index] = process.hrtime.bigint();
    inFlight++;
    send(conns[index], text);
  };

  const params = {
    url: opts.url,
    cookieUrl: opts['cookie-url'],
    sockets,
    batch: opts.batch,
    deflate: proto !== 'sio' && opts.deflate,
    timeoutMs: opts['connect-timeout'] * 1000,
    onMessage: (index, name, data) => {
      if (name !== replyName) return;
      const now = process.hrtime.bigint();
      inFlight--;
      if (data === undefined || data.length !== size) {
        errors++;
        if (errors <= 3) log(`socket ${index}: a reply of ${data === undefined ? 'no' : data.length} bytes, expected ${size}`);
      }
      if (measuring) {
        msgs++;
        samples.add(Number(now - sentAt[index]) / 1000);
      }
      if (!done && !paused) sendNext(index);
      else if (inFlight === 0 && drained) drained();
    },
    onClose: (index, detail) => {
      // A closed socket leaves the loop for good: the rate would quietly drop, so say why.
      if (done) return;
      errors++;
      if (closedLogged++ < 3) log(`socket ${index} was closed by the server during the run: ${detail}`);
    },
  };

  log(`echo: opening ${sockets} ${proto} socket(s) to ${opts.url}`);
  conns = await openAll(proto, params);
  emit('ready', { sockets, proto, size });
  const window = windows((on) => { measuring = on; });
  const slice = () => window.measure(duration);
  if (opts.paced) {
    await paced({
      resume: () => {
        paused = false;
        for (let i = 0; i < conns.length; i++) sendNext(i);
      },
      slice,
      pause: async () => {
        paused = true;
        if (inFlight > 0) await Promise.race([new Promise((resolve) => { drained = resolve; }), sleep(DRAIN_MS)]);
        drained = null;
      },
    });
  } else {
    for (let i = 0; i < sockets; i++) sendNext(i);
    await sleep(warmup * 1000);
    await slice();
  }
  done = true;
  const seconds = window.seconds();
  const clientCpu = window.clientCpu();

  const latency = samples.summary(0);
  const result = {
    proto,
    sockets,
    size,
    // What the server agreed to, not what we offered: a server may decline the extension.
    deflate: negotiatedDeflate(conns[0]),
    msgs,
    rate: seconds > 0 ? Math.round(msgs / seconds) : 0,
    seconds: Math.round(seconds * 1000) / 1000,
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    max: latency.max,
    errors: errors + connErrors(conns),
    clientCpu,
  };
  if (proto === 'ours' && conns[0] && conns[0].welcome) result.serverRate = conns[0].welcome.rate;
  await closeAll(conns);
  finish(result);
}

module.exports = { run };
