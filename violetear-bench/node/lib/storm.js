// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Reconnect storm: every socket drops at the same instant while it keeps producing messages,
 * then comes back. Measures how fast the server takes everyone back and whether every message
 * still gets exactly one echo, which is the promise of ours (seqs + acks + resume) and of
 * Socket.IO's connection state recovery.
 */
const { Samples } = require('./stats');
const { emit, log, finish, sleep, cpuMeter } = require('./out');
const { openAll, echoSender, asText, connErrors, closeAll } = require('./clients');

const TICK_MS = 10;
// Once every socket is back, the drain ends after this long without a new echo: a message the
// server lost never comes (Socket.IO's recovery loses some), and waiting out the whole drain for
// it cost 8 s a run, where a resent one comes within milliseconds of its socket's return.
const QUIET_MS = 2000;

/** Echo counts per message number of one socket; saturates at 255, enough to see duplicates. */
class Tally {
  constructor() {
    this.counts = new Uint8Array(64);
  }

  hit(k) {
    if (k >= this.counts.length) {
      const bigger = new Uint8Array(Math.max(k + 1, this.counts.length * 2));
      bigger.set(this.counts);
      this.counts = bigger;
    }
    const previous = this.counts[k];
    if (previous < 255) this.counts[k] = previous + 1;
    return previous;
  }

  /** The first `limit` message numbers below `sent` that never came back. */
  missing(sent, limit) {
    const out = [];
    for (let k = 0; k < sent && out.length < limit; k++) if (k >= this.counts.length || this.counts[k] === 0) out.push(k);
    return out;
  }

  /** {echoed, duplicated} over the message numbers 0 .. sent-1, and echoes of unsent ones. */
  summarize(sent) {
    let echoed = 0;
    let duplicated = 0;
    let unknown = 0;
    for (let k = 0; k < this.counts.length; k++) {
      const count = this.counts[k];
      if (count === 0) continue;
      if (k >= sent) unknown++;
      else echoed++;
      if (count > 1) duplicated++;
    }
    return { echoed, duplicated, unknown };
  }
}

async function run(opts) {
  const { proto, sockets, rate, before, after, drain } = opts;
  if (proto !== 'ours' && proto !== 'sio') throw new Error('storm supports --proto ours or sio');
  if (!(rate > 0)) throw new Error('--rate must be > 0 messages per socket per second');
  const send = echoSender(proto);
  const replyName = proto === 'ours' ? 'Echo.back' : 'back';
  const tallies = Array.from({ length: sockets }, () => new Tally());
  const sentCount = new Array(sockets).fill(0);
  const reconnectMs = new Samples(Math.max(16, sockets));
  const backAt = new Float64Array(sockets);
  let cutAt = 0;
  let cutDone = false;
  let back = 0;
  let errors = 0;
  let bad = 0;
  let distinct = 0;
  let lastEchoAt = 0;
  let conns = [];

  const params = {
    url: opts.url,
    cookieUrl: opts['cookie-url'],
    sockets,
    batch: opts.batch,
    timeoutMs: opts['connect-timeout'] * 1000,
    reconnect: true,
    keepUnacked: true,
    // Resends after the welcome come in a burst; the runtime paces them under the server's rate.
    pace: true,
    onMessage: (index, name, data) => {
      if (name !== replyName) return;
      const text = asText(data);
      const colon = text.indexOf(':');
      const k = Number(text.slice(colon + 1));
      if (colon < 0 || Number(text.slice(0, colon)) !== index || !Number.isInteger(k)) {
        if (bad++ < 3) log(`socket ${index}: an echo that is not one of its payloads: ${text.slice(0, 80)}`);
        return;
      }
      if (tallies[index].hit(k) === 0) {
        distinct++;
        lastEchoAt = performance.now();
      }
    },
    onClose: (index, detail) => {
      errors++;
      log(`socket ${index} closed for good: ${detail}`);
    },
    onReconnect: (index) => {
      if (!cutDone || backAt[index] > 0) return;
      const now = performance.now();
      backAt[index] = now;
      reconnectMs.add(now - cutAt);
      back++;
    },
  };

  if (proto === 'ours' && !opts['cookie-url']) {
    log('storm: without --cookie-url each reconnect is a new client to the framework, which cannot resume it');
  }
  log(`storm: opening ${sockets} ${proto} socket(s) to ${opts.url}`);
  conns = await openAll(proto, params);
  emit('ready', { sockets, proto });

  // One timer for all sockets, each with its own phase, so sends spread evenly over time
  // instead of thousands of timers firing together.
  const start = performance.now();
  const ticker = setInterval(() => {
    const elapsed = performance.now() - start;
    for (let i = 0; i < sockets; i++) {
      const due = Math.floor((elapsed * rate) / 1000 + i / sockets);
      while (sentCount[i] < due) send(conns[i], `${i}:${sentCount[i]++}`);
    }
  }, TICK_MS);

  await sleep(before * 1000);
  emit('measuring');
  const cpu = cpuMeter();
  cutAt = performance.now();
  cutDone = true;
  const cutIndex = sentCount.slice();
  for (const conn of conns) conn.cut();
  log(`storm: cut ${sockets} socket(s)`);
  await sleep(after * 1000);
  clearInterval(ticker);
  const sent = sentCount.reduce((a, b) => a + b, 0);

  // Wait, bounded, until every socket is back and every message has its echo, or no more come.
  const drainUntil = performance.now() + drain * 1000;
  const waiting = () => back < sockets || (distinct < sent && performance.now() - lastEchoAt < QUIET_MS);
  while (performance.now() < drainUntil && waiting()) await sleep(50);
  emit('measured');
  const clientCpu = cpu();

  let echoed = 0;
  let duplicated = 0;
  let unknown = 0;
  let lossesShown = 0;
  for (let i = 0; i < sockets; i++) {
    const tally = tallies[i].summarize(sentCount[i]);
    if (tally.echoed < sentCount[i] && lossesShown++ < 3) {
      log(`socket ${i}: no echo for message(s) ${tallies[i].missing(sentCount[i], 10).join(', ')} of ${sentCount[i]} (cut near ${cutIndex[i]})`);
    }
    echoed += tally.echoed;
    duplicated += tally.duplicated;
    unknown += tally.unknown;
  }
  const reconnect = reconnectMs.summary(1);
  let lastBack = 0;
  for (let i = 0; i < sockets; i++) lastBack = Math.max(lastBack, backAt[i]);
  const result = {
    proto,
    sockets,
    rate,
    back,
    allBackMs: back === sockets ? Math.round(lastBack - cutAt) : null,
    p50ReconnectMs: reconnect.p50,
    maxReconnectMs: reconnect.max,
    sent,
    echoed,
    lost: sent - echoed,
    duplicated,
    errors: errors + bad + unknown + connErrors(conns),
    clientCpu,
  };
  if (proto === 'ours') {
    result.resumeFailed = conns.reduce((n, c) => n + c.resumeFailed, 0);
    result.serverResends = conns.reduce((n, c) => n + c.duplicateResends, 0);
  } else {
    result.resumeFailed = conns.reduce((n, c) => n + c.notRecovered, 0);
    result.errors += result.resumeFailed;
  }
  await closeAll(conns);
  finish(result);
}

module.exports = { run, Tally };
