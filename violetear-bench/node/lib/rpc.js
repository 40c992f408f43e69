// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * HTTP keep-alive load on one RPC endpoint: C connections, each with one request in flight
 * (closed loop, no pipelining), as C browser tabs calling an RPC in a loop would.
 * Two engines: Node's http client, and autocannon, which writes a prebuilt request buffer on a
 * raw socket and so costs less CPU per request (see the README for the measured numbers).
 *
 * With --paced the window is cut into slices (see ./paced.js): the engine starts afresh for each
 * warm-up and slice, so each begins by connecting, within the lead-in, and a pause stops it.
 * --warmup is not used.
 */
const http = require('http');
const { Samples } = require('./stats');
const { emit, log, finish, sleep, windows } = require('./out');
const { fetchCookie } = require('./cookie');
const { paced } = require('./paced');

// How long stopping an engine waits at most for the requests still in flight.
const STOP_MS = 5000;

/** Counters shared by both engines; only responses that end inside the window are recorded. */
function newCounts() {
  return { measuring: false, requests: 0, non2xx: 0, errors: 0, samples: new Samples(1 << 18) };
}

function record(counts, status, micros) {
  if (!counts.measuring) return;
  counts.requests++;
  if (status < 200 || status >= 300) counts.non2xx++;
  counts.samples.add(micros);
}

/**
 * Node's http client: C loops over an Agent that keeps C sockets alive. Returns stop(), which
 * resolves once every request in flight has its response.
 */
function startNode(opts, headers, counts) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const target = new URL(opts.url);
  const body = Buffer.from(opts.body);
  let running = true;
  let errorsLogged = 0;
  let inFlight = 0;
  let idle = null;
  const settled = () => {
    inFlight--;
    if (inFlight === 0 && idle) idle();
  };
  const loop = () => {
    if (!running) return;
    inFlight++;
    const started = process.hrtime.bigint();
    const request = http.request({
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: 'POST',
      headers,
    }, (response) => {
      response.resume();
      response.on('end', () => {
        record(counts, response.statusCode, Number(process.hrtime.bigint() - started) / 1000);
        settled();
        loop();
      });
    });
    request.on('error', (err) => {
      settled();
      if (counts.measuring) counts.errors++;
      if (errorsLogged++ < 3) log(`rpc: request failed: ${err.message}`);
      // Back off a little so a refused connection does not turn into a busy loop.
      if (running) setTimeout(loop, 10);
    });
    request.end(body);
  };
  for (let i = 0; i < opts.connections; i++) loop();
  return async () => {
    running = false;
    if (inFlight > 0) await Promise.race([new Promise((resolve) => { idle = resolve; }), sleep(STOP_MS)]);
    agent.destroy();
  };
}

/**
 * autocannon, run for longer than the window and stopped by us; it reports every response.
 * Returns stop(), which resolves once its connections are closed: autocannon checks for a stop
 * only every sample interval, so paced it samples every 20 ms, or it would load the server for up
 * to a second into another target's slice.
 */
function startAutocannon(opts, headers, counts) {
  const autocannon = require('autocannon');
  let errorsLogged = 0;
  const instance = autocannon({
    url: opts.url,
    method: 'POST',
    headers,
    body: opts.body,
    connections: opts.connections,
    pipelining: 1,
    duration: opts.warmup + opts.duration + 60,
    timeout: 10,
    ...(opts.paced ? { sampleInt: 20 } : {}),
  });
  instance.on('response', (client, status, bytes, ms) => record(counts, status, ms * 1000));
  instance.on('reqError', (err) => {
    if (counts.measuring) counts.errors++;
    if (errorsLogged++ < 3) log(`rpc: request failed: ${err.message}`);
  });
  // The result summary is autocannon's, not ours; only wait for it, and silence its rejection.
  const done = instance.then(() => {}, () => {});
  return async () => {
    instance.stop();
    await Promise.race([done, sleep(STOP_MS)]);
  };
}

async function run(opts) {
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(opts.body)) };
  if (opts['cookie-url']) {
    headers.Cookie = await fetchCookie(opts['cookie-url'], { method: 'POST', body: opts.body });
    log(`rpc: sending Cookie: ${headers.Cookie.replace(/=([^;]{6})[^;]*/g, '=$1…')}`);
  }
  const counts = newCounts();
  const engine = opts.engine;
  if (engine !== 'node' && engine !== 'autocannon') throw new Error(`--engine must be node or autocannon, got '${engine}'`);
  log(`rpc: ${opts.connections} connection(s) to ${opts.url} with ${engine}`);
  const start = () => (engine === 'node' ? startNode(opts, headers, counts) : startAutocannon(opts, headers, counts));
  const window = windows((on) => { counts.measuring = on; });
  const slice = () => window.measure(opts.duration);
  if (opts.paced) {
    emit('ready', { connections: opts.connections, engine });
    let stop = null;
    await paced({
      resume: () => { stop = start(); },
      slice,
      pause: () => stop(),
    });
  } else {
    const stop = start();
    emit('ready', { connections: opts.connections, engine });
    await sleep(opts.warmup * 1000);
    await slice();
    await stop();
  }
  const seconds = window.seconds();

  const latency = counts.samples.summary(0);
  finish({
    engine,
    connections: opts.connections,
    requests: counts.requests,
    rate: seconds > 0 ? Math.round(counts.requests / seconds) : 0,
    seconds: Math.round(seconds * 1000) / 1000,
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    max: latency.max,
    non2xx: counts.non2xx,
    errors: counts.errors,
    clientCpu: window.clientCpu(),
  });
}

module.exports = { run };
