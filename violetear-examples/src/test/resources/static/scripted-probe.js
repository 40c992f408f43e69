// SPDX-License-Identifier: Apache-2.0
// Referenced by scripted.html, which FragmentsIT loads as a fragment: it must never run.
window.scriptedRan = true;
