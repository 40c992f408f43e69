// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * Every sample is kept, so the percentiles are exact rather than bucketed; a growing
 * Float64Array keeps a million samples at 8 MB without boxing each number.
 */
class Samples {
  constructor(initial = 1 << 16) {
    this.values = new Float64Array(initial);
    this.count = 0;
  }

  add(value) {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = value;
  }

  /** Sorted copy of the samples; sorting a typed array compares numerically. */
  sorted() {
    return this.values.slice(0, this.count).sort();
  }

  /** p50/p95/p99/max/min of the samples, rounded to `digits` decimals; null when empty. */
  summary(digits = 0) {
    const sorted = this.sorted();
    const at = (q) => round(percentile(sorted, q), digits);
    return {
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      min: sorted.length ? round(sorted[0], digits) : null,
      max: sorted.length ? round(sorted[sorted.length - 1], digits) : null,
    };
  }
}

/**
 * Nearest-rank percentile (the smallest sample with at least q of the samples at or below it),
 * the definition HdrHistogram uses, so our numbers compare with the Java side's.
 */
function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

function round(value, digits) {
  if (value === null || value === undefined) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

module.exports = { Samples, percentile, round };
