// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Minimal servers for the self-test and for measuring the load generator's own cost: a raw
 * WebSocket echo at /echo (that can also broadcast), and an HTTP endpoint that echoes its body
 * and hands out a cookie, as the Java servers do. Not baselines: the benchmark's are in Java.
 */
const fs = require('fs');
const http = require('http');
const path = require('path');
const { WebSocketServer } = require('ws');
const { epochMs } = require('./common');

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}

async function startRawEcho(port) {
  const server = http.createServer((req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, path: '/echo', perMessageDeflate: { threshold: 0 } });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  const bound = await listen(server, port);
  let timer = null;
  return {
    port: bound,
    broadcast(perSecond, bytes) {
      timer = setInterval(() => {
        const stamp = epochMs().toFixed(3) + '|';
        const text = stamp + 'x'.repeat(Math.max(0, bytes - stamp.length));
        for (const ws of wss.clients) ws.send(text);
      }, 1000 / perSecond);
    },
    stopBroadcast() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    close() {
      if (timer) clearInterval(timer);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.close();
    },
  };
}

/** POST /rpc echoes the body; POST /login sets a cookie that /rpc then insists on. */
async function startRpc(port) {
  // Requests answered so far, for checking that a paused load sends none.
  const stats = { requests: 0 };
  const server = http.createServer((req, res) => {
    stats.requests++;
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/login') {
        res.writeHead(200, { 'Set-Cookie': ['vt=abc123; Path=/; HttpOnly', 'other=1; Path=/'], 'Content-Type': 'application/json' });
        res.end('{}');
        return;
      }
      const cookieOk = !req.url.startsWith('/need-cookie') || /(^|; )vt=abc123(;|$)/.test(req.headers.cookie || '');
      res.writeHead(cookieOk ? 200 : 403, { 'Content-Type': 'application/json' });
      res.end(Buffer.concat(chunks));
    });
  });
  server.keepAliveTimeout = 30000;
  const bound = await listen(server, port);
  return { port: bound, stats, close: () => server.close() };
}

// The minified runtime that the jar ships, as the Maven build writes it (bin/bench builds first).
const RUNTIME = path.join(__dirname, '..', '..', '..', 'violetear-server', 'target', 'classes',
  'dev', 'violetear', 'internal', 'runtime', 'violetear.js');

/**
 * Pages for ready.js: /dom marks window.__ready itself; /violetear loads the real runtime and a
 * stub bundle that registers one callback, as a compiled bundle would, on a lazy page (no socket).
 */
async function startPages(port) {
  const pages = {
    '/dom': ['text/html', '<!DOCTYPE html><html><head><link rel="icon" href="data:,"><title>dom</title>'
      + '<script defer src="/dom.js"></script></head><body><button id="b">+</button></body></html>'],
    '/dom.js': ['text/javascript', 'document.getElementById("b").addEventListener("click", function () {});'
      + 'window.__ready = performance.now();'],
    '/violetear': ['text/html', '<!DOCTYPE html><html><head><link rel="icon" href="data:,"><title>vt</title>'
      + '<meta name="violetear-socket" content="lazy"><script defer src="/runtime.js"></script>'
      + '<script defer src="/bundle.js"></script></head><body><button data-on-click="Stub.click">+</button></body></html>'],
    '/noisy': ['text/html', '<!DOCTYPE html><html><head><link rel="icon" href="data:,"><title>noisy</title></head>'
      + '<body><script>console.error("broken"); window.__ready = performance.now();</script></body></html>'],
    '/bundle.js': ['text/javascript', 'violetear.register("callback", "Stub.click", function () {}); violetear.bundleLoaded();'],
    '/runtime.js': ['text/javascript', fs.readFileSync(RUNTIME, 'utf8')],
  };
  const server = http.createServer((req, res) => {
    const page = pages[req.url];
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': page[0] }).end(page[1]);
  });
  const bound = await listen(server, port);
  return { port: bound, close: () => server.close() };
}

module.exports = { startRawEcho, startRpc, startPages };
