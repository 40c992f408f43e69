#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Time to ready in headless Chromium: from navigation start to the moment the page's handlers
 * are wired, in a fresh browser context (cold cache) per run.
 *
 *   node ready.js --url URL --runs N [--mark violetear|dom] [--other-url URL2 --other-mark violetear|dom]
 *                 [--warmup 1] [--chromium /usr/bin/chromium]
 *
 * --mark violetear: when the framework's runtime fires 'ready' (see violetear.js: it defines
 *   window.violetear with Object.defineProperty, then fires ready once the bundle has registered
 *   and the document is hydrated). --mark dom: the page sets window.__ready = performance.now()
 *   itself once it has wired its handlers.
 * --other-url: a second page, timed in the same browser, its runs taking turns with the first's,
 *   so that the speed the machine happens to run at falls on both alike; its figures are the
 *   result's `other`.
 * stdout: ready, measuring, measured, result {runs, p50, min, max, values, domContentLoaded, other?}.
 */
const { chromium } = require('playwright-core');
const { parseArgs } = require('./lib/args');
const { Samples } = require('./lib/stats');
const { emit, log, finish, fail, hardTimeout, installCrashHandlers } = require('./lib/out');

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Runs before any page script. The runtime defines window.violetear as a frozen, non-writable
 * value with Object.defineProperty, so a setter trap on window would either never run or make
 * that define throw; wrapping defineProperty until that one call sees the object as it is born,
 * in time to subscribe to 'ready' before the bundle fires it.
 */
function catchVioletearReady() {
  const define = Object.defineProperty;
  Object.defineProperty = function (target, key, descriptor) {
    const result = define.apply(this, arguments);
    if (target === window && key === 'violetear' && descriptor && descriptor.value) {
      Object.defineProperty = define;
      try {
        descriptor.value.on('ready', () => {
          window.__benchReady = performance.now();
        });
      } catch (err) {
        window.__benchReadyError = String(err);
      }
    }
    return result;
  };
}

async function measureOnce(browser, opts) {
  const context = await browser.newContext();
  try {
    if (opts.mark === 'violetear') await context.addInitScript(catchVioletearReady);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    const response = await page.goto(opts.url, { waitUntil: 'load', timeout: opts['page-timeout'] * 1000 });
    if (!response || !response.ok()) throw new Error(`${opts.url} answered ${response ? response.status() : 'nothing'}`);
    const variable = opts.mark === 'violetear' ? '__benchReady' : '__ready';
    await page.waitForFunction((name) => typeof window[name] === 'number' || window.__benchReadyError,
      variable, { timeout: opts['page-timeout'] * 1000 });
    const marks = await page.evaluate((name) => {
      const navigation = performance.getEntriesByType('navigation')[0];
      return {
        ready: window[name],
        error: window.__benchReadyError || null,
        domInteractive: navigation ? navigation.domInteractive : null,
        domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : null,
        hasRuntime: typeof window.violetear === 'object' && window.violetear !== null,
      };
    }, variable);
    if (marks.error) throw new Error(`could not subscribe to violetear's ready: ${marks.error}`);
    if (opts.mark === 'violetear' && !marks.hasRuntime) throw new Error('the page has no window.violetear');
    // Console errors can trail the mark (e.g. a failing socket); give them a moment to show.
    await page.waitForTimeout(opts.settle);
    if (problems.length > 0) throw new Error(problems.slice(0, 3).join('; '));
    // The runtime hydrates a parsed document (its deferred scripts run after domInteractive and
    // just before the DOMContentLoaded event): an earlier mark means a broken hook. A hand-written
    // page may mark from an inline script while parsing, so it only needs a mark.
    const floor = opts.mark === 'violetear' ? marks.domInteractive : 0;
    if (!(marks.ready > 0 && marks.ready >= floor)) {
      throw new Error(`ready at ${marks.ready} ms is before the document was parsed (${marks.domInteractive} ms)`);
    }
    return marks;
  } finally {
    await context.close();
  }
}

async function main() {
  installCrashHandlers();
  const { opts } = parseArgs(process.argv.slice(2), {
    url: { type: 'string', required: true },
    runs: { type: 'int', def: 10 },
    mark: { type: 'string', def: 'violetear' },
    warmup: { type: 'int', def: 1 },
    settle: { type: 'int', def: 100 },
    chromium: { type: 'string', def: '/usr/bin/chromium' },
    'page-timeout': { type: 'number', def: 15 },
    timeout: { type: 'number' },
    'other-url': { type: 'string' },
    'other-mark': { type: 'string', def: 'dom' },
  });
  const pages = [{ url: opts.url, mark: opts.mark }];
  if (opts['other-url']) pages.push({ url: opts['other-url'], mark: opts['other-mark'] });
  for (const { mark } of pages) {
    if (mark !== 'violetear' && mark !== 'dom') throw new Error(`--mark and --other-mark must be violetear or dom, got '${mark}'`);
  }
  if (!(opts.runs >= 1)) throw new Error('--runs must be >= 1');
  hardTimeout(opts.timeout || 60 + pages.length * (opts.runs + opts.warmup) * (opts['page-timeout'] + 5));

  const browser = await chromium.launch({ executablePath: opts.chromium, args: LAUNCH_ARGS });
  try {
    emit('ready', { browser: browser.version(), mark: opts.mark });
    // The first context of a fresh browser pays for starting its renderer and network service.
    for (let i = 0; i < opts.warmup; i++) {
      for (const page of pages) await measureOnce(browser, { ...opts, ...page });
    }
    emit('measuring');
    const timed = pages.map(() => ({ values: [], dcl: [], samples: new Samples(Math.max(16, opts.runs)) }));
    for (let i = 0; i < opts.runs; i++) {
      for (let k = 0; k < pages.length; k++) {
        const marks = await measureOnce(browser, { ...opts, ...pages[k] });
        timed[k].values.push(round1(marks.ready));
        timed[k].dcl.push(round1(marks.domContentLoaded));
        timed[k].samples.add(marks.ready);
        log(`ready.js: ${pages[k].url} run ${i + 1}: ready ${round1(marks.ready)} ms, DOMContentLoaded ${round1(marks.domContentLoaded)} ms`);
      }
    }
    emit('measured');
    const figures = pages.map((page, k) => {
      const summary = timed[k].samples.summary(1);
      return { url: page.url, mark: page.mark, runs: opts.runs, p50: summary.p50, min: summary.min, max: summary.max,
        values: timed[k].values, domContentLoaded: timed[k].dcl };
    });
    await browser.close();
    finish(figures.length > 1 ? { ...figures[0], other: figures[1] } : figures[0]);
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
}

function round1(value) {
  return value === null || value === undefined ? null : Math.round(value * 10) / 10;
}

main().catch(fail);
