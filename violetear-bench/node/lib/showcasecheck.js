// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Checks our protocol client against the real server, using what the showcase offers (it has no
 * Echo class): a call of an unknown function must bring an UnknownFunction error frame and an
 * ack; Board.move(x, y) makes the server invoke Board.cursor(who, x, y) on every page, which
 * stands in for Echo.back to prove seqs, acks and resume across a cut, exactly once.
 */
const { OursConn, callPrefix } = require('./ours');
const { socketBase, withTimeout } = require('./common');
const { sleep } = require('./out');
const { fetchCookie } = require('./cookie');

async function checkFraming(url) {
  const frames = [];
  const errors = [];
  const conn = new OursConn({
    base: socketBase(url),
    onMessage: () => {},
    onErrorFrame: (frame) => errors.push(frame),
  });
  await withTimeout(conn.open(), 10000, 'the welcome');
  frames.push(conn.welcome);
  conn.send(callPrefix('Echo.echo', ['x']));
  const deadline = Date.now() + 5000;
  while ((errors.length === 0 || conn.ackedSeq < 1) && Date.now() < deadline) await sleep(20);
  conn.close();
  if (typeof conn.welcome.clientId !== 'string' || conn.welcome.lastSeq !== 0 || conn.welcome.resumed !== false) {
    throw new Error(`unexpected welcome ${JSON.stringify(conn.welcome)}`);
  }
  if (errors.length !== 1 || errors[0].type !== 'UnknownFunction' || conn.ackedSeq !== 1) {
    throw new Error(`expected one UnknownFunction error and ack 1, got ${JSON.stringify(errors)}, ack ${conn.ackedSeq}`);
  }
}

async function checkResume(url) {
  const seen = new Map();
  let welcomes = 0;
  let resumedAll = true;
  // A number no other page of the shared showcase would send as y.
  const tag = 100000 + Math.floor(Math.random() * 800000);
  const conn = new OursConn({
    base: socketBase(url),
    // The page session is keyed by the client cookie: without it no reconnect can resume.
    cookie: await fetchCookie(new URL('/counter', url).href),
    keepUnacked: true,
    reconnect: true,
    pace: true,
    onMessage: (fn, who, frame) => {
      if (fn !== 'Board.cursor' || frame.args[2] !== tag) return;
      const x = frame.args[1];
      seen.set(x, (seen.get(x) || 0) + 1);
    },
    onWelcome: (c, frame, isReconnect) => {
      welcomes++;
      if (isReconnect && frame.resumed !== true) resumedAll = false;
    },
  });
  await withTimeout(conn.open(), 10000, 'the welcome');
  const total = 120;
  for (let x = 0; x < total; x++) {
    conn.send(callPrefix('Board.move', [x, tag]));
    // Two cuts, one with calls sent but not yet acknowledged, one while idle for a moment.
    if (x === 40 || x === 80) conn.cut();
    await sleep(x % 10 === 0 ? 30 : 3);
  }
  const deadline = Date.now() + 8000;
  while ((seen.size < total || conn.pending() > 0) && Date.now() < deadline) await sleep(50);
  conn.close();
  const doubled = [...seen.values()].filter((n) => n > 1).length;
  if (seen.size !== total || doubled !== 0 || welcomes !== 3 || !resumedAll || conn.errors !== 0) {
    throw new Error(`resume: ${seen.size}/${total} cursors, ${doubled} doubled, ${welcomes} welcomes, `
      + `resumed ${resumedAll}, ${conn.errors} errors, ${conn.pending()} pending, ${conn.duplicateResends} resends ignored`);
  }
}

async function checkShowcase(url) {
  await checkFraming(url);
  await checkResume(url);
}

module.exports = { checkShowcase };
