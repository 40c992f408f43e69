// SPDX-License-Identifier: Apache-2.0
'use strict';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The echo payload: letters and digits only, so JSON carries it without escapes and every
 * protocol moves the same bytes; a fixed seed makes runs of different protocols identical.
 */
function payload(bytes, seed = 0x5eed1e) {
  let state = seed >>> 0;
  const chars = new Array(bytes);
  for (let i = 0; i < bytes; i++) {
    // xorshift32: deterministic across Node versions, unlike Math.random.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    chars[i] = ALPHABET[state % ALPHABET.length];
  }
  return chars.join('');
}

/** ws://host:port from --url, whatever path it has; the proto decides the path. */
function socketBase(url) {
  const parsed = new URL(url);
  const scheme = parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? 'wss:' : 'ws:';
  return `${scheme}//${parsed.host}`;
}

function httpBase(url) {
  const parsed = new URL(url);
  const scheme = parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? 'https:' : 'http:';
  return `${scheme}//${parsed.host}`;
}

/**
 * Above ~20k sockets one source address runs short of ephemeral ports toward a single server
 * port, so sockets are spread over 127.0.0.1-9 then; below it stay on the default route.
 */
function localAddressFor(index, total) {
  if (total <= 20000) return undefined;
  return `127.0.0.${(index % 9) + 1}`;
}

/**
 * Opens `count` sockets with at most `concurrency` handshakes in flight: opening thousands at
 * once overflows the server's accept backlog and turns into SYN retries of a second or more.
 * Resolves with the opened connections in index order, or rejects on the first failure.
 */
async function openBatched(count, concurrency, open) {
  const conns = new Array(count);
  let next = 0;
  let failure = null;
  async function worker() {
    while (failure === null && next < count) {
      const index = next++;
      try {
        conns[index] = await open(index);
      } catch (err) {
        failure = failure || new Error(`socket ${index} failed to open: ${err.message || err}`);
      }
    }
  }
  const workers = [];
  for (let i = 0; i < Math.min(concurrency, count); i++) workers.push(worker());
  await Promise.all(workers);
  if (failure) {
    for (const conn of conns) if (conn) conn.close();
    throw failure;
  }
  return conns;
}

/** Rejects after `ms` unless `promise` settled, so one stuck handshake cannot hang a run. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Wall-clock ms with a fraction: the clock both sides of the broadcast test stamp with. */
function epochMs() {
  return performance.timeOrigin + performance.now();
}

module.exports = { payload, socketBase, httpBase, localAddressFor, openBatched, withTimeout, epochMs };
