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
// A paced slice's lead-in: until the sockets have had this many replies each on average, the
// loop refilled and the server's threads awake, then a little for its caches, at most LEAD_MAX_MS.
// A fixed 0.1 s spent 10 s a round where one socket needs a fraction of a millisecond.
const LEAD_REPLIES = 2;
const LEAD_SETTLE_MS = 10;
const LEAD_MAX_MS = 1000;

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
  // Replies since the load last resumed, and who waits for enough of them (see LEAD_REPLIES).
  let replies = 0;
  let refilled = null;

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
      if (++replies === LEAD_REPLIES * sockets && refilled) refilled();
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
        replies = 0;
        for (let i = 0; i < conns.length; i++) sendNext(i);
      },
      lead: async () => {
        if (replies < LEAD_REPLIES * sockets) {
          await Promise.race([new Promise((resolve) => { refilled = resolve; }), sleep(LEAD_MAX_MS)]);
          refilled = null;
        }
        await sleep(LEAD_SETTLE_MS);
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
