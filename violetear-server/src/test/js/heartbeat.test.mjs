// SPDX-License-Identifier: Apache-2.0
// The page's side of the heartbeat: a welcomed socket that brings nothing for the welcome's
// `heartbeat` ms is pinged, and one still silent an interval later (half-open: the network lost it
// without a close) is closed with 4008 and replaced through the usual reconnect and resume.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {checkConsole, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

const INTERVAL = 1000;
const PING = '{"t":"ping"}';

/** A live page whose server announced a heartbeat of INTERVAL ms. */
async function beatingPage() {
  const page = loadPage();
  page.violetear.bundleLoaded();
  await settle();
  page.socket.open();
  page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, heartbeat: INTERVAL});
  assert.equal(page.violetear.state, 'open');
  return page;
}

/** The pings `socket` sent. */
const pings = (socket) => socket.sent.filter((text) => text === PING).length;

describe('heartbeat', () => {
  test('a silent socket is pinged after one interval, then closed with 4008 and replaced; '
      + 'nothing sent is lost', async () => {
    const page = await beatingPage();
    const seen = [];
    page.violetear.on('disconnect', () => seen.push('disconnect'));
    page.violetear.on('connect', () => seen.push('connect'));
    const dead = page.socket;
    page.violetear.call('Chat.send', ['sent into the void']);
    page.clock.tick(INTERVAL - 1);
    assert.equal(pings(dead), 0, 'nothing is due within the first interval');
    page.clock.tick(1);
    assert.deepEqual(dead.sent.slice(-1), [PING]);
    page.clock.tick(INTERVAL - 1);
    assert.equal(dead.closedWith, null, 'the ping has an interval to be answered');
    page.clock.tick(1);
    assert.deepEqual(dead.closedWith, {code: 4008, reason: undefined});
    assert.match(page.expect('warn')[0][0], /brought nothing for 2000 ms.*reconnecting/);
    assert.deepEqual(seen, ['disconnect'], 'at once, without waiting for the dead socket');
    assert.equal(page.violetear.state, 'connecting');
    page.violetear.call('Chat.send', ['sent while reconnecting']);
    page.clock.runNext();
    assert.equal(page.sockets.length, 2);
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, heartbeat: INTERVAL});
    await settle();
    assert.deepEqual(seen, ['disconnect', 'connect']);
    assert.deepEqual(page.socket.frames.map((f) => [f.seq, f.args[0]]),
        [[1, 'sent into the void'], [2, 'sent while reconnecting']],
        'the unacknowledged frame is resent first, then the queued one');
    dead.drop();
    assert.equal(page.sockets.length, 2, 'the late close of the dead socket changes nothing');
  });

  test('a socket that answers each ping with a pong stays open', async () => {
    const page = await beatingPage();
    let answered = 0;
    for (let i = 0; i < 10; i++) {
      page.clock.tick(INTERVAL);
      if (pings(page.socket) > answered) {
        answered++;
        page.socket.receive({t: 'pong'});
      }
    }
    assert.equal(page.socket.closedWith, null);
    assert.equal(page.sockets.length, 1);
    assert.equal(pings(page.socket), 5, 'one ping every other interval: the pong is a frame too');
  });

  test('any frame from the server counts as life: no ping while frames keep coming', async () => {
    const page = await beatingPage();
    const ticks = [];
    page.violetear.on('tick', (n) => ticks.push(n));
    for (let n = 1; n <= 10; n++) {
      page.clock.tick(INTERVAL - 1);
      page.socket.receive({seq: n, t: 'emit', event: 'tick', data: n});
    }
    assert.equal(ticks.length, 10);
    assert.equal(pings(page.socket), 0);
    page.clock.tick(2 * INTERVAL);
    assert.equal(pings(page.socket), 1, 'silence after the last frame is still checked');
  });

  test('a welcome without heartbeat (an older server) starts no timer', async () => {
    const page = loadPage();
    page.violetear.bundleLoaded();
    await settle();
    page.establish('client-1');
    assert.equal(page.clock.timers.length, 0);
    page.clock.tick(60000);
    assert.deepEqual(page.socket.sent, []);
    assert.equal(page.violetear.state, 'open');
  });

  test('no heartbeat timer outlives its socket', async () => {
    const page = await beatingPage();
    page.violetear.disconnect();
    assert.equal(page.clock.timers.length, 0, 'closed: nothing runs');
    page.violetear.connect();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, heartbeat: INTERVAL});
    page.socket.drop();
    assert.deepEqual(page.clock.timers.map((t) => t.delay), [page.clock.timers[0].delay],
        'only the reconnect is scheduled');
    page.clock.runNext();
    assert.equal(page.clock.timers.length, 1, 'the new socket\'s connect timeout');
    assert.equal(page.clock.timers[0].delay, 10000);
  });
});
