// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * A stand-in for the framework's socket endpoint, only to test our client without the Java
 * build: page sessions that outlive their sockets, cumulative acks both ways, resend of the
 * unacknowledged invoke frames after a resume, and the 4,096-frame buffer that drops a page
 * which never acks. It speaks the wire format the Java server does; it is not a baseline.
 */
const http = require('http');
const { WebSocketServer } = require('ws');
const { epochMs } = require('./common');

const ACK_PREFIX = '{"t":"ack","seq":';
const MAX_UNACKED = 4096;

async function startFakeOurs(port, { rate = 1000000 } = {}) {
  const server = http.createServer((req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, path: '/_violetear/ws', perMessageDeflate: { threshold: 0 } });
  const sessions = new Map();
  const stats = { resumed: 0, duplicateCalls: 0, overflows: 0, clientAcks: 0, carriedAcks: 0 };
  let clientIds = 0;

  function push(session, fn, arg) {
    const seq = ++session.outSeq;
    const text = '{"seq":' + seq + ',"t":"invoke","fn":"' + fn + '","args":[' + JSON.stringify(arg) + ']}';
    session.unacked.push({ seq, text });
    if (session.unacked.length > MAX_UNACKED) {
      // As the real server: a page that never acks is dropped, and may come back to resume.
      stats.overflows++;
      if (session.ws) session.ws.close(1013, 'the page does not acknowledge its frames');
      return;
    }
    if (session.ws && session.ws.readyState === 1) session.ws.send(text);
  }

  function dropAcked(session, seq) {
    let drop = 0;
    while (drop < session.unacked.length && session.unacked[drop].seq <= seq) drop++;
    if (drop > 0) session.unacked.splice(0, drop);
  }

  wss.on('connection', (ws, req) => {
    const query = new URL(req.url, 'http://x').searchParams;
    const key = query.get('session') || `anonymous-${clientIds}`;
    const received = Number(query.get('received')) || 0;
    let session = sessions.get(key);
    const resumed = Boolean(session);
    if (!session) {
      session = { outSeq: 0, unacked: [], lastProcessed: 0, ws: null, clientId: `c${++clientIds}` };
      sessions.set(key, session);
    } else {
      stats.resumed++;
    }
    if (session.ws && session.ws !== ws) session.ws.terminate();
    session.ws = ws;
    dropAcked(session, received);
    ws.send(JSON.stringify({ t: 'welcome', clientId: session.clientId, lastSeq: session.lastProcessed, resumed, rate }));
    for (const entry of session.unacked) ws.send(entry.text);

    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith(ACK_PREFIX)) {
        stats.clientAcks++;
        dropAcked(session, Number(text.slice(ACK_PREFIX.length, -1)));
        return;
      }
      const frame = JSON.parse(text);
      if (frame.t !== 'call') return;
      // As the real server: a call may carry the page's ack of what it received.
      if (typeof frame.ack === 'number') {
        stats.carriedAcks++;
        dropAcked(session, frame.ack);
      }
      if (frame.seq <= session.lastProcessed) {
        stats.duplicateCalls++;
      } else {
        session.lastProcessed = frame.seq;
        if (frame.fn === 'Echo.echo') {
          push(session, 'Echo.back', frame.args[0]);
        } else {
          ws.send(JSON.stringify({ t: 'error', type: 'UnknownFunction', message: `There is no function '${frame.fn}'`, seq: frame.seq }));
        }
      }
      ws.send('{"t":"ack","seq":' + frame.seq + '}');
    });
    ws.on('close', () => {
      if (session.ws === ws) session.ws = null;
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  let timer = null;
  return {
    port: server.address().port,
    stats,
    sessions,
    broadcast(perSecond, bytes) {
      timer = setInterval(() => {
        const stamp = epochMs().toFixed(3) + '|';
        const text = stamp + 'x'.repeat(Math.max(0, bytes - stamp.length));
        for (const session of sessions.values()) if (session.ws) push(session, 'Echo.tick', text);
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

module.exports = { startFakeOurs };
