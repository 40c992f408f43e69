// SPDX-License-Identifier: Apache-2.0
// Unit tests of active classes: a page runs the @Client.On and @Client.Realtime handlers of the
// classes its meta tag lists, and a loaded fragment adds more through violetear.activate.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {FakeDocument, h} from './fake-dom.mjs';
import {checkConsole, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

/** A document whose head carries the meta tags the server renders (null: left out). */
function documentWith({classes = null, socket = null} = {}) {
  const document = new FakeDocument();
  if (classes !== null) {
    document.head.appendChild(h('meta', {name: 'violetear-classes', content: classes}));
  }
  if (socket !== null) {
    document.head.appendChild(h('meta', {name: 'violetear-socket', content: socket}));
  }
  return document;
}

/** Registers a class's activation and a realtime method of it, as the bundle does. */
function registerTicker(page, seen) {
  page.violetear.register('realtime', 'Ticker.tick', (args) => seen.push(`tick ${args[0]}`));
  page.violetear.register('class', 'Ticker', () => {
    seen.push('subscribed');
    page.violetear.on('ready', () => seen.push('ready'));
  });
}

describe('active classes', () => {
  test('a page without the meta tag activates every class at registration', () => {
    const page = loadPage();
    const seen = [];
    registerTicker(page, seen);
    assert.deepEqual(seen, ['subscribed']);
  });

  test('a class the page lists is activated at registration, before ready', async () => {
    const page = loadPage({document: documentWith({classes: 'Page Ticker'})});
    const seen = [];
    registerTicker(page, seen);
    page.violetear.bundleLoaded();
    await settle();
    assert.deepEqual(seen, ['subscribed', 'ready']);
  });

  test("a class the page does not list ignores the server's invokes until it is activated",
      async () => {
        const page = loadPage({document: documentWith({classes: 'Page'})});
        const seen = [];
        registerTicker(page, seen);
        page.violetear.bundleLoaded();
        await settle();
        page.establish();
        page.socket.receive({seq: 1, t: 'invoke', fn: 'Ticker.tick', args: [1]});
        assert.deepEqual(seen, [], 'not subscribed, invokes ignored silently');

        page.violetear.activate('Other Ticker', true);
        page.violetear.activate('Ticker', true);
        await settle();
        page.socket.receive({seq: 2, t: 'invoke', fn: 'Ticker.tick', args: [2]});

        assert.deepEqual(seen, ['subscribed', 'ready', 'tick 2'], 'activated once');
      });

  test('an idle page opens its socket when it activates a class that listens', async () => {
    const page = loadPage({document: documentWith({classes: 'Page', socket: 'lazy'})});
    page.violetear.bundleLoaded();
    await settle();

    page.violetear.activate('Counter', false);
    page.violetear.activate(null, false);
    assert.equal(page.violetear.state, 'idle', 'a class that does not listen opens nothing');
    assert.equal(page.sockets.length, 0);

    page.violetear.activate('Ticker', true);
    assert.equal(page.sockets.length, 1);
    assert.equal(page.violetear.state, 'connecting');
  });
});
