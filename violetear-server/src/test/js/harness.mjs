// SPDX-License-Identifier: Apache-2.0
// The fake browser of the violetear.js tests: `loadPage` runs the runtime in a fresh node:vm
// context whose globals (window, document, location, fetch, WebSocket, setTimeout, Math.random,
// console) are fakes, so no browser and no npm package is needed.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import vm from 'node:vm';
import {FakeDocument} from './fake-dom.mjs';

// The sources by default; the build runs the tests again with VIOLETEAR_RUNTIME,
// VIOLETEAR_SOCKET and VIOLETEAR_FORMS naming the minified files that the jar ships, so that
// minifying cannot change what the scripts do.

/** violetear.js alone, as a page whose classes never need the socket runs it. */
export const BASE_SOURCE = readFileSync(process.env.VIOLETEAR_RUNTIME
    || new URL('../../main/js/violetear.js', import.meta.url), 'utf8');

/** violetear-socket.js, which the server lists before violetear.js or a lazy page loads. */
export const SOCKET_SOURCE = readFileSync(process.env.VIOLETEAR_SOCKET
    || new URL('../../main/js/violetear-socket.js', import.meta.url), 'utf8');

/** Both halves of the runtime, as a page that listens to the server runs them (the default). */
const SOURCE = SOCKET_SOURCE + '\n' + BASE_SOURCE;

/** forms.js, which the server adds after violetear.js on a page holding a Form.post form. */
export const FORMS_SOURCE = readFileSync(process.env.VIOLETEAR_FORMS
    || new URL('../../main/js/forms.js', import.meta.url), 'utf8');

/** The runtime and forms.js, as a page with client code and such a form runs them. */
export const RUNTIME_AND_FORMS = SOURCE + '\n' + FORMS_SOURCE;

/** Both halves' sources as written, never the minified files: for tests that alter them. */
export const ORIGINAL_SOURCE = readFileSync(
    new URL('../../main/js/violetear-socket.js', import.meta.url), 'utf8') + '\n'
    + readFileSync(new URL('../../main/js/violetear.js', import.meta.url), 'utf8');

/** Lets pending microtasks (queueMicrotask, promise callbacks) run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A promise with its resolve function, for handlers that finish when the test says so. */
export function deferred() {
  let resolve;
  const promise = new Promise((done) => { resolve = done; });
  return {promise, resolve};
}

/** A fake fetch that records its calls; `respond(url, init)` returns {status, body} or an Error. */
export function fakeFetch(respond = () => ({status: 200, body: '{"result":1}'})) {
  const fetch = (url, init) => {
    fetch.calls.push({url, init});
    const reply = respond(url, init);
    if (reply instanceof Error) return Promise.reject(reply);
    return Promise.resolve({status: reply.status, text: () => Promise.resolve(reply.body)});
  };
  fetch.calls = [];
  return fetch;
}

/**
 * A fake setTimeout/clearTimeout: nothing runs until the test calls `tick(ms)` or `runNext()`.
 * `timers` lists the pending ones as {id, delay, at}.
 */
export class FakeClock {
  constructor() {
    this.now = 0;
    this.timers = [];
    this.nextId = 1;
    this.setTimeout = (fn, delay) => {
      const timer = {id: this.nextId++, fn, delay, at: this.now + delay};
      this.timers.push(timer);
      return timer.id;
    };
    this.clearTimeout = (id) => {
      this.timers = this.timers.filter((timer) => timer.id !== id);
    };
  }

  /** Runs the earliest pending timer (advancing the clock to it) and returns its delay. */
  runNext() {
    assert.ok(this.timers.length > 0, 'no timer is pending');
    const timer = this.timers.reduce((a, b) => (b.at < a.at ? b : a));
    this.clearTimeout(timer.id);
    this.now = timer.at;
    timer.fn();
    return timer.delay;
  }

  /** Advances the clock by `ms`, running the timers that fall due on the way. */
  tick(ms) {
    const until = this.now + ms;
    while (this.timers.some((timer) => timer.at <= until)) this.runNext();
    this.now = until;
  }
}

/**
 * A WebSocket class whose instances record what the page sends; the test plays the server with
 * `open()`, `receive(frame)`, `welcome(id)` and `drop()`. Each page gets its own class, whose
 * `instances` lists the sockets in creation order; `refuse` > 0 makes that many constructions throw.
 */
export function fakeWebSocketClass() {
  return class FakeWebSocket {
    static instances = [];
    static refuse = 0;

    constructor(url) {
      if (FakeWebSocket.refuse > 0) {
        FakeWebSocket.refuse--;
        throw new Error('SecurityError: refused by the test');
      }
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      this.onopen = this.onmessage = this.onclose = this.onerror = null;
      FakeWebSocket.instances.push(this);
    }

    send(text) {
      assert.equal(this.readyState, 1, 'the page sent on a socket that is not open');
      assert.equal(typeof text, 'string');
      this.sent.push(text);
    }

    close(code, reason) {
      this.closedWith = {code, reason};
      this.readyState = 2;
    }

    /** The sent frames, parsed. */
    get frames() {
      return this.sent.map((text) => JSON.parse(text));
    }

    open() {
      assert.equal(this.readyState, 0, 'only a connecting socket can open');
      this.readyState = 1;
      if (this.onopen) this.onopen({type: 'open'});
    }

    /** Delivers a server frame: an object (sent as JSON) or a raw string. */
    receive(frame) {
      assert.equal(this.readyState, 1, 'frames arrive on open sockets only');
      const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
      if (this.onmessage) this.onmessage({type: 'message', data});
    }

    welcome(clientId = 'client-1') {
      this.receive({t: 'welcome', clientId});
    }

    /** The connection is lost (or refused, before it opened). */
    drop(code = 1006) {
      this.readyState = 3;
      if (this.onerror) this.onerror({type: 'error'});
      if (this.onclose) this.onclose({type: 'close', code, wasClean: false});
    }
  };
}

let current = null;

/**
 * Loads the runtime (both halves, unless `source` says otherwise) into a fresh fake browser.
 * console.error and console.warn are recorded; a test that expects them calls
 * `page.expect('error')`, any other one fails the test (see checkConsole). `page.random` is what
 * Math.random returns (a number, or a function); `source` replaces the runtime, for a test that
 * checks a deliberately broken one is caught, or that runs violetear.js alone; `globals` adds more
 * browser globals (DOMParser, history...) to the window. Scripts the page appends to its head wait
 * in `page.scripts` until the test calls `page.loadScript(source)` (or `failScript()`).
 */
export function loadPage({
  document = new FakeDocument(), fetch = fakeFetch(), WebSocket = fakeWebSocketClass(),
  location = {protocol: 'http:', host: 'localhost:8000'}, clock = new FakeClock(),
  source = SOURCE, globals = {}
} = {}) {
  const logs = {error: [], warn: [], info: [], log: []};
  const console = Object.fromEntries(
      Object.keys(logs).map((level) => [level, (...args) => logs[level].push(args)]));
  let page = null;
  const Math = Object.create(globalThis.Math, {random: {
    value: () => (typeof page.random === 'function' ? page.random() : page.random)
  }});
  const window = vm.createContext({document, fetch, console, queueMicrotask, location, WebSocket,
    setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, Math, ...globals});
  window.window = window;
  const windowListeners = [];
  window.addEventListener = (type, listener) => windowListeners.push({type, listener});
  const run = () => vm.runInContext(source, window, {filename: 'violetear.js'});
  // Scripts appended by the page, as a browser would fetch them: the test decides when they run.
  const scripts = [];
  const head = document.head;
  head.appendChild = (child) => {
    if (child.tagName === 'SCRIPT') scripts.push(child);
    return Object.getPrototypeOf(head).appendChild.call(head, child);
  };
  const expected = new Set();
  page = current = {
    random: 0.5,
    get violetear() {
      return window.violetear;
    },
    window, document, fetch, logs, run, clock, WebSocket, scripts,
    /** Runs the oldest script the page appended, as `source`, then its onload. */
    loadScript(script = SOCKET_SOURCE) {
      const element = scripts.shift();
      assert.ok(element, 'the page appended no script');
      vm.runInContext(script, window, {filename: element.src});
      element.onload({type: 'load'});
    },
    /** Fails the oldest script the page appended, as a network error would. */
    failScript() {
      const element = scripts.shift();
      assert.ok(element, 'the page appended no script');
      element.onerror({type: 'error'});
    },
    /** Every socket the page created, oldest first. */
    get sockets() {
      return WebSocket.instances;
    },
    /** The newest socket. */
    get socket() {
      return WebSocket.instances[WebSocket.instances.length - 1];
    },
    /** Every frame the page sent, over all its sockets, in order. */
    sent() {
      return WebSocket.instances.flatMap((socket) => socket.frames);
    },
    /** Opens the newest socket and welcomes it. */
    establish(clientId) {
      this.socket.open();
      this.socket.welcome(clientId);
    },
    /** Dispatches a window event such as pagehide or pageshow. */
    dispatchWindow(type, init = {}) {
      const event = {type, ...init};
      windowListeners.filter((l) => l.type === type).forEach((l) => l.listener(event));
    },
    /** Marks console[level] output as expected and returns its recorded calls. */
    expect(level) {
      expected.add(level);
      return logs[level];
    },
    unexpected() {
      return ['error', 'warn'].filter((level) => !expected.has(level) && logs[level].length > 0)
          .map((level) => `console.${level}: ${logs[level].map((args) => args.join(' ')).join('; ')}`);
    }
  };
  run();
  return page;
}

/** For afterEach: fails the test that produced console output it did not expect. */
export function checkConsole() {
  const page = current;
  current = null;
  const unexpected = page ? page.unexpected() : [];
  assert.deepEqual(unexpected, [], 'unexpected console output');
}
