// SPDX-License-Identifier: Apache-2.0
// Loaded by CspIT from the page's own origin, so the page's policy governs what it evaluates:
// code that the test driver runs itself is exempt from the policy and could not show this.
(function () {
  var results = {};
  try {
    results.eval = String(eval('1 + 1'));
  } catch (e) {
    results.eval = e.name;
  }
  try {
    results.newFunction = String(new Function('return 1')());
  } catch (e) {
    results.newFunction = e.name;
  }
  window.cspProbe = results;
})();
