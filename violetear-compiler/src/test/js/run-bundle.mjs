// SPDX-License-Identifier: Apache-2.0
// Runs a compiled bundle in Node against a fake window.violetear and a fake DOM, fires the
// steps named on the command line, and prints what the page and the fake server saw.
// Usage: node run-bundle.mjs bundle.js step...
// A step is a callback name ("Wire.go"), "ready", "invoke:Fn:[args json]" or "emit:event:data-json".
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const [bundlePath, ...callbacks] = process.argv.slice(2);
const elements = new Map();
const element = (id) => {
  if (!elements.has(id)) {
    elements.set(id, { id, textContent: '', classList: { add() {}, remove() {}, contains: () => false } });
  }
  return elements.get(id);
};
const registered = new Map();
const realtime = new Map();
const handlers = new Map();
let loaded = false;
const log = [];
const violetear = {
  register(kind, name, fn) {
    // Every class is active, as on a page without a violetear-classes meta tag.
    if (kind === 'class') fn();
    else (kind === 'realtime' ? realtime : registered).set(name, fn);
  },
  on(event, fn) {
    if (!handlers.has(event)) handlers.set(event, []);
    handlers.get(event).push(fn);
    return () => handlers.set(event, handlers.get(event).filter((h) => h !== fn));
  },
  call(fn, args) { log.push(`call ${fn} ${JSON.stringify(args)}`); },
  emit(event, data) {
    log.push(`emit ${event} ${JSON.stringify(data)}`);
    for (const h of handlers.get(event) ?? []) h(data);
  },
  state: 'open',
  clientId: 'c1',
  bundleLoaded() { loaded = true; },
  rpc(fn, body) {
    log.push(`rpc ${fn} ${body}`);
    const args = JSON.parse(body).args;
    if (fn.endsWith('.fail')) {
      return Promise.resolve({ status: 422, body: JSON.stringify({ error: { type: 'Nope', message: args[0] } }) });
    }
    return Promise.resolve({ status: 200, body: JSON.stringify({ result: args[0] ?? null }) });
  },
};
const errors = [];
const context = vm.createContext({
  window: { violetear },
  document: { getElementById: element, createElement: (tag) => ({ tag }), querySelector: () => null },
  console: { log: () => {}, warn: (...a) => errors.push(a.join(' ')), error: (...a) => errors.push(a.join(' ')) },
  setTimeout, clearTimeout, queueMicrotask, Promise,
});
vm.runInContext(readFileSync(bundlePath, 'utf8'), context);
const until = async (cond) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};
await until(() => loaded);
console.log(`loaded ${loaded} ${[...registered.keys()].sort().join(',')}`);
for (const step of callbacks) {
  element('out').textContent = '';
  const [kind, name, ...rest] = step.split(':');
  const json = rest.join(':');
  if (kind === 'ready') {
    await Promise.all((handlers.get('ready') ?? []).map((h) => h()));
  } else if (kind === 'invoke') {
    realtime.get(name)(JSON.parse(json));
  } else if (kind === 'emit') {
    for (const h of handlers.get(name) ?? []) h(JSON.parse(json));
  } else {
    registered.get(step)({ type: 'click' });
  }
  await until(() => element('out').textContent !== '');
  console.log(`out ${step} ${element('out').textContent}`);
}
for (const line of log) console.log(line);
for (const e of errors) console.log(`error ${e}`);
