// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

/** A measured quantity, with its unit and the direction that is better. */
enum Metric {
  CPU_PER_MESSAGE("server CPU µs/msg", true),
  MESSAGES_PER_SECOND("msgs/s", false),
  P50_MICROS("p50 µs", true),
  CPU_PER_DELIVERY("server CPU µs/delivery", true),
  P95_DELAY_MS("p95 delay ms", true),
  LARGEST_FANOUT("largest N with p95 < 500 ms", false),
  DELIVERIES_PER_SECOND("deliveries/s", false),
  P50_SENDING_NODE_MS("p50 delay ms, sending node", true),
  P99_SENDING_NODE_MS("p99 delay ms, sending node", true),
  P50_OTHER_NODE_MS("p50 delay ms, other node", true),
  P99_OTHER_NODE_MS("p99 delay ms, other node", true),
  HEAP_PER_SOCKET("heap B/socket", true),
  RSS_PER_SOCKET("RSS B/socket", true),
  REQUESTS_PER_SECOND("req/s", false),
  CPU_PER_REQUEST("server CPU µs/req", true),
  ALL_BACK_MS("all back ms", true),
  LOST("lost", true),
  DUPLICATED("duplicated", true),
  BUNDLE_RAW("bundle B raw", true),
  BUNDLE_GZIP("bundle B gzip", true),
  COLD_START_MS("App.start cold ms", true),
  CACHED_START_MS("App.start cached ms", true),
  READY_MS("time to ready ms", true);

  final String label;
  final boolean lowerIsBetter;

  Metric(String label, boolean lowerIsBetter) {
    this.label = label;
    this.lowerIsBetter = lowerIsBetter;
  }

  /**
   * How {@code ours} compares with {@code baseline}, as a ratio where above 1 means better for us;
   * null when a ratio means nothing (a zero on either side of a lower-is-better metric).
   */
  Double ratio(double ours, double baseline) {
    // Plain ifs: a conditional mixing a double with null unboxes the null and throws.
    if (lowerIsBetter) {
      if (ours == 0) {
        return baseline == 0 ? Double.valueOf(1.0) : null;
      }
      return baseline / ours;
    }
    if (baseline == 0) {
      return null;
    }
    return ours / baseline;
  }
}
