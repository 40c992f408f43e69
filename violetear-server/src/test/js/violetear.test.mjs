// SPDX-License-Identifier: Apache-2.0
// Unit tests of violetear.js: the public object, the bus, the registry, hydration and rpc. Run
// with `node --test src/test/js/` from violetear-server; the fake browser is in harness.mjs.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {FakeDocument, h} from './fake-dom.mjs';
import {checkConsole, fakeFetch, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

/** A page with `<button data-on-click="Counter.plus">` in its body. */
function pageWithButton(options) {
  const page = loadPage(options);
  const button = page.document.body.appendChild(
      h('button', {id: 'plus', 'data-on-click': 'Counter.plus'}));
  return {...page, button};
}

describe('window.violetear', () => {
  test('exposes the version and a frozen public surface', () => {
    const {violetear} = loadPage();
    assert.equal(violetear.version, '0.1.0');
    assert.deepEqual(Object.keys(violetear).sort(),
        ['activate', 'bundleLoaded', 'call', 'clientId', 'configure', 'connect', 'disconnect',
          'emit', 'emitLocal', 'hydrate', 'off', 'on', 'register', 'rpc', 'state', 'version']);
    assert.ok(Object.isFrozen(violetear));
  });

  test('loading the script twice warns and keeps the first runtime', () => {
    const page = loadPage();
    const first = page.violetear;
    page.run();
    assert.equal(page.window.violetear, first);
    const warnings = page.expect('warn');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0][0], /violetear\.js was loaded twice; keeping the first runtime .*'0\.1\.0'.*Include the script once/);
  });
});

describe('on', () => {
  test('calls handlers in registration order with the data', () => {
    const {violetear} = loadPage();
    const seen = [];
    violetear.on('tick', (data) => seen.push(`a${data}`));
    violetear.on('tick', (data) => seen.push(`b${data}`));
    violetear.on('other', () => seen.push('other'));
    violetear.emit('tick', 1);
    violetear.emit('tick', 2);
    assert.deepEqual(seen, ['a1', 'b1', 'a2', 'b2']);
  });

  test('returns a function that removes only that subscription', () => {
    const {violetear} = loadPage();
    const seen = [];
    const handler = (data) => seen.push(data);
    const unsubscribeFirst = violetear.on('tick', handler);
    violetear.on('tick', handler);
    unsubscribeFirst();
    unsubscribeFirst();
    violetear.emit('tick', 'x');
    assert.deepEqual(seen, ['x']);
  });

  test('rejects a handler that is not a function, naming the event', () => {
    const {violetear} = loadPage();
    assert.throws(() => violetear.on('tick', 'nope'), {
      name: 'TypeError',
      message: "violetear.on('tick', handler): handler must be a function, got string."
    });
    assert.throws(() => violetear.on('', () => {}), {
      message: 'violetear.on(event, handler): event must be a non-empty string, got an empty string.'
    });
  });

  test("a late on('ready') is called once, asynchronously", async () => {
    const {violetear} = loadPage();
    violetear.bundleLoaded();
    const calls = [];
    violetear.on('ready', () => calls.push('late'));
    const unsubscribed = violetear.on('ready', () => calls.push('cancelled'));
    unsubscribed();
    assert.deepEqual(calls, [], 'not called synchronously');
    await settle();
    await settle();
    assert.deepEqual(calls, ['late']);
  });

  test("an on('ready') made inside a ready handler is called once, after it", async () => {
    const {violetear} = loadPage();
    const calls = [];
    violetear.on('ready', () => {
      calls.push('first');
      violetear.on('ready', () => calls.push('nested'));
    });
    violetear.bundleLoaded();
    assert.deepEqual(calls, ['first']);
    await settle();
    await settle();
    assert.deepEqual(calls, ['first', 'nested']);
  });
});

describe('off', () => {
  test('removes the handler, also from an emit already under way', () => {
    const {violetear} = loadPage();
    const seen = [];
    const second = () => seen.push('second');
    violetear.on('tick', () => {
      seen.push('first');
      violetear.off('tick', second);
    });
    violetear.on('tick', second);
    violetear.emit('tick');
    violetear.emit('tick');
    violetear.off('never-subscribed', second);
    assert.deepEqual(seen, ['first', 'first']);
  });
});

describe('emit', () => {
  test('reports a throwing handler with console.error and still runs the others', () => {
    const page = loadPage();
    const seen = [];
    page.violetear.on('tick', () => seen.push('before'));
    page.violetear.on('tick', () => { throw new Error('boom'); });
    page.violetear.on('tick', () => seen.push('after'));
    page.violetear.emit('tick');
    assert.deepEqual(seen, ['before', 'after']);
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0][0], "violetear: a handler for event 'tick' threw:");
    assert.equal(errors[0][1].message, 'boom');
  });

  test('reports a handler whose promise rejects', async () => {
    const page = loadPage();
    page.violetear.on('tick', async () => { throw new Error('late boom'); });
    page.violetear.emit('tick');
    await settle();
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0][1].message, 'late boom');
  });

  test('rejects lifecycle event names', () => {
    const {violetear} = loadPage();
    for (const event of ['ready', 'connect', 'disconnect', 'start', 'stop']) {
      assert.throws(() => violetear.emit(event), {
        message: `violetear.emit: '${event}' is a lifecycle event that only the framework fires; `
            + 'emit a custom event name instead.'
      });
    }
  });
});

describe('register', () => {
  test('rejects a duplicate name, naming it', () => {
    const {violetear} = loadPage();
    violetear.register('callback', 'Counter.plus', () => {});
    assert.throws(() => violetear.register('callback', 'Counter.plus', () => {}), {
      message: "violetear.register: callback 'Counter.plus' is already registered; register each "
          + 'name once (is the app bundle included twice?).'
    });
  });

  test('rejects an unknown kind and a missing function', () => {
    const {violetear} = loadPage();
    assert.throws(() => violetear.register('handler', 'Counter.plus', () => {}), {
      message: "violetear.register: unknown kind 'handler' for 'Counter.plus'; expected one of "
          + "'callback', 'realtime', 'class', 'binder'."
    });
    assert.throws(() => violetear.register('callback', 'Counter.plus'), {
      name: 'TypeError',
      message: "violetear.register('callback', 'Counter.plus', fn): fn must be a function, got "
          + 'undefined.'
    });
  });
});

describe('bundleLoaded', () => {
  test('fires ready exactly once, after every binding is attached', () => {
    const {violetear, button} = pageWithButton();
    const order = [];
    violetear.register('callback', 'Counter.plus', () => order.push('callback'));
    violetear.on('ready', () => {
      order.push(`ready with ${button.listenerCount('click')} listener`);
      button.fire('click');
    });
    violetear.bundleLoaded();
    assert.deepEqual(order, ['ready with 1 listener', 'callback']);
  });

  test('waits for DOMContentLoaded while the document is loading', () => {
    const {violetear, document, button} = pageWithButton(
        {document: new FakeDocument({readyState: 'loading'})});
    let readyCount = 0;
    violetear.register('callback', 'Counter.plus', () => {});
    violetear.on('ready', () => readyCount++);
    violetear.bundleLoaded();
    assert.equal(readyCount, 0);
    assert.equal(button.listenerCount('click'), 0);
    document.finishParsing();
    assert.equal(readyCount, 1);
    assert.equal(button.listenerCount('click'), 1);
    document.finishParsing();
    assert.equal(readyCount, 1, 'ready fires exactly once');
  });

  test('a second call warns and changes nothing', () => {
    const page = pageWithButton();
    let readyCount = 0;
    page.violetear.register('callback', 'Counter.plus', () => {});
    page.violetear.on('ready', () => readyCount++);
    page.violetear.bundleLoaded();
    page.violetear.bundleLoaded();
    assert.equal(readyCount, 1);
    assert.equal(page.button.listenerCount('click'), 1);
    const warnings = page.expect('warn');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0][0], /^violetear\.bundleLoaded\(\) was called twice; the second call is ignored\./);
  });
});

describe('hydrate', () => {
  test('calls the registered callback with violetearTarget set to the bound element', () => {
    const {violetear, button} = pageWithButton();
    const icon = button.appendChild(h('span'));
    const events = [];
    violetear.register('callback', 'Counter.plus', (event) => events.push(event));
    violetear.bundleLoaded();
    const event = icon.fire('click');
    assert.equal(events.length, 1);
    assert.equal(events[0], event);
    assert.equal(event.currentTarget, null, 'dispatch is over');
    assert.equal(event.violetearTarget, button);
    assert.equal(event.target, icon);
    assert.equal(event.defaultPrevented, false, 'only submit is prevented');
  });

  test('prevents the default action of submit', () => {
    const page = loadPage();
    const form = page.document.body.appendChild(h('form', {'data-on-submit': 'Login.send'}));
    let submitted = null;
    page.violetear.register('callback', 'Login.send', (event) => { submitted = event; });
    page.violetear.bundleLoaded();
    const event = form.fire('submit');
    assert.equal(submitted, event);
    assert.equal(event.defaultPrevented, true);
    assert.equal(event.violetearTarget, form);
  });

  test('reports an unknown callback and still attaches the other bindings', () => {
    const page = loadPage();
    const body = page.document.body;
    const bad = body.appendChild(h('button', {id: 'minus', class: 'big', 'data-on-click': 'Counter.minus'}));
    const good = body.appendChild(h('input', {'data-on-input': 'Counter.typed'}));
    const seen = [];
    page.violetear.register('callback', 'Counter.typed', () => seen.push('typed'));
    page.violetear.bundleLoaded();
    good.fire('input');
    assert.deepEqual(seen, ['typed']);
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0][0], 'violetear: data-on-click="Counter.minus" on <button id="minus" '
        + 'class="big"> is not a registered @Client.Callback: register its class with '
        + "app.register(...) (registered: 'Counter.typed').");
    assert.equal(errors[0][1], bad);
  });

  test('binds each element once and binds new content on a later call', () => {
    const {violetear, document, button} = pageWithButton();
    let clicks = 0;
    violetear.register('callback', 'Counter.plus', () => clicks++);
    violetear.bundleLoaded();
    assert.equal(violetear.hydrate(), 0);
    assert.equal(violetear.hydrate(document), 0);
    const added = document.body.appendChild(h('div', {'data-on-click': 'Counter.plus'}));
    assert.equal(violetear.hydrate(added), 1, 'the root element itself is hydrated');
    assert.equal(violetear.hydrate(document.body), 0);
    button.fire('click');
    added.fire('click');
    assert.equal(button.listenerCount('click'), 1);
    assert.equal(clicks, 2, 'the click on the div does not bubble into a second binding');
  });

  test('calls each binder with the root after the callbacks, counting what it bound', () => {
    const {violetear, document} = pageWithButton();
    const roots = [];
    violetear.register('callback', 'Counter.plus', () => {});
    violetear.register('binder', 'states', (root) => { roots.push(root); return 2; });
    violetear.bundleLoaded();
    assert.deepEqual(roots, [document], 'the page at load');
    const added = document.body.appendChild(h('div', {'data-on-click': 'Counter.plus'}));
    assert.equal(violetear.hydrate(added), 3, 'one callback and what the binder bound');
    assert.deepEqual(roots, [document, added]);
  });

  test('reports a binder that throws and still counts the callbacks', () => {
    const page = pageWithButton();
    page.violetear.register('callback', 'Counter.plus', () => {});
    page.violetear.register('binder', 'states', () => { throw new Error('broken'); });
    page.violetear.bundleLoaded();
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.match(errors[0][0], /^violetear: binding states under <.*> failed:$/);
    assert.equal(page.violetear.hydrate(page.button), 0);
    page.expect('error');
  });

  test('retries a binding whose callback was registered later', () => {
    const page = pageWithButton();
    page.violetear.bundleLoaded();
    assert.equal(page.expect('error').length, 1);
    assert.match(page.logs.error[0][0], /\(registered: none\)\.$/);
    let clicks = 0;
    page.violetear.register('callback', 'Counter.plus', () => clicks++);
    assert.equal(page.violetear.hydrate(), 1);
    page.button.fire('click');
    assert.equal(clicks, 1);
  });

  test('reports a callback that throws, naming it', () => {
    const page = pageWithButton();
    page.violetear.register('callback', 'Counter.plus', () => { throw new Error('bad'); });
    page.violetear.bundleLoaded();
    page.button.fire('click');
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0][0],
        "violetear: @Client.Callback 'Counter.plus' threw on 'click' of <button id=\"plus\">:");
  });

  test('rejects a root that is not a node', () => {
    const {violetear} = loadPage();
    assert.throws(() => violetear.hydrate('#app'), {
      name: 'TypeError',
      message: 'violetear.hydrate(root): root must be a Document or an Element, got string.'
    });
  });
});

describe('rpc', () => {
  test('posts the body to the function URL with the JSON headers and resolves status and body', async () => {
    const {violetear, fetch} = loadPage();
    const result = await violetear.rpc('Counter.add', '{"args":[1]}');
    assert.deepEqual({...result}, {status: 200, body: '{"result":1}'});
    assert.equal(fetch.calls.length, 1);
    const {url, init} = fetch.calls[0];
    assert.equal(url, '/_violetear/rpc/Counter.add');
    assert.deepEqual(JSON.parse(JSON.stringify(init)), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-Violetear': '1'},
      body: '{"args":[1]}'
    });
  });

  test('resolves an error status with its body instead of rejecting', async () => {
    const body = '{"error":{"type":"IllegalArgumentException","message":"no"}}';
    const {violetear} = loadPage({fetch: fakeFetch(() => ({status: 500, body}))});
    const result = await violetear.rpc('Counter.add', '{"args":[]}');
    assert.deepEqual({...result}, {status: 500, body});
  });

  test('resolves status 0 with a NetworkError body when fetch fails', async () => {
    const {violetear} = loadPage({fetch: fakeFetch(() => new TypeError('Failed to fetch'))});
    const result = await violetear.rpc('Counter.add', '{"args":[1]}');
    assert.equal(result.status, 0);
    assert.deepEqual(JSON.parse(result.body), {
      error: {type: 'NetworkError', message: 'Could not reach the server: Failed to fetch'}
    });
  });

  test('resolves status 0 when fetch throws synchronously', async () => {
    const {violetear} = loadPage({fetch: () => { throw new Error('blocked'); }});
    const result = await violetear.rpc('Counter.add', '{"args":[1]}');
    assert.equal(result.status, 0);
    assert.equal(JSON.parse(result.body).error.message, 'Could not reach the server: blocked');
  });

  test('uses the base path of <meta name="violetear-base">', async () => {
    const document = new FakeDocument();
    document.head.appendChild(h('meta', {name: 'violetear-base', content: '/shop/_violetear/'}));
    const {violetear, fetch} = loadPage({document});
    await violetear.rpc('Cart.total', '{"args":[]}');
    assert.equal(fetch.calls[0].url, '/shop/_violetear/rpc/Cart.total');
  });

  test('rejects a body that is not a string, naming the fix', () => {
    const {violetear} = loadPage();
    assert.throws(() => violetear.rpc('Counter.add', {args: [1]}), {
      name: 'TypeError',
      message: "violetear.rpc('Counter.add', bodyText): bodyText must be a JSON string, got "
          + 'object; pass JSON.stringify({args: [...]}).'
    });
  });
});
