#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Runs every load.js mode for about a second against local stand-ins (raw ws echo, sio-server.js
 * as a child process, the fake ours endpoint, a tiny HTTP server) and checks the stdout
 * contract and that something was measured. Ports come from --port-base (default 19500), so
 * parallel checkouts can pick their own. Ends with the "N passed, N failed" line.
 *
 *   node selftest.js [--port-base 19500] [--showcase http://127.0.0.1:19600]
 */
const path = require('path');
const { spawn } = require('child_process');
const readline = require('readline');
const { parseArgs } = require('./lib/args');
const fs = require('fs');
const { startRawEcho, startRpc, startPages } = require('./lib/testservers');
const { startFakeOurs } = require('./lib/fakeours');
const { checkShowcase } = require('./lib/showcasecheck');

const HERE = __dirname;
const results = [];

/**
 * Starts a node script of this directory; resolves with its stdout events once it exits.
 * `onEvent(event, child)` sees each JSON line as it comes (to drive the server on "ready").
 */
function runScript(script, args, { onEvent = () => {}, stdin = false, timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(HERE, script), ...args], {
      stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const events = [];
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args[0]} did not end within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let event;
      try {
        event = JSON.parse(line);
      } catch (err) {
        event = { event: 'not-json', line };
      }
      events.push(event);
      onEvent(event, child);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, events, stderr, child });
    });
  });
}

/** The contract of a measured run: ready, measuring, measured, result, exit 0, nothing else. */
function contract(run, { measured = true } = {}) {
  const names = run.events.map((e) => e.event);
  const expected = measured ? ['ready', 'measuring', 'measured', 'result'] : ['ready', 'result'];
  if (run.code !== 0 || names.join() !== expected.join()) {
    throw new Error(`exit ${run.code}, stdout events ${names.join(', ')} (expected ${expected.join(', ')}); stderr:\n${run.stderr}`);
  }
  return run.events[run.events.length - 1];
}

function expect(condition, message, result) {
  if (!condition) throw new Error(`${message}: ${JSON.stringify(result)}`);
}

async function test(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push(true);
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push(false);
    console.log(`FAIL ${name}: ${err.message}`);
  }
}

/** sio-server.js as the orchestrator runs it; resolves once it listens. */
async function startSioServer(port) {
  const child = spawn(process.execPath, ['--expose-gc', path.join(HERE, 'sio-server.js'), '--port', String(port), '--recovery'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const waiters = [];
  lines.on('line', (line) => {
    const event = JSON.parse(line);
    const waiter = waiters.shift();
    if (waiter) waiter(event);
  });
  const next = () => new Promise((resolve) => waiters.push(resolve));
  const listening = await next();
  if (listening.event !== 'listening') throw new Error(`sio-server said ${JSON.stringify(listening)}`);
  return {
    command: (line) => {
      const answer = next();
      child.stdin.write(line + '\n');
      return answer;
    },
    close: () => child.stdin.end(),
  };
}

async function main() {
  const { opts } = parseArgs(process.argv.slice(2), {
    'port-base': { type: 'int', def: 19500 },
    showcase: { type: 'string' },
  });
  const base = opts['port-base'];
  const raw = await startRawEcho(base + 1);
  const rpc = await startRpc(base + 2);
  const sio = await startSioServer(base + 3);
  const fake = await startFakeOurs(base + 4);
  const wsUrl = `http://127.0.0.1:${raw.port}`;
  const sioUrl = `http://127.0.0.1:${base + 3}`;
  const fakeUrl = `http://127.0.0.1:${fake.port}`;
  const short = ['--warmup', '0.3', '--duration', '1'];

  for (const [proto, url] of [['ws', wsUrl], ['sio', sioUrl], ['ours', fakeUrl]]) {
    await test(`echo ${proto}`, async () => {
      const result = contract(await runScript('load.js', ['echo', '--proto', proto, '--url', url, '--sockets', '2', '--size', '100', ...short]));
      expect(result.msgs > 0 && result.errors === 0 && result.p50 > 0 && result.p99 >= result.p50, 'no clean echoes', result);
    });
  }
  for (const [proto, url] of [['ws', wsUrl], ['ours', fakeUrl]]) {
    await test(`echo ${proto} --deflate`, async () => {
      const result = contract(await runScript('load.js', ['echo', '--proto', proto, '--url', url, '--sockets', '2', '--size', '1000', '--deflate', ...short]));
      expect(result.msgs > 0 && result.errors === 0 && result.deflate === true, 'no clean deflated echoes', result);
    });
  }

  await test('echo ws --paced (a warm-up, two slices on "go", one result on "end")', async () => {
    let slices = 0;
    const run = await runScript('load.js', ['echo', '--proto', 'ws', '--url', wsUrl, '--sockets', '3', '--size', '100', '--warmup', '0.2', '--duration', '0.4', '--paced'], {
      stdin: true,
      onEvent: (event, child) => {
        if (event.event === 'paused') child.stdin.write(['warm 0.2\n', 'go\n', 'go\n'][slices++] || 'end\n');
      },
    });
    const names = run.events.map((e) => e.event).join();
    const expected = 'ready,paused,warmed,paused,measuring,measured,paused,measuring,measured,paused,result';
    expect(run.code === 0 && names === expected, `events ${names} (expected ${expected})`, run.stderr);
    const result = run.events[run.events.length - 1];
    expect(result.msgs > 0 && result.errors === 0 && result.seconds >= 0.8 && result.seconds < 1.2, 'not two slices of 0.4 s', result);
  });

  await test('echo ours acks the server in its calls (a session outlives 4,096 unacked frames)', async () => {
    const result = contract(await runScript('load.js', ['echo', '--proto', 'ours', '--url', fakeUrl, '--sockets', '1', '--size', '10', '--warmup', '0.2', '--duration', '1.5']));
    expect(result.msgs > 4096 && result.errors === 0 && fake.stats.overflows === 0 && fake.stats.carriedAcks > 0, 'the page was not kept', { ...result, ...fake.stats });
  });

  await test('broadcast sio (sio-server.js broadcast/stop)', async () => {
    let commanded = null;
    const result = contract(await runScript('load.js', ['broadcast', '--proto', 'sio', '--url', sioUrl, '--sockets', '3', ...short], {
      onEvent: (event) => {
        if (event.event === 'ready') commanded = sio.command('broadcast 50 200');
      },
    }));
    const answer = await commanded;
    const stopped = await sio.command('stop');
    expect(answer.event === 'broadcasting' && stopped.event === 'stopped', 'commands not answered', { answer, stopped });
    expect(result.delivered > 0 && result.perSocket > 0 && result.p50 !== null && result.errors === 0, 'nothing delivered', result);
  });

  for (const [proto, url, server] of [['ws', wsUrl, raw], ['ours', fakeUrl, fake]]) {
    await test(`broadcast ${proto}`, async () => {
      server.broadcast(50, 200);
      const result = contract(await runScript('load.js', ['broadcast', '--proto', proto, '--url', url, '--sockets', '3', ...short]));
      server.stopBroadcast();
      expect(result.delivered > 0 && result.errors === 0 && result.max < 1000, 'nothing delivered', result);
    });
  }

  await test('broadcast ws --paced (a warm-up and two slices, the server started before each and stopped after)', async () => {
    let slices = 0;
    let ticking = false;
    const run = await runScript('load.js', ['broadcast', '--proto', 'ws', '--url', wsUrl, '--sockets', '3', '--warmup', '0.2', '--duration', '0.4', '--paced'], {
      stdin: true,
      onEvent: (event, child) => {
        if (event.event === 'measured' || event.event === 'warmed') {
          raw.stopBroadcast();
          ticking = false;
        } else if (event.event === 'paused') {
          if (ticking) throw new Error('paused while the server was still sending');
          if (slices++ < 3) {
            raw.broadcast(50, 200);
            ticking = true;
            child.stdin.write(slices === 1 ? 'warm 0.3\n' : 'go\n');
          } else {
            child.stdin.write('end\n');
          }
        }
      },
    });
    const names = run.events.map((e) => e.event).join();
    const expected = 'ready,paused,warmed,paused,measuring,measured,paused,measuring,measured,paused,result';
    expect(run.code === 0 && names === expected, `events ${names} (expected ${expected})`, run.stderr);
    const result = run.events[run.events.length - 1];
    // A warm-up and two slices of 0.4 s at 50 a second to 3 sockets: about 120 deliveries, none from the pauses.
    expect(result.delivered >= 90 && result.delivered <= 130 && result.errors === 0, 'not two slices of deliveries', result);
  });

  await test('broadcast ours over two nodes (--other-url)', async () => {
    // Two stand-ins, each sending on its own: only the split and the per-node figures are checked.
    const other = await startFakeOurs(base + 6);
    fake.broadcast(50, 200);
    other.broadcast(50, 200);
    const result = contract(await runScript('load.js', ['broadcast', '--proto', 'ours', '--url', fakeUrl, '--other-url', `http://127.0.0.1:${other.port}`, '--sockets', '5', ...short]));
    fake.stopBroadcast();
    other.close();
    const [first, second] = result.nodes || [];
    expect(result.errors === 0 && result.nodes.length === 2 && first.sockets === 3 && second.sockets === 2, 'not split 3 + 2', result);
    expect(first.delivered > 0 && second.delivered > 0 && first.delivered + second.delivered === result.delivered && second.p99 !== null, 'a node got nothing', result);
  });

  await test('sio-server gc', async () => {
    const answer = await sio.command('gc');
    expect(answer.event === 'gc' && answer.heapUsed > 0, 'no heap size', answer);
  });

  for (const [proto, url] of [['sio', sioUrl], ['ours', fakeUrl]]) {
    await test(`storm ${proto}`, async () => {
      const result = contract(await runScript('load.js', ['storm', '--proto', proto, '--url', url, '--sockets', '5', '--rate', '20', '--before', '0.5', '--after', '0.5', '--drain', '3']));
      expect(result.sent > 0 && result.echoed > 0 && result.back === 5 && result.allBackMs !== null, 'no storm', result);
      // Ours promises exactly-once delivery; Socket.IO's losses are measured, not asserted.
      if (proto === 'ours') {
        expect(result.lost === 0 && result.duplicated === 0 && result.errors === 0 && fake.stats.resumed >= 5, 'ours lost, doubled or did not resume', { ...result, ...fake.stats });
      }
    });
  }

  await test('idle ws (held until "close")', async () => {
    const result = contract(await runScript('load.js', ['idle', '--proto', 'ws', '--url', wsUrl, '--sockets', '300'], {
      stdin: true,
      onEvent: (event, child) => {
        if (event.event === 'ready') setTimeout(() => child.stdin.write('close\n'), 200);
      },
    }), { measured: false });
    expect(result.sockets === 300 && result.openedMs >= 0 && result.dropped === 0, 'not held', result);
  });

  for (const engine of ['node', 'autocannon']) {
    await test(`rpc ${engine} with --cookie-url`, async () => {
      const url = `http://127.0.0.1:${rpc.port}`;
      const result = contract(await runScript('load.js', ['rpc', '--url', `${url}/need-cookie`, '--cookie-url', `${url}/login`, '--connections', '4', '--engine', engine, ...short]));
      expect(result.requests > 0 && result.non2xx === 0 && result.errors === 0 && result.p50 > 0, 'no clean requests', result);
    });
  }

  for (const engine of ['node', 'autocannon']) {
    await test(`rpc ${engine} --paced (no request while paused)`, async () => {
      const url = `http://127.0.0.1:${rpc.port}`;
      const commands = ['warm 0.2\n', 'go\n', 'go\n'];
      let pauses = 0;
      const idle = [];
      const run = await runScript('load.js', ['rpc', '--url', `${url}/need-cookie`, '--cookie-url', `${url}/login`, '--connections', '4', '--engine', engine, '--warmup', '0.2', '--duration', '0.4', '--paced'], {
        stdin: true,
        onEvent: (event, child) => {
          if (event.event !== 'paused') return;
          const next = commands[pauses++] || 'end\n';
          // Whatever the server answers in the next 150 ms was sent while paused.
          const before = rpc.stats.requests;
          setTimeout(() => {
            idle.push(rpc.stats.requests - before);
            child.stdin.write(next);
          }, 150);
        },
      });
      const names = run.events.map((e) => e.event).join();
      const expected = 'ready,paused,warmed,paused,measuring,measured,paused,measuring,measured,paused,result';
      expect(run.code === 0 && names === expected, `events ${names} (expected ${expected})`, run.stderr);
      expect(idle.every((n) => n === 0), `requests answered while paused: ${idle.join(', ')}`);
      const result = run.events[run.events.length - 1];
      expect(result.requests > 0 && result.non2xx === 0 && result.errors === 0 && result.seconds >= 0.8 && result.seconds < 1.2, 'not two clean slices of 0.4 s', result);
    });
  }

  await test('errors are JSON on stdout with exit 1', async () => {
    const run = await runScript('load.js', ['echo', '--proto', 'ws', '--url', `http://127.0.0.1:${base + 9}`, '--sockets', '1']);
    expect(run.code === 1 && run.events.length === 1 && run.events[0].event === 'error', 'not an error line', run.events);
  });

  if (fs.existsSync('/usr/bin/chromium')) {
    const pages = await startPages(base + 5);
    for (const mark of ['dom', 'violetear']) {
      await test(`ready.js --mark ${mark}`, async () => {
        const result = contract(await runScript('ready.js', ['--url', `http://127.0.0.1:${pages.port}/${mark}`, '--runs', '2', '--mark', mark]));
        expect(result.runs === 2 && result.values.length === 2 && result.p50 > 0 && result.min <= result.max, 'no ready times', result);
      });
    }
    await test('ready.js --other-url (two pages, their runs in turn)', async () => {
      const run = await runScript('ready.js', ['--url', `http://127.0.0.1:${pages.port}/violetear`, '--mark', 'violetear', '--other-url', `http://127.0.0.1:${pages.port}/dom`, '--other-mark', 'dom', '--runs', '2']);
      const result = contract(run);
      const order = (run.stderr.match(/ready\.js: \S+ run/g) || []).map((line) => (line.includes('/violetear ') ? 'v' : 'd')).join('');
      expect(result.mark === 'violetear' && result.values.length === 2 && result.other && result.other.mark === 'dom'
        && result.other.values.length === 2 && result.other.p50 > 0, 'not both pages\' figures', result);
      expect(order === 'vdvd', `runs not in turn: ${order}`);
    });

    await test('ready.js fails a page that never gets ready', async () => {
      const run = await runScript('ready.js', ['--url', `http://127.0.0.1:${pages.port}/dom`, '--runs', '1', '--mark', 'violetear', '--warmup', '0', '--page-timeout', '2']);
      expect(run.code === 1 && run.events[run.events.length - 1].event === 'error', 'not an error', run.events);
    });
    await test('ready.js fails a page that logs a console error', async () => {
      const run = await runScript('ready.js', ['--url', `http://127.0.0.1:${pages.port}/noisy`, '--runs', '1', '--mark', 'dom', '--warmup', '0']);
      const last = run.events[run.events.length - 1];
      expect(run.code === 1 && last.event === 'error' && /broken/.test(last.message), 'not an error', run.events);
    });
    pages.close();
  } else {
    console.log('skip ready.js: no /usr/bin/chromium (apt-get install -y chromium)');
  }

  if (opts.showcase) {
    await test(`ours framing against the showcase at ${opts.showcase}`, () => checkShowcase(opts.showcase));
  }

  raw.close();
  rpc.close();
  fake.close();
  sio.close();
  const passed = results.filter(Boolean).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
