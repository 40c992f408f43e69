// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * The paced protocol (`--paced` on echo, broadcast and rpc): the orchestrator takes each target's
 * window in slices, in turn with the other targets' (see PacedLoads.java), so the load waits on
 * stdin instead of running on its own clock. Once open it prints "paused"; then "warm S" loads
 * the server for S seconds unmeasured ("warmed"), "go" loads it for a lead-in and one measured
 * slice ("measuring", "measured"), and "end" returns, for the caller to report over every slice.
 * After a warm-up or a slice the load stops and prints "paused" once nothing of it is in flight,
 * so that another target's slice finds this one's server idle.
 */
const readline = require('readline');
const { emit, sleep } = require('./out');

// Before each slice, unless the load knows better (see lead): it fills its pipeline and the
// server's threads wake up.
const LEAD_MS = 100;

/**
 * Serves the orchestrator's commands until "end": resume() starts the load, lead() resolves once
 * it runs as it will in the slice (by default after 0.1 s), slice() measures one slice, pause()
 * stops the load and resolves once nothing is in flight.
 */
async function paced({ resume, lead = () => sleep(LEAD_MS), slice, pause }) {
  emit('paused');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [command, arg] = line.trim().split(/\s+/);
    if (command === 'end') return;
    if (command === 'warm' && Number(arg) >= 0) {
      await resume();
      await sleep(Number(arg) * 1000);
      emit('warmed');
    } else if (command === 'go') {
      await resume();
      await lead();
      await slice();
    } else {
      throw new Error(`unknown command '${line.trim()}'; expected warm <seconds>, go or end`);
    }
    await pause();
    emit('paused');
  }
}

module.exports = { paced };
