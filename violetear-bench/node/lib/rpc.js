// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * HTTP keep-alive load on one RPC endpoint: C connections, each with one request in flight
 * (closed loop, no pipelining), as C browser tabs calling an RPC in a loop would.
 * Two engines: Node's http client, and autocannon, which writes a prebuilt request buffer on a
 * raw socket and so costs less CPU per request (see the README for the measured numbers).
 */
const http = require('http');
const { Samples } = require('./stats');
const { emit, log, finish, sleep, cpuMeter } = require('./out');
const { fetchCookie } = require('./cookie');

/** Counters shared by both engines; only responses that end inside the window are recorded. */
function newWindow() {
  return { measuring: false, requests: 0, non2xx: 0, errors: 0, samples: new Samples(1 << 18) };
}

function record(window, status, micros) {
  if (!window.measuring) return;
  window.requests++;
  if (status < 200 || status >= 300) window.non2xx++;
  window.samples.add(micros);
}

/** Node's http client: C loops over an Agent that keeps C sockets alive. */
function startNode(opts, headers, window) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const target = new URL(opts.url);
  const body = Buffer.from(opts.body);
  let running = true;
  let errorsLogged = 0;
  const loop = () => {
    if (!running) return;
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
        record(window, response.statusCode, Number(process.hrtime.bigint() - started) / 1000);
        loop();
      });
    });
    request.on('error', (err) => {
      if (window.measuring) window.errors++;
      if (errorsLogged++ < 3) log(`rpc: request failed: ${err.message}`);
      // Back off a little so a refused connection does not turn into a busy loop.
      if (running) setTimeout(loop, 10);
    });
    request.end(body);
  };
  for (let i = 0; i < opts.connections; i++) loop();
  return () => {
    running = false;
    agent.destroy();
  };
}

/** autocannon, run for longer than the window and stopped by us; it reports every response. */
function startAutocannon(opts, headers, window) {
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
  });
  instance.on('response', (client, status, bytes, ms) => record(window, status, ms * 1000));
  instance.on('reqError', (err) => {
    if (window.measuring) window.errors++;
    if (errorsLogged++ < 3) log(`rpc: request failed: ${err.message}`);
  });
  // The result summary is autocannon's, not ours; only silence its unhandled rejection.
  instance.then(() => {}, () => {});
  return () => instance.stop();
}

async function run(opts) {
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(opts.body)) };
  if (opts['cookie-url']) {
    headers.Cookie = await fetchCookie(opts['cookie-url'], { method: 'POST', body: opts.body });
    log(`rpc: sending Cookie: ${headers.Cookie.replace(/=([^;]{6})[^;]*/g, '=$1…')}`);
  }
  const window = newWindow();
  const engine = opts.engine;
  if (engine !== 'node' && engine !== 'autocannon') throw new Error(`--engine must be node or autocannon, got '${engine}'`);
  log(`rpc: ${opts.connections} connection(s) to ${opts.url} with ${engine}`);
  const stop = engine === 'node' ? startNode(opts, headers, window) : startAutocannon(opts, headers, window);
  emit('ready', { connections: opts.connections, engine });

  await sleep(opts.warmup * 1000);
  window.measuring = true;
  const start = process.hrtime.bigint();
  emit('measuring');
  const cpu = cpuMeter();
  await sleep(opts.duration * 1000);
  window.measuring = false;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const clientCpu = cpu();
  emit('measured');
  stop();

  const latency = window.samples.summary(0);
  finish({
    engine,
    connections: opts.connections,
    requests: window.requests,
    rate: Math.round(window.requests / seconds),
    seconds: Math.round(seconds * 1000) / 1000,
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    max: latency.max,
    non2xx: window.non2xx,
    errors: window.errors,
    clientCpu,
  });
}

module.exports = { run };
