// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * The stdout contract: JSON lines only, written synchronously, because the orchestrator samples
 * the server's CPU time the moment it reads "measuring"/"measured": a buffered write would shift
 * the window. Everything for humans goes to stderr.
 */
const fs = require('fs');

let finished = false;

function emit(event, fields = {}) {
  writeLine(1, JSON.stringify({ event, ...fields }));
}

function log(...parts) {
  writeLine(2, parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
}

function writeLine(fd, text) {
  const data = Buffer.from(text + '\n');
  let offset = 0;
  // A pipe can be full (EAGAIN) when the reader is slow; retrying keeps the line whole.
  while (offset < data.length) {
    try {
      offset += fs.writeSync(fd, data, offset);
    } catch (err) {
      if (err.code !== 'EAGAIN') throw err;
    }
  }
}

/** Prints the result line and exits 0; later calls (e.g. a timeout racing the end) do nothing. */
function finish(fields) {
  if (finished) return;
  finished = true;
  emit('result', fields);
  process.exit(0);
}

function fail(err) {
  if (finished) return;
  finished = true;
  const message = err && err.message ? err.message : String(err);
  if (err && err.stack) log(err.stack);
  emit('error', { message });
  process.exit(1);
}

/** Fails the run after `seconds` whatever it is doing, so no run outlives its budget. */
function hardTimeout(seconds) {
  const timer = setTimeout(() => fail(new Error(`hard timeout of ${seconds} s reached`)), seconds * 1000);
  timer.unref();
  return timer;
}

function installCrashHandlers() {
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // The orchestrator may stop reading; a broken stdout must not leave us running.
  process.stdout.on('error', () => process.exit(1));
}

/**
 * This process's CPU use over a window, as a fraction of one core (user + system): a value near
 * 1 means the load generator, not the server, may be what limits the rate.
 */
function cpuMeter() {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  return () => {
    const used = process.cpuUsage(cpu);
    const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
    return Math.round(((used.user + used.system) / 1e6 / seconds) * 1000) / 1000;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The measured windows of a run, one or (paced) several slices, summed: measure() prints
 * "measuring", calls setMeasuring(true), waits `duration` seconds, calls setMeasuring(false) and
 * prints "measured"; seconds() and clientCpu() cover every window so far.
 */
function windows(setMeasuring) {
  let seconds = 0;
  let cpuSeconds = 0;
  return {
    async measure(duration) {
      setMeasuring(true);
      const start = process.hrtime.bigint();
      emit('measuring');
      const cpu = cpuMeter();
      // A timer may fire a millisecond early (libuv rounds its clock), and a slice must not be
      // shorter than asked: the targets' slices are compared by their lengths.
      const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
      await sleep(duration * 1000);
      while (elapsed() < duration) await sleep(1);
      setMeasuring(false);
      const length = elapsed();
      cpuSeconds += cpu() * length;
      seconds += length;
      emit('measured');
    },
    seconds: () => seconds,
    clientCpu: () => (seconds > 0 ? Math.round((cpuSeconds / seconds) * 1000) / 1000 : 0),
  };
}

module.exports = { emit, log, finish, fail, hardTimeout, installCrashHandlers, cpuMeter, sleep, windows };
