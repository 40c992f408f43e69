// SPDX-License-Identifier: Apache-2.0
// Unit tests of the lifecycle ordering of violetear.js (docs/design.md, ordering and delivery): ready, connect and
// disconnect for every interleaving of bundle, ready handlers, socket welcome and socket close.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {ORIGINAL_SOURCE, checkConsole, deferred, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

/** Records the lifecycle events of `page` into the returned array. */
function traceLifecycle(page) {
  const trace = [];
  for (const event of ['connect', 'disconnect']) page.violetear.on(event, () => trace.push(event));
  return trace;
}

describe('ready and connect', () => {
  test('connect waits for the promises of every ready handler (socket faster than bundle)', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    const first = deferred();
    const second = deferred();
    page.violetear.on('ready', () => { trace.push('ready 1'); return first.promise; });
    page.violetear.on('ready', () => { trace.push('ready 2'); return second.promise; });
    page.violetear.on('ready', () => { trace.push('ready 3'); });
    page.establish();
    page.violetear.bundleLoaded();
    await settle();
    second.resolve();
    await settle();
    assert.deepEqual(trace, ['ready 1', 'ready 2', 'ready 3'], 'the first handler is still running');
    assert.equal(page.violetear.state, 'connecting');
    first.resolve();
    await settle();
    assert.deepEqual(trace, ['ready 1', 'ready 2', 'ready 3', 'connect']);
  });

  test('a ready handler that rejects is reported and connect still follows', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    page.violetear.on('ready', () => Promise.reject(new Error('ready failed')));
    page.violetear.bundleLoaded();
    page.establish();
    await settle();
    assert.deepEqual(trace, ['connect']);
    assert.equal(page.expect('error')[0][1].message, 'ready failed');
  });

  test('a ready handler subscribed while ready runs is awaited too', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    const nested = deferred();
    page.violetear.on('ready', () => {
      page.violetear.on('ready', () => { trace.push('nested ready'); return nested.promise; });
    });
    page.establish();
    page.violetear.bundleLoaded();
    await settle();
    assert.deepEqual(trace, ['nested ready']);
    nested.resolve();
    await settle();
    assert.deepEqual(trace, ['nested ready', 'connect']);
  });

  test('a ready handler subscribed later, before ready finished, is awaited too', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    const gate = deferred();
    const late = deferred();
    page.violetear.on('ready', async () => {
      await gate.promise;
      page.violetear.on('ready', () => { trace.push('late ready'); return late.promise; });
    });
    page.establish();
    page.violetear.bundleLoaded();
    gate.resolve();
    await settle();
    assert.deepEqual(trace, ['late ready']);
    late.resolve();
    await settle();
    assert.deepEqual(trace, ['late ready', 'connect']);
  });

  test('bundle faster than socket: connect fires at the welcome, not at open', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    page.violetear.bundleLoaded();
    await settle();
    page.socket.open();
    assert.deepEqual(trace, []);
    page.socket.welcome();
    assert.deepEqual(trace, ['connect']);
  });

  test('an emit inside a ready handler is queued and sent before connect', async () => {
    const page = loadPage();
    const seen = [];
    page.violetear.on('ready', () => page.violetear.emit('hello', 1));
    page.violetear.on('connect', () => seen.push(page.sent().map((frame) => frame.event)));
    page.establish();
    page.violetear.bundleLoaded();
    assert.deepEqual(page.sent(), [], 'held while ready runs, although the socket is established');
    await settle();
    assert.deepEqual(seen, [['hello']]);
  });
});

describe('disconnect', () => {
  test('a close before the welcome fires nothing', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    page.violetear.bundleLoaded();
    await settle();
    page.socket.drop();
    page.clock.runNext();
    page.socket.open();
    page.socket.drop();
    assert.deepEqual(trace, []);
  });

  test('a connection lost before ready finished fires nothing', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    const gate = deferred();
    page.violetear.on('ready', () => gate.promise);
    page.establish();
    page.violetear.bundleLoaded();
    page.socket.drop();
    gate.resolve();
    await settle();
    assert.deepEqual(trace, []);
    page.clock.runNext();
    page.establish();
    assert.deepEqual(trace, ['connect']);
  });

  test('fires once per lost live connection, after its connect', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    page.violetear.bundleLoaded();
    await settle();
    for (let i = 0; i < 3; i++) {
      page.establish();
      page.socket.drop();
      page.socket.drop();
      page.clock.runNext();
    }
    assert.deepEqual(trace, ['connect', 'disconnect', 'connect', 'disconnect', 'connect',
      'disconnect']);
  });
});

describe('frames from the server before ready finished', () => {
  test('are held and delivered in order after ready finished and after connect', async () => {
    const page = loadPage();
    const trace = traceLifecycle(page);
    const gate = deferred();
    page.violetear.on('ready', () => gate.promise);
    page.violetear.on('news', (data) => trace.push(`news ${data}`));
    page.violetear.register('realtime', 'Chat.toast', (args) => trace.push(`toast ${args[0]}`));
    page.establish();
    page.socket.receive({t: 'emit', event: 'news', data: 1});
    page.socket.receive({t: 'invoke', fn: 'Chat.toast', args: [2]});
    page.violetear.bundleLoaded();
    page.socket.receive({t: 'emit', event: 'news', data: 3});
    await settle();
    assert.deepEqual(trace, [], 'not while the ready handler runs');
    gate.resolve();
    await settle();
    page.socket.receive({t: 'emit', event: 'news', data: 4});
    assert.deepEqual(trace, ['connect', 'news 1', 'toast 2', 'news 3', 'news 4']);
  });
});

/** The distinct orderings of `items` (which may repeat), in lexicographic order of indexes. */
function distinctPermutations(items) {
  if (items.length === 0) return [[]];
  const result = [];
  new Set(items).forEach((first) => {
    const rest = items.slice();
    rest.splice(rest.indexOf(first), 1);
    distinctPermutations(rest).forEach((tail) => result.push([first, ...tail]));
  });
  return result;
}

/**
 * The steps interleaved by the test. bundle: the bundle calls bundleLoaded(); resolve: the ready
 * handler's promise resolves; establish: the socket (or, after a close, the scheduled reconnect)
 * opens and is welcomed; drop: the socket closes, opened or not. A step with nothing to act on
 * (establish while established, drop without a socket) does nothing.
 */
const STEPS = ['bundle', 'resolve', 'establish', 'drop', 'establish', 'drop'];

/**
 * Runs one interleaving on a fresh page, with an emit after every step, and checks the rules of
 * docs/design.md, ordering and delivery against a model of when the runtime should go live.
 */
async function runInterleaving(order, settleBetween, source) {
  const page = loadPage(source === undefined ? {} : {source});
  const {violetear} = page;
  const trace = [];
  const problems = [];
  const gate = deferred();
  let emitted = 0;
  const emit = (event) => {
    violetear.emit(event);
    emitted++;
  };
  violetear.on('ready', () => {
    trace.push('ready');
    emit('from-ready');
    return gate.promise.then(() => trace.push('ready finished'));
  });
  violetear.on('connect', () => {
    trace.push('connect');
    const sent = page.sent().map((frame) => frame.seq);
    if (sent.length !== emitted) problems.push(`connect saw ${sent.length} of ${emitted} frames`);
    if (violetear.state !== 'open') problems.push(`connect saw state ${violetear.state}`);
  });
  violetear.on('disconnect', () => trace.push('disconnect'));

  // What the runtime must do: go live at the later of "established" and "ready finished".
  const model = {bundle: false, resolved: false, readyFinished: false, established: false,
    live: false, connects: 0, disconnects: 0};
  const goLive = () => {
    if (model.readyFinished && model.established && !model.live) {
      model.live = true;
      model.connects++;
    }
  };
  const afterSettle = () => {
    model.readyFinished = model.bundle && model.resolved;
    goLive();
  };
  const socketGone = () => page.socket.readyState === 3;

  for (const step of order) {
    if (step === 'bundle') {
      violetear.bundleLoaded();
      model.bundle = true;
    } else if (step === 'resolve') {
      gate.resolve();
      model.resolved = true;
    } else if (step === 'establish' && !model.established) {
      if (socketGone()) page.clock.runNext();
      page.establish();
      model.established = true;
      goLive();
    } else if (step === 'drop' && !socketGone()) {
      page.socket.drop();
      if (model.live) model.disconnects++;
      model.live = model.established = false;
    }
    emit(`after-${step}`);
    if (settleBetween) {
      await settle();
      afterSettle();
    }
  }
  await settle();
  afterSettle();

  const label = `${order.join(', ')}: ${trace.join(', ')}`;
  assert.deepEqual(problems, [], label);
  assert.deepEqual(page.unexpected(), [], label);
  assert.equal(trace.filter((event) => event === 'ready').length, 1, `ready once; ${label}`);
  const firstConnect = trace.indexOf('connect');
  assert.ok(firstConnect < 0 || firstConnect > trace.indexOf('ready finished'),
      `connect after the ready handlers finished; ${label}`);
  const lifecycle = trace.filter((event) => event === 'connect' || event === 'disconnect');
  lifecycle.forEach((event, i) => assert.equal(event, i % 2 === 0 ? 'connect' : 'disconnect',
      `connect and disconnect alternate, starting with connect; ${label}`));
  assert.equal(lifecycle.length - lifecycle.filter((e) => e === 'disconnect').length,
      model.connects, `one connect per establishment after ready; ${label}`);
  assert.equal(lifecycle.filter((e) => e === 'disconnect').length, model.disconnects,
      `one disconnect per lost live connection; ${label}`);

  // Finally every frame arrives exactly once, in the order of the emits.
  if (!model.live) {
    if (socketGone()) page.clock.runNext();
    page.establish();
  }
  assert.equal(violetear.state, 'open', label);
  const seqs = page.sent().map((frame) => frame.seq);
  assert.deepEqual(seqs, Array.from({length: emitted}, (_, i) => i + 1), label);
  return order;
}

/**
 * Runtimes each broken in one lifecycle rule, made by replacing pieces of one function of the
 * source: the interleavings must catch every one, or they do not test that rule.
 */
const BROKEN = [
  ['connect before the ready handlers finished', 'goLive', [['|| !base.isReady()', '']]],
  ['connect before the queued frames are flushed', 'goLive', [
    ['    flush();\n', ''],
    ['fire(EVENT_CONNECT, undefined);', 'fire(EVENT_CONNECT, undefined);\n    flush();']]],
  ['no connect when ready finishes after the welcome', 'onReady', [['goLive();', '']]],
  ['disconnect without a connect before it', 'detach',
    [['if (conn.isLive) {', 'if (conn.isEstablished) {']]],
];

/** `source` with each [original, broken] pair replaced in the body of function `name`, once. */
function breakFunction(source, name, pairs) {
  const start = source.indexOf(`function ${name}(`);
  assert.ok(start >= 0, `the runtime has a function ${name}`);
  // The runtime's functions sit two spaces deep in its wrapper, and so does their closing brace.
  const end = source.indexOf('\n  }\n', start);
  let body = source.slice(start, end);
  for (const [original, broken] of pairs) {
    assert.equal(body.split(original).length, 2, `${name} has one '${original}'`);
    body = body.replace(original, broken);
  }
  return source.slice(0, start) + body + source.slice(end);
}

describe('lifecycle order', () => {
  for (const settleBetween of [true, false]) {
    const how = settleBetween ? 'with the promises settled after each step'
        : 'with every step before the promises settle';
    test(`holds for every interleaving of ${STEPS.join(', ')}, ${how}`, async () => {
      let runs = 0;
      for (const order of distinctPermutations(STEPS)) {
        await runInterleaving(order, settleBetween);
        runs++;
      }
      // 6! / (2! 2!): establish and drop appear twice each.
      assert.equal(runs, 180);
    });
  }

  for (const [rule, name, pairs] of BROKEN) {
    test(`catches a runtime that fires ${rule}`, async () => {
      const source = breakFunction(ORIGINAL_SOURCE, name, pairs);
      const caught = [];
      for (const settleBetween of [true, false]) {
        for (const order of distinctPermutations(STEPS)) {
          try {
            await runInterleaving(order, settleBetween, source);
          } catch (e) {
            if (!(e instanceof assert.AssertionError)) throw e;
            caught.push(order.join());
          }
        }
      }
      assert.ok(caught.length > 0, `no interleaving noticed a runtime that fires ${rule}`);
    });
  }
});
