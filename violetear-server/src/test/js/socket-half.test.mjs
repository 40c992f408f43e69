// SPDX-License-Identifier: Apache-2.0
// Unit tests of the runtime's two halves: violetear.js alone on a page whose classes never need
// the socket, violetear-socket.js loaded by a lazy page on its first need (named in
// <meta name="violetear-socket-src">), and the errors of a page that has neither.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {FakeDocument, h} from './fake-dom.mjs';
import {BASE_SOURCE, checkConsole, deferred, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

const SOCKET_SRC = '/_violetear/violetear-socket.0123456789abcdef.js';

/** A page as the server renders it: violetear.js alone, with the given head metas. */
function basePage(metas) {
  const document = new FakeDocument();
  for (const [name, content] of Object.entries(metas)) {
    document.head.appendChild(h('meta', {name, content}));
  }
  return loadPage({document, source: BASE_SOURCE});
}

/** A lazy page that loads the socket half on demand, with its bundle loaded and ready finished. */
async function lazyPage() {
  const page = basePage({'violetear-socket': 'lazy', 'violetear-socket-src': SOCKET_SRC});
  page.violetear.bundleLoaded();
  await settle();
  return page;
}

describe('a lazy page without the socket half', () => {
  test('loads nothing until it needs the server; RPCs and local events need nothing', async () => {
    const page = await lazyPage();
    const seen = [];
    page.violetear.on('note', (data) => seen.push(data));
    page.violetear.emitLocal('note', 'local');
    await page.violetear.rpc('Counter.add', '{"args":[1]}');
    assert.deepEqual(seen, ['local']);
    assert.equal(page.scripts.length, 0);
    assert.equal(page.violetear.state, 'idle');
    assert.equal(page.violetear.clientId, null);
    assert.equal(page.window.violetearSocket, undefined);
  });

  test('the first send loads the socket script; what was sent meanwhile goes out in order',
      async () => {
        const page = await lazyPage();
        const trace = [];
        page.violetear.on('connect', () => trace.push(`connect after ${page.sent().length}`));
        page.violetear.call('Chat.say', ['first']);
        assert.equal(page.scripts.length, 1, 'the send asked for the socket script');
        assert.equal(page.scripts[0].src, SOCKET_SRC);
        assert.equal(page.violetear.state, 'connecting');
        page.violetear.emit('typing', 'ada');
        page.violetear.call('Chat.say', ['second']);
        assert.equal(page.scripts.length, 1, 'loaded once');
        assert.equal(page.sockets.length, 0);
        page.loadScript();
        assert.equal(page.sockets.length, 1, 'installed, the half opens the socket');
        assert.equal(page.document.head.querySelectorAll('script').length, 0,
            'the loaded script leaves the head as the server rendered it');
        assert.equal(page.window.violetearSocket, undefined, 'no global is left behind');
        page.establish('client-2');
        assert.deepEqual(page.sent(), [
          {t: 'call', fn: 'Chat.say', args: ['first'], seq: 1},
          {t: 'emit', event: 'typing', data: 'ada', seq: 2},
          {t: 'call', fn: 'Chat.say', args: ['second'], seq: 3}
        ]);
        assert.deepEqual(trace, ['connect after 3']);
        assert.equal(page.violetear.state, 'open');
        assert.equal(page.violetear.clientId, 'client-2');
      });

  test('connect waits for ready when the half arrives while ready runs', async () => {
    const page = basePage({'violetear-socket': 'lazy', 'violetear-socket-src': SOCKET_SRC});
    const held = deferred();
    const trace = [];
    page.violetear.on('ready', () => {
      page.violetear.call('Board.join', []);
      return held.promise;
    });
    page.violetear.on('connect', () => trace.push('connect'));
    page.violetear.bundleLoaded();
    await settle();
    page.loadScript();
    page.establish();
    assert.deepEqual(page.sent(), [], 'established, but ready has not finished');
    held.resolve();
    await settle();
    assert.deepEqual(page.sent().map((f) => f.fn), ['Board.join']);
    assert.deepEqual(trace, ['connect']);
  });

  test('holds a server emit that arrives before ready finishes, as the installed half does',
      async () => {
        const page = basePage({'violetear-socket': 'lazy', 'violetear-socket-src': SOCKET_SRC});
        const held = deferred();
        const trace = [];
        page.violetear.on('ready', () => held.promise);
        page.violetear.on('news', (data) => trace.push(data));
        page.violetear.connect();
        page.loadScript();
        page.violetear.bundleLoaded();
        await settle();
        page.establish();
        page.socket.receive({t: 'emit', event: 'news', data: 'early', seq: 1});
        assert.deepEqual(trace, []);
        held.resolve();
        await settle();
        assert.deepEqual(trace, ['early']);
      });

  test('connect() and a listening activation load it too', async () => {
    const page = await lazyPage();
    page.violetear.activate('Ticker', false);
    assert.equal(page.scripts.length, 0, 'classes that do not listen need no socket');
    page.violetear.activate('Ticker', true);
    assert.equal(page.scripts.length, 1);
    page.loadScript();
    assert.equal(page.sockets.length, 1);

    const other = await lazyPage();
    other.violetear.connect();
    other.loadScript();
    assert.equal(other.sockets.length, 1);
  });

  test('disconnect() before the half is loaded keeps the page closed once it is', async () => {
    const page = await lazyPage();
    page.violetear.disconnect();
    assert.equal(page.violetear.state, 'closed');
    assert.equal(page.scripts.length, 0, 'closing loads nothing');
    page.violetear.call('Chat.say', ['kept']);
    assert.equal(page.violetear.state, 'closed');
    page.loadScript();
    assert.equal(page.sockets.length, 0, 'the page asked for no connection');
    assert.equal(page.violetear.state, 'closed');
    page.violetear.connect();
    page.establish();
    assert.deepEqual(page.sent().map((f) => f.args), [['kept']]);
  });

  test('a script that fails to load is reported, and the next send loads it again', async () => {
    const page = await lazyPage();
    page.violetear.call('Chat.say', ['one']);
    page.failScript();
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.match(errors[0][0], new RegExp(`could not load the socket script ${SOCKET_SRC}; `));
    page.violetear.call('Chat.say', ['two']);
    page.loadScript();
    page.establish();
    assert.deepEqual(page.sent().map((f) => f.args), [['one'], ['two']]);
  });

  test('a script that installs nothing is reported, not waited for in silence', async () => {
    const page = await lazyPage();
    page.violetear.connect();
    page.loadScript('window.somethingElse = 1;');
    const errors = page.expect('error');
    assert.deepEqual(errors.map((args) => args.join(' ')), [`violetear: the script ${SOCKET_SRC} `
        + 'did not install the socket half; it must be the violetear-socket.js the app serves '
        + 'with this violetear.js.']);
    assert.equal(page.sockets.length, 0);
  });
});

describe('a page with neither the socket half nor its source', () => {
  const FIX = 'this page cannot reach the server, as it lacks violetear-socket.js. Let the app '
      + 'render the page (it adds the script where needed), or include it just before '
      + 'violetear.js.';

  test('reports each socket call with console.error, naming the fix; local handlers run',
      async () => {
        const page = basePage({'violetear-socket': 'lazy'});
        page.violetear.bundleLoaded();
        await settle();
        const seen = [];
        page.violetear.on('typing', (data) => seen.push(data));
        page.violetear.emit('typing', 'ada');
        page.violetear.call('Chat.say', ['hi']);
        page.violetear.connect();
        assert.deepEqual(page.expect('error').map((args) => args.join(' ')), [
          `violetear.emit('typing', data): ${FIX}`,
          `violetear.call('Chat.say', args): ${FIX}`,
          `violetear.connect(): ${FIX}`
        ]);
        assert.deepEqual(seen, ['ada']);
        assert.equal(page.scripts.length, 0);
        assert.equal(page.violetear.state, 'idle');
      });

  test('a page that listens (eager, or no meta) reports it at load', () => {
    const page = basePage({});
    assert.deepEqual(page.expect('error').map((args) => args.join(' ')), [`violetear: ${FIX}`]);
    assert.equal(page.violetear.state, 'closed');
  });

  test('an eager page that names the source loads it at once', () => {
    const page = basePage({'violetear-socket': 'eager', 'violetear-socket-src': SOCKET_SRC});
    assert.equal(page.violetear.state, 'connecting');
    page.loadScript();
    assert.equal(page.sockets.length, 1);
  });
});
