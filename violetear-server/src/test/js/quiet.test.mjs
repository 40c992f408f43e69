// SPDX-License-Identifier: Apache-2.0
// Unit tests of when violetear.js opens its socket: at load on a page that listens to the server,
// on the first send on a page rendered with <meta name="violetear-socket" content="lazy">.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {FakeDocument, h} from './fake-dom.mjs';
import {checkConsole, deferred, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

/** A fake document whose head carries the socket meta the server renders. */
function documentWithSocket(content) {
  const document = new FakeDocument();
  document.head.appendChild(h('meta', {name: 'violetear-socket', content}));
  return document;
}

/** A lazy page whose bundle is loaded and whose ready handlers have finished. */
async function idlePage() {
  const page = loadPage({document: documentWithSocket('lazy')});
  page.violetear.bundleLoaded();
  await settle();
  return page;
}

describe('a page that does not listen (lazy)', () => {
  test('opens no socket at load, and reports the idle state', async () => {
    const page = await idlePage();
    assert.equal(page.sockets.length, 0);
    assert.equal(page.violetear.state, 'idle');
    assert.equal(page.violetear.clientId, null);
    assert.equal(page.clock.timers.length, 0, 'no connect timeout, no reconnect');
  });

  test('local emits, subscriptions and RPC calls open nothing', async () => {
    const page = await idlePage();
    const seen = [];
    page.violetear.on('note', (data) => seen.push(data));
    page.violetear.emitLocal('note', 'local');
    const answer = await page.violetear.rpc('Counter.add', '{"args":[1]}');
    assert.deepEqual(seen, ['local']);
    assert.equal(answer.status, 200);
    assert.equal(page.fetch.calls.length, 1);
    assert.equal(page.sockets.length, 0);
    assert.equal(page.violetear.state, 'idle');
  });

  test('the first realtime call opens the socket; it goes out after the welcome, in order',
      async () => {
        const page = await idlePage();
        const trace = [];
        page.violetear.on('connect', () => trace.push(`connect after ${page.sent().length} frames`));
        page.violetear.call('Chat.say', ['first']);
        assert.equal(page.sockets.length, 1, 'the send opened the socket');
        assert.match(page.socket.url, /\/_violetear\/ws\?session=[\w-]{24}&received=0$/);
        assert.equal(page.violetear.state, 'connecting');
        page.violetear.call('Chat.say', ['second']);
        page.violetear.emit('typing', {by: 'ada'});
        assert.equal(page.sockets.length, 1, 'later sends reuse the opening socket');
        page.socket.open();
        assert.deepEqual(page.sent(), [], 'nothing goes out before the welcome');
        page.socket.welcome('client-1');
        assert.deepEqual(page.sent(), [
          {t: 'call', fn: 'Chat.say', args: ['first'], seq: 1},
          {t: 'call', fn: 'Chat.say', args: ['second'], seq: 2},
          {t: 'emit', event: 'typing', data: {by: 'ada'}, seq: 3}
        ]);
        assert.deepEqual(trace, ['connect after 3 frames'], 'the queue is flushed before connect');
        assert.equal(page.violetear.state, 'open');
        assert.equal(page.violetear.clientId, 'client-1');
      });

  test('an emit to the server opens the socket as a call does', async () => {
    const page = await idlePage();
    const seen = [];
    page.violetear.on('typing', (data) => seen.push(data));
    page.violetear.emit('typing', 'ada');
    assert.deepEqual(seen, ['ada'], 'local handlers run at once');
    assert.equal(page.sockets.length, 1);
    page.establish();
    assert.deepEqual(page.sent(), [{t: 'emit', event: 'typing', data: 'ada', seq: 1}]);
  });

  test('a send during a ready handler waits for ready to finish before connect', async () => {
    const page = loadPage({document: documentWithSocket('lazy')});
    const trace = [];
    const held = deferred();
    page.violetear.on('ready', () => {
      page.violetear.call('Board.join', []);
      return held.promise;
    });
    page.violetear.on('connect', () => trace.push('connect'));
    page.violetear.bundleLoaded();
    await settle();
    page.establish();
    assert.deepEqual(page.sent(), [], 'established, but ready has not finished');
    assert.equal(page.violetear.state, 'connecting');
    held.resolve();
    await settle();
    assert.deepEqual(page.sent().map((f) => f.fn), ['Board.join']);
    assert.deepEqual(trace, ['connect']);
  });

  test('once woken it reconnects after a drop like any page', async () => {
    const page = await idlePage();
    page.violetear.call('Chat.say', ['hi']);
    page.establish();
    page.socket.drop();
    assert.equal(page.violetear.state, 'connecting', 'not idle again');
    page.clock.runNext();
    assert.equal(page.sockets.length, 2);
  });

  test('connect() opens the socket without a send', async () => {
    const page = await idlePage();
    const trace = [];
    page.violetear.on('connect', () => trace.push('connect'));
    page.violetear.connect();
    assert.equal(page.sockets.length, 1);
    page.establish('client-7');
    assert.deepEqual(trace, ['connect']);
    assert.equal(page.violetear.clientId, 'client-7');
  });

  test('disconnect() on an idle page closes it for good: sends queue until connect()',
      async () => {
        const page = await idlePage();
        page.violetear.disconnect();
        assert.equal(page.violetear.state, 'closed');
        page.violetear.call('Chat.say', ['kept']);
        assert.equal(page.sockets.length, 0, 'the page asked for no connection');
        page.violetear.connect();
        page.establish();
        assert.deepEqual(page.sent().map((f) => f.args), [['kept']]);
      });

  test('leaving and coming back from the back/forward cache keeps it idle', async () => {
    const page = await idlePage();
    page.dispatchWindow('pagehide', {persisted: true});
    page.dispatchWindow('pageshow', {persisted: true});
    assert.equal(page.sockets.length, 0);
    assert.equal(page.violetear.state, 'idle');
    page.violetear.call('Chat.say', ['after the cache']);
    assert.equal(page.sockets.length, 1, 'a send still wakes it');
  });
});

describe('a page that listens (eager)', () => {
  test('opens the socket at load, before the bundle is loaded', () => {
    const page = loadPage({document: documentWithSocket('eager')});
    assert.equal(page.sockets.length, 1);
    assert.equal(page.violetear.state, 'connecting');
  });

  test('a page without the meta (a hand-written page) opens it at load too', () => {
    const page = loadPage();
    assert.equal(page.sockets.length, 1);
  });

  test('an unknown value is read as eager, so a page never misses a server message', () => {
    const page = loadPage({document: documentWithSocket('sometimes')});
    assert.equal(page.sockets.length, 1);
  });
});
