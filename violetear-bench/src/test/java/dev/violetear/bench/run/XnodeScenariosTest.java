// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XnodeScenariosTest {
  @Test
  void theNoteDividesTheNodesThroughRedisByTheOneNodeInMemory() {
    Results results = new Results();
    String s = XnodeScenarios.scenario();
    results.add(s, Metric.DELIVERIES_PER_SECOND, Target.OURS, 19_000);
    results.add(s, Metric.DELIVERIES_PER_SECOND, Target.IN_MEMORY, 20_000);
    results.add(s, Metric.P50_SENDING_NODE_MS, Target.OURS, 3);
    results.add(s, Metric.P50_SENDING_NODE_MS, Target.IN_MEMORY, 1);
    results.add(s, Metric.P99_OTHER_NODE_MS, Target.OURS, 10);
    results.add(s, Metric.P99_OTHER_NODE_MS, Target.IN_MEMORY, 4);
    results.add(s, Metric.CPU_PER_DELIVERY, Target.OURS, 5);
    results.add(s, Metric.CPU_PER_DELIVERY, Target.IN_MEMORY, 4);

    String note = XnodeScenarios.note(results.rows()).orElseThrow();

    assertThat(note)
        .contains("deliveries/s ×0.95")
        .contains("CPU per delivery (Redis included) ×1.25, so one core carries ×0.80 as many")
        .contains("delay ×3.00 (p50)")
        .contains("(not measured) (p99) on the sending node's pages")
        .contains("and ×2.50 on the other node's");
  }

  @Test
  void noNoteWhenTheScenarioDidNotRun() {
    Results results = new Results();
    results.add("echo", Metric.CPU_PER_MESSAGE, Target.OURS, 20);
    results.add("echo", Metric.CPU_PER_MESSAGE, Target.JETTY, 15);

    assertThat(XnodeScenarios.note(results.rows())).isEmpty();
  }

  @Test
  void theInMemoryBaselineIsComparedAndTheTwoNodesStandAsOurs() {
    Results results = new Results();
    String s = XnodeScenarios.scenario();
    results.add(s, Metric.CPU_PER_DELIVERY, Target.OURS, 5);
    results.add(s, Metric.CPU_PER_DELIVERY, Target.IN_MEMORY, 4);

    Results.Row row = results.rows().get(0);

    assertThat(row.baseline()).isEqualTo("1 node, in-memory");
    assertThat(row.ratio()).isEqualTo(0.8);
  }
}
