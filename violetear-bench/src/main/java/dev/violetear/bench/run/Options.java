// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import java.util.regex.Pattern;

/**
 * How long and how often to measure.
 *
 * @param rounds interleaved rounds; each figure is the median over them
 * @param warmup seconds of load before each measured window
 * @param duration seconds each window lasts
 * @param quick a smoke run: fewer and smaller scenarios, for checking the harness itself
 * @param only runs only the scenarios whose name this finds, or all when null
 * @param profile records a Flight Recorder profile of every Java target, one file per process
 */
record Options(
    int rounds, double warmup, double duration, boolean quick, Pattern only, boolean profile) {
  static final String USAGE =
      "usage: Bench [--rounds N] [--warmup S] [--duration S] [--quick] [--only REGEX] [--profile]";

  static Options parse(String[] args) {
    int rounds = 3;
    // Each target is warmed up as a whole first (JIT); a scenario's warm-up only fills its pipes.
    double warmup = 0.3;
    // Four slices of 0.4 s for a socket or RPC window (see RealtimeScenarios.SLICES): 2 s took the
    // run past its 15 minutes.
    double duration = 1.6;
    boolean quick = false;
    Pattern only = null;
    boolean profile = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
        case "--duration" -> duration = Double.parseDouble(args[++i]);
        case "--quick" -> quick = true;
        case "--only" -> only = Pattern.compile(args[++i]);
        case "--profile" -> profile = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (quick) {
      rounds = Math.min(rounds, 1);
      duration = Math.min(duration, 1);
      warmup = Math.min(warmup, 0.5);
    }
    return new Options(rounds, warmup, duration, quick, only, profile);
  }

  boolean runs(String scenario) {
    return only == null || only.matcher(scenario).find();
  }

  /** Whether {@code --only} was given and picks {@code scenario}. */
  boolean isOnly(String scenario) {
    return only != null && runs(scenario);
  }

  /**
   * Seconds of a target's unmeasured warm-up: the scenarios' duration, 2 s at least, and {@code
   * jvmSeconds} at least for a Java target outside a quick run.
   */
  double targetWarmup(Target target, double jvmSeconds) {
    double seconds = Math.max(2, duration);
    return target.isJvm() && !quick ? Math.max(seconds, jvmSeconds) : seconds;
  }

  String warmupArg() {
    return Double.toString(warmup);
  }

  String durationArg() {
    return Double.toString(duration);
  }
}
