// SPDX-License-Identifier: Apache-2.0
// Unit tests of the realtime layer of violetear.js: the socket, frames in both directions, the
// outgoing queue, configure and the reconnect backoff. The fake browser is in harness.mjs.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {FakeDocument, h} from './fake-dom.mjs';
import {checkConsole, fakeWebSocketClass, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

/** A page whose bundle is loaded and whose ready handlers have finished. */
async function readyPage(options) {
  const page = loadPage(options);
  page.violetear.bundleLoaded();
  await settle();
  return page;
}

/** A page with a live connection: ready finished, socket open and welcomed. */
async function livePage(options) {
  const page = await readyPage(options);
  page.establish('client-1');
  assert.equal(page.violetear.state, 'open');
  return page;
}

/** The largest default delay for `tries`. */
const ceiling = (tries) => Math.min(10000, 200 * 2 ** tries);

describe('socket', () => {
  test('opens <base>/ws on the page host at load', () => {
    const page = loadPage();
    assert.equal(page.sockets.length, 1);
    assert.match(page.socket.url, /^ws:\/\/localhost:8000\/_violetear\/ws\?session=[\w-]{24}&received=0$/);
    const secure = loadPage({location: {protocol: 'https:', host: 'shop.example:8443'}});
    assert.match(secure.socket.url, /^wss:\/\/shop\.example:8443\/_violetear\/ws\?session=/);
  });

  test('uses the base path of <meta name="violetear-base">', () => {
    const document = new FakeDocument();
    document.head.appendChild(h('meta', {name: 'violetear-base', content: '/shop/_violetear/'}));
    const page = loadPage({document});
    assert.match(page.socket.url, /^ws:\/\/localhost:8000\/shop\/_violetear\/ws\?session=/);
  });

  test('welcome sets clientId; state is open once the connection is live', async () => {
    const page = loadPage();
    assert.equal(page.violetear.state, 'connecting');
    assert.equal(page.violetear.clientId, null);
    page.establish('abc');
    assert.equal(page.violetear.clientId, 'abc');
    assert.equal(page.violetear.state, 'connecting', 'established, but ready has not finished');
    page.violetear.bundleLoaded();
    await settle();
    assert.equal(page.violetear.state, 'open');
    page.socket.drop();
    assert.equal(page.violetear.state, 'connecting', 'a reconnect is scheduled');
    assert.equal(page.violetear.clientId, 'abc', 'the id of the last welcome');
    page.clock.runNext();
    page.establish('def');
    assert.equal(page.violetear.clientId, 'def');
    assert.equal(page.violetear.state, 'open');
  });

  test('disconnect() closes cleanly, fires disconnect once and does not reconnect', async () => {
    const page = await livePage();
    const seen = [];
    page.violetear.on('disconnect', () => seen.push(`disconnect in ${page.violetear.state}`));
    const socket = page.socket;
    page.violetear.disconnect();
    assert.deepEqual(socket.closedWith, {code: 1000, reason: 'violetear.disconnect()'});
    assert.deepEqual(seen, ['disconnect in closed']);
    assert.equal(page.violetear.state, 'closed');
    socket.drop(1000);
    page.violetear.disconnect();
    assert.deepEqual(seen, ['disconnect in closed'], 'the late close event changes nothing');
    assert.equal(page.clock.timers.length, 0, 'no reconnect is scheduled');
    page.violetear.call('Chat.send', ['queued while closed']);
    page.violetear.connect();
    page.violetear.connect();
    assert.equal(page.sockets.length, 2, 'connect() opens one socket');
    page.establish();
    assert.deepEqual(page.socket.frames.map((f) => f.args), [['queued while closed']]);
  });

  test('leaving the page closes the socket; a page shown again from the cache reconnects',
      async () => {
        const page = await livePage();
        const seen = [];
        page.violetear.on('disconnect', () => seen.push('disconnect'));
        page.violetear.on('connect', () => seen.push('connect'));
        const first = page.socket;
        page.dispatchWindow('pagehide', {persisted: true});
        assert.deepEqual(first.closedWith, {code: 4001, reason: 'page closed'});
        assert.deepEqual(seen, ['disconnect']);
        assert.equal(page.clock.timers.length, 0, 'a hidden page does not reconnect');
        page.dispatchWindow('pageshow', {persisted: true});
        assert.equal(page.sockets.length, 2);
        page.establish('client-1');
        await settle();
        assert.deepEqual(seen, ['disconnect', 'connect']);
        assert.equal(page.violetear.state, 'open');
      });

  test('a page that unloads tells the server with 4001, so its page_close runs at once',
      async () => {
        const page = await livePage();
        const seen = [];
        page.violetear.on('disconnect', () => seen.push('disconnect'));
        const first = page.socket;
        page.dispatchWindow('pagehide', {persisted: false});
        assert.deepEqual(first.closedWith, {code: 4001, reason: 'page closed'});
        assert.deepEqual(seen, ['disconnect']);
        assert.equal(page.clock.timers.length, 0, 'an unloading page does not reconnect');
      });

  test('a first pageshow, and a pageshow after disconnect(), open nothing', async () => {
    const page = await livePage();
    page.dispatchWindow('pageshow', {persisted: false});
    assert.equal(page.sockets.length, 1);
    page.violetear.disconnect();
    page.dispatchWindow('pagehide', {persisted: true});
    page.dispatchWindow('pageshow', {persisted: true});
    assert.equal(page.sockets.length, 1, 'the page had closed the connection itself');
    assert.equal(page.violetear.state, 'closed');
  });

  test('disconnect() cancels a scheduled reconnect', async () => {
    const page = await livePage();
    page.socket.drop();
    assert.equal(page.clock.timers.length, 1);
    page.violetear.disconnect();
    assert.equal(page.clock.timers.length, 0);
    assert.equal(page.violetear.state, 'closed');
  });

  test('a disconnect handler sees state connecting while a reconnect is scheduled', async () => {
    const page = await livePage();
    const states = [];
    page.violetear.on('disconnect', () => states.push(page.violetear.state));
    page.socket.drop();
    assert.deepEqual(states, ['connecting']);
  });

  test('a socket that cannot be created is reported and retried with backoff', () => {
    const WebSocket = fakeWebSocketClass();
    WebSocket.refuse = 1;
    const page = loadPage({WebSocket});
    assert.equal(page.sockets.length, 0);
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0][0], 'violetear: could not open the socket '
        + 'ws://localhost:8000/_violetear/ws?session=AAAAAAAAAAAAAAAAAAAAAAAA&received=0; retrying with '
        + 'backoff:');
    assert.equal(page.violetear.state, 'connecting');
    page.clock.runNext();
    assert.equal(page.sockets.length, 1);
  });

  test('without WebSocket it reports the problem once and stays closed', () => {
    const page = loadPage({WebSocket: null});
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.match(errors[0][0], /^violetear: this browser has no WebSocket, so realtime calls/);
    assert.equal(page.violetear.state, 'closed');
  });
});

describe('frames from the server', () => {
  test('a frame that is not JSON is reported and the next ones still work', async () => {
    const page = await livePage();
    page.socket.receive('not json {');
    page.socket.receive('42');
    page.socket.receive({t: 'welcome', clientId: 'next'});
    const errors = page.expect('error');
    assert.deepEqual(errors.map((args) => args[0]), [
      'violetear: ignored a frame from the server that is not a JSON object: not json {',
      'violetear: ignored a frame from the server that is not a JSON object: 42'
    ]);
    assert.equal(page.violetear.clientId, 'next');
  });

  test('an unknown frame type is reported, naming it', async () => {
    const page = await livePage();
    page.socket.receive({t: 'shrug'});
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0][0], "violetear: ignored a frame of unknown type 'shrug' from the server "
        + '(known: welcome, invoke, emit, ack, pong, error); is violetear.js older than the server?');
  });

  test('an error frame is reported as coming from the server', async () => {
    const page = await livePage();
    page.socket.receive({t: 'error', message: 'frame too large'});
    assert.deepEqual(page.expect('error').map((args) => args[0]),
        ['violetear: the server reported an error: frame too large']);
  });

  test('an ack frame is accepted silently', async () => {
    const page = await livePage();
    page.violetear.call('Chat.send', []);
    page.socket.receive({t: 'ack', seq: 1});
    assert.equal(page.violetear.state, 'open');
  });

  test('invoke frames call the registered realtime function with the args, in order', async () => {
    const page = loadPage();
    const seen = [];
    page.violetear.register('realtime', 'Chat.toast', (args) => seen.push([...args]));
    page.violetear.bundleLoaded();
    await settle();
    page.establish();
    page.socket.receive({t: 'invoke', fn: 'Chat.toast', args: ['Welcome', 'info']});
    page.socket.receive({t: 'invoke', fn: 'Chat.toast', args: ['Bye', 'warn']});
    assert.deepEqual(seen, [['Welcome', 'info'], ['Bye', 'warn']]);
  });

  test('an invoke of an unregistered function is reported with the fix', async () => {
    const page = await livePage();
    page.socket.receive({t: 'invoke', fn: 'Chat.toast', args: []});
    assert.deepEqual(page.expect('error').map((args) => args[0]), [
      "violetear: the server invoked 'Chat.toast', which is not a registered @Client.Realtime "
          + 'function: register the class with app.register(...) and mark the method '
          + '@Client.Realtime.'
    ]);
  });

  test('a realtime function that throws or rejects is reported, naming it', async () => {
    const page = loadPage();
    page.violetear.register('realtime', 'Chat.toast', () => { throw new Error('bad'); });
    page.violetear.register('realtime', 'Chat.later', async () => { throw new Error('late'); });
    page.violetear.bundleLoaded();
    await settle();
    page.establish();
    page.socket.receive({t: 'invoke', fn: 'Chat.toast', args: []});
    page.socket.receive({t: 'invoke', fn: 'Chat.later', args: []});
    page.socket.receive({t: 'invoke', fn: 'Chat.toast', args: 'oops'});
    await settle();
    const errors = page.expect('error');
    assert.deepEqual(errors.map((args) => args[0]), [
      "violetear: @Client.Realtime 'Chat.toast' threw:",
      "violetear: ignored an invoke of 'Chat.toast' from the server whose args are string "
          + 'instead of an array.',
      "violetear: @Client.Realtime 'Chat.later' threw:"
    ]);
    assert.equal(errors[0][1].message, 'bad');
    assert.equal(errors[2][1].message, 'late');
  });

  test('an emit frame runs the local handlers only and is not echoed', async () => {
    const page = await livePage();
    const seen = [];
    page.violetear.on('game_started', (data) => seen.push(data));
    page.socket.receive({t: 'emit', event: 'game_started', data: {id: 7}});
    assert.deepEqual(seen.map((data) => ({...data})), [{id: 7}]);
    assert.deepEqual(page.sent(), []);
  });

  test('an emit frame with a lifecycle name is reported and ignored', async () => {
    const page = await livePage();
    let connects = 0;
    page.violetear.on('connect', () => connects++);
    page.socket.receive({t: 'emit', event: 'connect'});
    assert.equal(connects, 0);
    assert.deepEqual(page.expect('error').map((args) => args[0]), ["violetear: ignored an emit "
        + "from the server with event 'connect'; events must be custom, non-empty names."]);
  });
});

describe('call', () => {
  test('queues a call frame and sends it when live; seq increases by one', async () => {
    const page = loadPage();
    page.violetear.call('Game.move', [1, 2]);
    page.violetear.emit('chat', 'hi');
    page.violetear.call('Game.move', []);
    assert.deepEqual(page.sent(), [], 'nothing is sent before the connection is live');
    page.violetear.bundleLoaded();
    await settle();
    page.establish();
    page.violetear.call('Game.quit', [{reason: 'done'}]);
    assert.deepEqual(page.socket.sent, [
      '{"t":"call","fn":"Game.move","args":[1,2],"seq":1}',
      '{"t":"emit","event":"chat","data":"hi","seq":2}',
      '{"t":"call","fn":"Game.move","args":[],"seq":3}',
      '{"t":"call","fn":"Game.quit","args":[{"reason":"done"}],"seq":4}'
    ]);
  });

  test('rejects a missing name and arguments that are not an array', () => {
    const {violetear} = loadPage();
    assert.throws(() => violetear.call('', []), {
      name: 'TypeError',
      message: 'violetear.call(fn, args): fn must be a non-empty string, got an empty string.'
    });
    assert.throws(() => violetear.call('Game.move', 1), {
      name: 'TypeError',
      message: "violetear.call('Game.move', args): args must be an array, got number; pass [] for "
          + 'a method without parameters.'
    });
  });

  test('rejects arguments that are not JSON without using a seq', async () => {
    const page = await livePage();
    const cycle = {};
    cycle.self = cycle;
    assert.throws(() => page.violetear.call('Game.move', [cycle]), {
      name: 'TypeError',
      message: /^violetear\.call\('Game\.move', args\): the message is not JSON-serializable \(.*circular.*\); pass plain data/
    });
    page.violetear.call('Game.move', [1]);
    assert.deepEqual(page.socket.frames.map((frame) => frame.seq), [1]);
  });
});

describe('message size', () => {
  test('a message larger than the welcome allows throws, naming it and the limit, using no seq',
      async () => {
        const page = await readyPage();
        page.socket.open();
        page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, maxBytes: 100});
        assert.throws(() => page.violetear.call('Chat.say', ['é'.repeat(40)]), {
          name: 'RangeError',
          message: "violetear.call('Chat.say', args): the message is 128 bytes, more than the "
              + 'server accepts (100, AppConfig.maxRequestBytes); send less at once.'
        });
        page.violetear.call('Chat.say', ['short']);
        assert.deepEqual(page.socket.frames.map((frame) => frame.seq), [1]);
      });

  test('messages queued before the welcome that are too large are dropped and the rest renumbered',
      async () => {
        const page = await readyPage();
        page.violetear.call('Chat.say', ['one']);
        page.violetear.call('Chat.say', ['x'.repeat(500)]);
        page.violetear.call('Chat.say', ['three']);
        page.socket.open();
        page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, maxBytes: 100});
        assert.match(page.expect('error')[0].join(' '),
            /dropped 1 queued message\(s\) larger than the server accepts \(100 bytes/);
        assert.deepEqual(page.socket.frames.map((frame) => [frame.args[0], frame.seq]),
            [['one', 1], ['three', 2]]);
      });
});

describe('emit and emitLocal', () => {
  test('emit runs the local handlers and queues the event for the server', async () => {
    const page = await livePage();
    const seen = [];
    page.violetear.on('chat', (data) => seen.push(`${data} (${page.socket.sent.length} sent)`));
    page.violetear.emit('chat', 'hi');
    assert.deepEqual(seen, ['hi (1 sent)']);
    assert.deepEqual(page.socket.frames, [{t: 'emit', event: 'chat', data: 'hi', seq: 1}]);
  });

  test('emitLocal runs the local handlers only', async () => {
    const page = await livePage();
    const seen = [];
    page.violetear.on('chat', (data) => seen.push(data));
    page.violetear.emitLocal('chat', 'local');
    assert.deepEqual(seen, ['local']);
    assert.deepEqual(page.sent(), []);
  });

  test('emit and emitLocal reject lifecycle names, naming the event', () => {
    const {violetear} = loadPage();
    for (const event of ['ready', 'connect', 'disconnect', 'start', 'stop']) {
      for (const method of ['emit', 'emitLocal']) {
        assert.throws(() => violetear[method](event, {}), {
          message: `violetear.${method}: '${event}' is a lifecycle event that only the framework `
              + 'fires; emit a custom event name instead.'
        });
      }
    }
  });
});

describe('queue', () => {
  test('frames queued before the welcome are flushed in order before connect handlers run', async () => {
    const page = loadPage();
    const atConnect = [];
    page.violetear.on('connect', () => atConnect.push(page.socket.frames.map((f) => f.seq)));
    page.violetear.call('A.one', []);
    page.violetear.bundleLoaded();
    await settle();
    page.violetear.emit('two');
    page.socket.open();
    page.violetear.call('A.three', []);
    assert.deepEqual(page.sent(), [], 'open is not enough: the welcome establishes');
    page.socket.welcome();
    assert.deepEqual(atConnect, [[1, 2, 3]]);
  });

  test('keeps its order across a reconnect', async () => {
    const page = await livePage();
    page.violetear.call('A.one', []);
    page.socket.drop();
    page.violetear.call('A.two', []);
    page.violetear.emit('three');
    page.clock.runNext();
    page.violetear.call('A.four', []);
    page.socket.open();
    page.socket.drop();
    page.violetear.call('A.five', []);
    page.clock.runNext();
    page.establish();
    page.violetear.call('A.six', []);
    assert.deepEqual(page.sockets.map((socket) => socket.frames.map((f) => f.seq)),
        [[1], [], [2, 3, 4, 5, 6]]);
  });

  test('when full, call and emit throw the documented error and nothing queued is lost', async () => {
    const page = loadPage();
    const seen = [];
    page.violetear.on('chat', (data) => seen.push(data));
    page.violetear.configure({maxQueue: 3});
    page.violetear.call('A.one', []);
    page.violetear.emit('chat', 'two');
    page.violetear.call('A.three', []);
    assert.throws(() => page.violetear.call('A.four', []), {
      message: "violetear.call('A.four', args): the outgoing queue is full (3 messages): they "
          + "wait for the connection to the server, which is connecting; retry after the 'connect' "
          + 'event, or raise the bound with violetear.configure({maxQueue: n}).'
    });
    assert.throws(() => page.violetear.emit('chat', 'five'), {
      message: /^violetear\.emit\('chat', data\): the outgoing queue is full \(3 messages\)/
    });
    assert.deepEqual(seen, ['two'], 'a rejected emit runs no local handler');
    page.violetear.bundleLoaded();
    await settle();
    page.establish();
    assert.throws(() => page.violetear.call('A.six', []), {
      message: "violetear.call('A.six', args): the outgoing queue is full (3 messages): the "
          + 'connection is open, but the server has not acknowledged them yet (3 sent, 0 paced to '
          + "the server's message rate); send fewer at once, or raise the bound with "
          + 'violetear.configure({maxQueue: n}).'
    }, 'sent frames count until the server acknowledges them, and the message does not blame '
        + 'the connection');
    page.socket.receive({t: 'ack', seq: 3});
    page.violetear.call('A.six', []);
    assert.deepEqual(page.socket.frames.map((f) => [f.seq, f.fn || f.event]),
        [[1, 'A.one'], [2, 'chat'], [3, 'A.three'], [4, 'A.six']]);
  });

  test('holds 1000 frames by default', () => {
    const {violetear} = loadPage();
    for (let i = 0; i < 1000; i++) violetear.call('A.tick', [i]);
    assert.throws(() => violetear.call('A.tick', [1000]), {message: /queue is full \(1000 messages\)/});
  });
});

describe('delivery across a reconnect', () => {
  test('frames the server did not acknowledge go out again after the welcome, in order', async () => {
    const page = await livePage();
    for (const n of [1, 2, 3, 4]) page.violetear.call('A.hit', [n]);
    page.socket.receive({t: 'ack', seq: 1});
    page.socket.drop();
    page.violetear.call('A.hit', [5]);
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 2});
    assert.deepEqual(page.socket.frames.map((f) => [f.seq, f.args[0]]),
        [[3, 3], [4, 4], [5, 5]], 'seq 2 was processed: only 3 and 4 are resent, then 5');
  });

  test('an ack the server puts in its own frame frees the page copies as an ack frame does', async () => {
    const page = await livePage();
    for (const n of [1, 2, 3]) page.violetear.call('A.hit', [n]);
    page.socket.receive({seq: 1, ack: 2, t: 'emit', event: 'nobody.listens', data: null});
    page.socket.drop();
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0});
    assert.deepEqual(page.socket.frames.map((f) => [f.seq, f.args[0]]), [[3, 3]],
        'the emit acknowledged 1 and 2: only 3 is resent');
  });

  test('a welcome without lastSeq resends nothing', async () => {
    const page = await livePage();
    page.violetear.call('A.hit', [1]);
    page.socket.drop();
    page.clock.runNext();
    page.establish('client-1');
    assert.deepEqual(page.socket.frames, []);
  });

  test('the session id stays the same across reconnects of one page load', async () => {
    const page = await livePage();
    const first = page.socket.url;
    page.socket.drop();
    page.clock.runNext();
    assert.equal(page.socket.url, first + '&resume=1', 'the same session, now resumed');
  });
});

describe('server-to-page delivery', () => {
  /** A live page whose Chat.toast records its first argument. */
  async function toastPage() {
    const page = loadPage();
    const seen = [];
    page.violetear.register('realtime', 'Chat.toast', (args) => seen.push(args[0]));
    page.violetear.bundleLoaded();
    await settle();
    page.establish('client-1');
    return {page, seen};
  }
  const toast = (seq, text) => ({seq, t: 'invoke', fn: 'Chat.toast', args: [text]});
  const acks = (socket) => socket.frames.filter((f) => f.t === 'ack').map((f) => f.seq);

  test('acknowledges in batches: after 64 frames at once, otherwise 3 s after the first', async () => {
    const {page} = await toastPage();
    for (let seq = 1; seq <= 63; seq++) page.socket.receive(toast(seq, 'm' + seq));
    assert.deepEqual(acks(page.socket), [], 'nothing is acknowledged before the batch is full');
    page.socket.receive(toast(64, 'm64'));
    assert.deepEqual(acks(page.socket), [64]);
    page.socket.receive(toast(65, 'm65'));
    page.clock.tick(2999);
    assert.deepEqual(acks(page.socket), [64]);
    page.clock.tick(1);
    assert.deepEqual(acks(page.socket), [64, 65]);
    assert.equal(page.socket.sent.at(-1), '{"t":"ack","seq":65}', 'the exact text the server reads fast');
  });

  test('the next frame the page sends carries its ack, in place of an ack frame', async () => {
    const {page} = await toastPage();
    page.socket.receive(toast(1, 'a'));
    page.socket.receive(toast(2, 'b'));
    page.violetear.call('A.hit', [1]);
    assert.equal(page.socket.sent.at(-1), '{"t":"call","fn":"A.hit","args":[1],"ack":2,"seq":1}',
        'the ack goes just before the seq, where the server reads it without a tree');
    page.violetear.emit('moved', 3);
    assert.doesNotMatch(page.socket.sent.at(-1), /"ack"/, 'nothing new to acknowledge');
    page.clock.tick(3000);
    assert.deepEqual(acks(page.socket), [], 'the 3 s ack was no longer due');
    page.socket.receive(toast(3, 'c'));
    page.clock.tick(3000);
    assert.deepEqual(acks(page.socket), [3], 'a frame nothing answers is acknowledged as before');
    // A resend carries no ack: the URL of its socket acknowledges.
    page.socket.drop();
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: true});
    assert.deepEqual(page.socket.sent.slice(-2), [
      '{"t":"call","fn":"A.hit","args":[1],"seq":1}',
      '{"t":"emit","event":"moved","data":3,"seq":2}'
    ]);
  });

  test('a resent frame the page already has is ignored; the next socket names the last seq', async () => {
    const {page, seen} = await toastPage();
    page.socket.receive(toast(1, 'a'));
    page.socket.receive(toast(2, 'b'));
    page.socket.drop();
    page.clock.runNext();
    assert.match(page.socket.url, /&received=2&resume=1$/, 'after a welcome the page says it resumes');
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: true});
    page.socket.receive(toast(2, 'b'));
    page.socket.receive(toast(3, 'c'));
    assert.deepEqual(seen, ['a', 'b', 'c']);
  });

  test('a resume delivers the frames the page missed before its connect handlers run', async () => {
    // The toasts and the connect events, in the order the page saw them.
    const {page, seen: order} = await toastPage();
    page.violetear.on('connect', () => order.push('connect'));
    page.socket.receive(toast(1, 'a'));
    page.violetear.call('A.hit', [1]);
    page.socket.drop();
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: true, replay: 3});
    assert.deepEqual(order, ['a'], 'the welcome alone does not make the connection live');
    assert.equal(page.violetear.state, 'connecting');
    assert.deepEqual(page.socket.frames.filter((f) => f.t === 'call'), [],
        'the queue goes out when the connection goes live, after the replay');
    page.socket.receive(toast(2, 'b'));
    assert.deepEqual(order, ['a', 'b']);
    page.socket.receive(toast(3, 'c'));
    assert.deepEqual(order, ['a', 'b', 'c', 'connect']);
    assert.equal(page.violetear.state, 'open');
    assert.deepEqual(page.socket.frames.filter((f) => f.t === 'call').map((f) => f.args[0]), [1]);
    page.socket.receive(toast(4, 'd'));
    assert.deepEqual(order, ['a', 'b', 'c', 'connect', 'd']);
  });

  test('frames replayed while ready runs are delivered before connect, later ones after it', async () => {
    const page = loadPage();
    const order = [];
    let finishReady;
    page.violetear.register('realtime', 'Chat.toast', (args) => order.push(args[0]));
    page.violetear.on('ready', () => new Promise((resolve) => { finishReady = resolve; }));
    page.violetear.on('connect', () => order.push('connect'));
    page.violetear.bundleLoaded();
    await settle();
    page.establish('client-1');
    page.socket.receive(toast(1, 'a'));
    page.socket.drop();
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: true, replay: 2});
    page.socket.receive(toast(2, 'b'));
    page.socket.receive(toast(3, 'c'));
    assert.deepEqual(order, [], 'everything waits for ready');
    finishReady();
    await settle();
    assert.deepEqual(order, ['a', 'b', 'connect', 'c']);
  });

  test('a replay cut short by a drop fires nothing; the next welcome decides', async () => {
    const {page} = await toastPage();
    const order = [];
    page.violetear.on('connect', () => order.push('connect'));
    page.violetear.on('disconnect', () => order.push('disconnect'));
    page.socket.drop();
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: true, replay: 2});
    page.socket.receive(toast(1, 'a'));
    page.socket.drop();
    assert.deepEqual(order, ['disconnect'], 'the connection never went live: no disconnect for it');
    page.clock.runNext();
    assert.match(page.socket.url, /&received=1&resume=1$/);
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: true, replay: 2});
    page.socket.receive(toast(2, 'b'));
    assert.deepEqual(order, ['disconnect', 'connect']);
  });

  test('frames held until ready finishes still count as received', async () => {
    const page = loadPage();
    const seen = [];
    page.violetear.register('realtime', 'Chat.toast', (args) => seen.push(args[0]));
    page.establish('client-1');
    page.socket.receive(toast(1, 'early'));
    page.socket.receive(toast(1, 'early'));
    page.violetear.bundleLoaded();
    await settle();
    assert.deepEqual(seen, ['early']);
  });

  test('a reconnect the server cannot resume fires resume_failed before connect and drops unacknowledged calls', async () => {
    const {page, seen} = await toastPage();
    const order = [];
    page.violetear.on('resume_failed', () => order.push('resume_failed'));
    page.violetear.on('connect', () => order.push('connect'));
    page.socket.receive(toast(7, 'old'));
    page.violetear.call('A.hit', [1]);
    page.socket.drop();
    page.violetear.call('A.hit', [2]);
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: false});
    assert.deepEqual(order, ['resume_failed', 'connect']);
    assert.deepEqual(page.socket.frames.filter((f) => f.t === 'call').map((f) => f.args[0]), [2],
        'the unacknowledged call may have run: only the one never sent goes out');
    assert.match(page.expect('warn')[0][0], /1 sent but unacknowledged message\(s\) were dropped/);
    page.socket.receive(toast(1, 'fresh'));
    assert.deepEqual(seen, ['old', 'fresh'], 'a fresh session numbers from 1 again');
  });

  test('after a failed resume the unsent frames are numbered from the fresh session\'s lastSeq', async () => {
    const {page} = await toastPage();
    page.violetear.call('A.hit', [1]);
    page.violetear.call('A.hit', [2]);
    page.socket.drop();
    page.violetear.call('A.hit', [3]);
    page.violetear.emit('moved', {seq: 99, note: '"seq":5}'});
    page.clock.runNext();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: false});
    const sent = page.socket.frames.filter((f) => f.t === 'call' || f.t === 'emit');
    assert.deepEqual(sent.map((f) => f.seq), [1, 2],
        'the server runs the next seq only: 3 and 4 would be refused as a jump');
    assert.deepEqual(sent[0].args, [3]);
    assert.deepEqual(sent[1].data, {seq: 99, note: '"seq":5}'}, 'only the frame\'s own seq changed');
    page.violetear.call('A.hit', [4]);
    assert.equal(page.socket.frames.at(-1).seq, 3);
    page.expect('warn');
  });

  test('the first welcome of a page is not a failed resume', async () => {
    const page = loadPage();
    const order = [];
    page.violetear.on('resume_failed', () => order.push('resume_failed'));
    page.violetear.bundleLoaded();
    await settle();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, resumed: false});
    assert.deepEqual(order, []);
    assert.throws(() => page.violetear.emit('resume_failed', null), /lifecycle/);
  });
});

describe('configure', () => {
  test('rejects unknown options and bad values, naming them', () => {
    const {violetear} = loadPage();
    assert.throws(() => violetear.configure({maxQeue: 5}), {
      name: 'TypeError',
      message: "violetear.configure: unknown option 'maxQeue'; the options are maxQueue, backoff and connectTimeout."
    });
    assert.throws(() => violetear.configure({maxQueue: 0}), {
      message: 'violetear.configure: maxQueue must be a whole number >= 1, got 0.'
    });
    assert.throws(() => violetear.configure({maxQueue: 5, backoff: 10}), {
      message: 'violetear.configure: backoff must be a function, got number.'
    });
    assert.throws(() => violetear.configure({backoff: null}), {
      message: 'violetear.configure: backoff must be a function, got null.'
    });
    assert.throws(() => violetear.configure(null), {
      message: 'violetear.configure(options): options must be an object such as {maxQueue: 5000}, '
          + 'got null.'
    });
    violetear.configure({maxQueue: 2});
    violetear.call('A.one', []);
    violetear.call('A.two', []);
    assert.throws(() => violetear.call('A.three', []), {message: /queue is full \(2 messages\)/});
  });

  test('a custom backoff receives the tries and is reset by a successful connection', async () => {
    const page = await livePage();
    const tries = [];
    page.violetear.configure({backoff: (n) => { tries.push(n); return 5000 + n; }});
    page.socket.drop();
    assert.deepEqual(page.clock.timers.map((t) => t.delay), [5000]);
    page.clock.tick(4999);
    assert.equal(page.sockets.length, 1, 'not before the delay');
    page.clock.tick(1);
    assert.equal(page.sockets.length, 2);
    page.socket.drop();
    page.clock.runNext();
    page.establish();
    page.socket.drop();
    assert.deepEqual(tries, [0, 1, 0]);
  });

  test('a backoff that returns no usable delay is reported and the default is used', () => {
    const page = loadPage();
    page.random = 0;
    page.violetear.configure({backoff: () => NaN});
    page.socket.drop();
    assert.deepEqual(page.clock.timers.map((t) => t.delay), [100]);
    assert.deepEqual(page.expect('error').map((args) => args[0]), [
      'violetear: the backoff function given to violetear.configure returned NaN for tries=0; it '
          + 'must return a delay in milliseconds (a number >= 0). Using the default delay.'
    ]);
  });
});

describe('backoff', () => {
  /** Drops the newest socket before it opens and returns the delay of the scheduled retry. */
  function failOnce(page) {
    page.socket.drop();
    assert.equal(page.clock.timers.length, 1, 'one reconnect is scheduled');
    const delay = page.clock.timers[0].delay;
    page.clock.runNext();
    return delay;
  }

  for (const random of [0, 0.37, 0.999999]) {
    test(`default delays stay within the jitter bounds for tries 0..8 (random ${random})`, () => {
      const page = loadPage();
      page.random = random;
      for (let tries = 0; tries <= 8; tries++) {
        const delay = failOnce(page);
        assert.ok(delay >= 100 && delay <= 100 + ceiling(tries),
            `tries ${tries}: ${delay} ms is outside [100, ${100 + ceiling(tries)}]`);
        assert.equal(delay, 100 + Math.round(random * ceiling(tries)));
      }
      assert.equal(page.sockets.length, 10);
    });
  }

  test('the jitter spreads the delays of one try over the whole range', () => {
    const delays = [0, 0.25, 0.5, 0.75, 1 - 1e-9].map((random) => {
      const page = loadPage();
      page.random = random;
      return failOnce(page);
    });
    assert.deepEqual(delays, [100, 150, 200, 250, 300]);
  });

  test('a successful connection resets the tries', () => {
    const page = loadPage();
    page.random = 1 - 1e-9;
    assert.deepEqual([failOnce(page), failOnce(page), failOnce(page)], [300, 500, 900]);
    page.establish();
    assert.equal(failOnce(page), 300, 'back to the first try');
    page.socket.open();
    assert.equal(failOnce(page), 500, 'an open socket without welcome is not a success');
  });
});

describe('pacing', () => {
  test('sends at most three quarters of the announced rate per window, in order', async () => {
    const page = await readyPage();
    page.socket.open();
    page.socket.receive({t: 'welcome', clientId: 'client-1', lastSeq: 0, rate: 40});
    for (let n = 1; n <= 20; n++) page.violetear.call('A.hit', [n]);
    const sentArgs = () => page.socket.frames.filter((f) => f.t === 'call').map((f) => f.args[0]);
    // 40 a second is 7.5 per 250 ms window, so 7 go out at once.
    assert.deepEqual(sentArgs(), [1, 2, 3, 4, 5, 6, 7]);
    page.clock.tick(250);
    assert.deepEqual(sentArgs(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    page.clock.tick(250);
    assert.equal(sentArgs().length, 20);
  });

  test('without an announced rate nothing is held back', async () => {
    const page = await livePage();
    for (let n = 1; n <= 50; n++) page.violetear.call('A.hit', [n]);
    assert.equal(page.socket.frames.length, 50);
  });
});

describe('sockets that never open', () => {
  test('an error before the welcome gives the socket up and reconnects, even without a close', async () => {
    const page = await readyPage();
    const first = page.socket;
    // What Node's undici does when the handshake is reset: an error, no close, still connecting.
    first.onerror({type: 'error'});
    assert.deepEqual(first.closedWith, {code: undefined, reason: undefined}, 'closed by the page');
    assert.equal(page.violetear.state, 'connecting', 'a reconnect is scheduled');
    page.clock.runNext();
    assert.equal(page.sockets.length, 2);
    page.establish('client-1');
    assert.equal(page.violetear.state, 'open');
  });

  test('a socket not welcomed within connectTimeout is replaced, with a warning', async () => {
    const page = await readyPage();
    page.violetear.configure({connectTimeout: 3000});
    page.socket.drop();
    page.clock.runNext();
    const hung = page.socket;
    hung.open();
    page.clock.tick(2999);
    assert.equal(page.sockets.length, 2, 'still waiting for the welcome');
    page.clock.tick(1);
    assert.ok(hung.closedWith, 'the hung socket was closed');
    assert.match(page.expect('warn')[0][0], /did not welcome the socket within 3000 ms/);
    page.clock.runNext();
    assert.equal(page.sockets.length, 3);
    page.establish('client-1');
    page.clock.tick(60000);
    assert.equal(page.violetear.state, 'open', 'a welcomed socket is never timed out');
  });

  test('connectTimeout must be a positive number', () => {
    const {violetear} = loadPage();
    assert.throws(() => violetear.configure({connectTimeout: 0}), {
      message: 'violetear.configure: connectTimeout must be a number of ms >= 1, got 0.'
    });
  });
});
