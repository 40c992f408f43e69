// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Closed-loop echo: every socket has exactly one request in flight, so the rate measures how
 * fast the server turns a message around and the latency is never inflated by our own queueing.
 */
const { Samples } = require('./stats');
const { payload } = require('./common');
const { emit, log, finish, sleep, cpuMeter } = require('./out');
const { NAMES, openAll, echoSender, connErrors, negotiatedDeflate, closeAll } = require('./clients');

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

  const sendNext = (index) => {
    sentAt[index] = process.hrtime.bigint();
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
      if (data === undefined || data.length !== size) {
        errors++;
        if (errors <= 3) log(`socket ${index}: a reply of ${data === undefined ? 'no' : data.length} bytes, expected ${size}`);
      }
      if (measuring) {
        msgs++;
        samples.add(Number(now - sentAt[index]) / 1000);
      }
      if (!done) sendNext(index);
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
  for (let i = 0; i < sockets; i++) sendNext(i);

  await sleep(warmup * 1000);
  measuring = true;
  const start = process.hrtime.bigint();
  emit('measuring');
  const cpu = cpuMeter();
  await sleep(duration * 1000);
  measuring = false;
  done = true;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const clientCpu = cpu();
  emit('measured');

  const latency = samples.summary(0);
  const result = {
    proto,
    sockets,
    size,
    // What the server agreed to, not what we offered: a server may decline the extension.
    deflate: negotiatedDeflate(conns[0]),
    msgs,
    rate: Math.round(msgs / seconds),
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
