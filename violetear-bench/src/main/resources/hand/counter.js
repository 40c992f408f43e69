// SPDX-License-Identifier: Apache-2.0
// The hand-written counter: wires the buttons, then marks the moment the page is ready.
(function () {
  'use strict';
  function add(delta) {
    fetch('/add', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: [delta] })
    })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        document.getElementById('display').textContent = 'Count: ' + body.result.value;
      });
  }
  document.getElementById('plus').addEventListener('click', function () { add(1); });
  document.getElementById('minus').addEventListener('click', function () { add(-1); });
  window.__ready = performance.now();
})();
