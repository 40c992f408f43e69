// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every sample of one benchmark run, per scenario, metric and target, reduced to medians and
 * compared with the baselines: the printed table and {@code bench.json}.
 */
final class Results {
  /** One compared figure, as written to {@code bench.json}. */
  record Row(
      String scenario,
      String metric,
      Double ours,
      String baseline,
      Double baselineValue,
      Double ratio,
      Double target) {
    boolean missed() {
      return target != null && (ratio == null || ratio < target);
    }
  }

  private final Map<String, Map<Metric, Map<Target, List<Double>>>> samples = new LinkedHashMap<>();
  private final Map<String, Double> targets = new LinkedHashMap<>();

  /** Records one round's value. */
  synchronized void add(String scenario, Metric metric, Target target, double value) {
    samples
        .computeIfAbsent(scenario, s -> new LinkedHashMap<>())
        .computeIfAbsent(metric, m -> new LinkedHashMap<>())
        .computeIfAbsent(target, t -> new ArrayList<>())
        .add(value);
  }

  /** Sets the ratio against {@code baseline} that {@code scenario}'s {@code metric} must reach. */
  void target(String scenario, Metric metric, Target baseline, double minimumRatio) {
    targets.put(key(scenario, metric, baseline), minimumRatio);
  }

  /** The medians, one row per baseline (or one row without a baseline). */
  synchronized List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    samples.forEach(
        (scenario, metrics) ->
            metrics.forEach(
                (metric, byTarget) -> {
                  Double ours = median(byTarget.get(Target.OURS));
                  boolean compared = false;
                  for (Map.Entry<Target, List<Double>> e : byTarget.entrySet()) {
                    if (e.getKey() == Target.OURS) {
                      continue;
                    }
                    compared = true;
                    double base = median(e.getValue());
                    Double ratio = ours == null ? null : metric.ratio(ours, base);
                    rows.add(
                        new Row(
                            scenario,
                            metric.label,
                            ours,
                            e.getKey().label,
                            base,
                            ratio,
                            targets.get(key(scenario, metric, e.getKey()))));
                  }
                  if (!compared) {
                    rows.add(new Row(scenario, metric.label, ours, null, null, null, null));
                  }
                }));
    return rows;
  }

  /** Prints the table: one line per row, the ratio normalised so that above 1 is better for us. */
  static void print(List<Row> rows, PrintStream out) {
    String format = "%-44s %-28s %12s  %-24s %12s %7s %7s %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "scenario",
        "metric",
        "violetear",
        "baseline",
        "value",
        "ratio",
        "target",
        "");
    String last = "";
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          format,
          r.scenario().equals(last) ? "" : r.scenario(),
          r.metric(),
          number(r.ours()),
          r.baseline() == null ? "" : r.baseline(),
          number(r.baselineValue()),
          r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()),
          r.target() == null ? "" : String.format(Locale.ROOT, "≥%.2f", r.target()),
          r.target() == null ? "" : r.missed() ? "MISSED" : "met");
      last = r.scenario();
    }
  }

  static void write(List<Row> rows, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
  }

  private static String number(Double v) {
    if (v == null) {
      return "";
    }
    return Math.abs(v) >= 100 || v == Math.rint(v)
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  private static Double median(List<Double> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String key(String scenario, Metric metric, Target baseline) {
    return scenario + "\u0000" + metric + "\u0000" + baseline;
  }
}
