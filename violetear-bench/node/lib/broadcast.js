// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Receive-only fan-out: the server stamps each message with its send time, so the delay covers
 * the server's fan-out queueing plus delivery, without any client send in the path.
 */
const { Samples } = require('./stats');
const { epochMs } = require('./common');
const { emit, log, finish, sleep, cpuMeter } = require('./out');
const { NAMES, openAll, connErrors, closeAll } = require('./clients');

const BAR = '|'.charCodeAt(0);

/** The send time before the '|', from a string or (raw ws) a Buffer without decoding the rest. */
function stampOf(data) {
  if (typeof data === 'string') return Number(data.slice(0, data.indexOf('|')));
  if (Buffer.isBuffer(data)) return Number(data.toString('latin1', 0, data.indexOf(BAR)));
  return NaN;
}

async function run(opts) {
  const { proto, sockets, warmup, duration } = opts;
  const tickName = NAMES[proto].tick;
  const samples = new Samples(1 << 20);
  let measuring = false;
  let done = false;
  let delivered = 0;
  let errors = 0;
  let closedLogged = 0;

  const params = {
    url: opts.url,
    cookieUrl: opts['cookie-url'],
    sockets,
    batch: opts.batch,
    deflate: proto !== 'sio' && opts.deflate,
    timeoutMs: opts['connect-timeout'] * 1000,
    onMessage: (index, name, data) => {
      if (name !== tickName || !measuring) return;
      const delay = epochMs() - stampOf(data);
      if (Number.isNaN(delay)) {
        errors++;
        return;
      }
      delivered++;
      samples.add(delay);
    },
    onClose: (index, detail) => {
      if (done) return;
      errors++;
      if (closedLogged++ < 3) log(`socket ${index} was closed by the server during the run: ${detail}`);
    },
  };

  log(`broadcast: opening ${sockets} ${proto} socket(s) to ${opts.url}`);
  const opened = Date.now();
  const conns = await openAll(proto, params);
  emit('ready', { sockets, proto, openedMs: Date.now() - opened });

  await sleep(warmup * 1000);
  measuring = true;
  emit('measuring');
  const cpu = cpuMeter();
  await sleep(duration * 1000);
  measuring = false;
  done = true;
  const clientCpu = cpu();
  emit('measured');

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
    errors: errors + connErrors(conns),
    clientCpu,
  };
  closeAll(conns);
  finish(result);
}

module.exports = { run, stampOf };
