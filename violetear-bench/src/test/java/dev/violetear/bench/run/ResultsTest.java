// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
  @Test
  void aCostIsBetterWhenLowerAndARateWhenHigher() {
    Results results = new Results();
    results.add("echo", Metric.CPU_PER_MESSAGE, Target.OURS, 20);
    results.add("echo", Metric.CPU_PER_MESSAGE, Target.JETTY, 15);
    results.add("echo", Metric.MESSAGES_PER_SECOND, Target.OURS, 30_000);
    results.add("echo", Metric.MESSAGES_PER_SECOND, Target.JETTY, 60_000);

    List<Results.Row> rows = results.rows();

    assertThat(rows).extracting(Results.Row::ratio).containsExactly(0.75, 0.5);
  }

  @Test
  void eachFigureIsTheMedianOfItsRounds() {
    Results results = new Results();
    for (double v : new double[] {30, 10, 1000}) {
      results.add("rpc", Metric.REQUESTS_PER_SECOND, Target.OURS, v);
    }
    for (double v : new double[] {40, 20, 10, 30}) {
      results.add("rpc", Metric.REQUESTS_PER_SECOND, Target.JAVALIN, v);
    }

    Results.Row row = results.rows().get(0);

    assertThat(row.ours()).isEqualTo(30);
    assertThat(row.baselineValue()).isEqualTo(25);
  }

  @Test
  void aTargetIsMissedBelowItsRatioAndMetAtIt() {
    Results results = new Results();
    results.target("rpc", Metric.REQUESTS_PER_SECOND, Target.JAVALIN, 0.9);
    results.target("ready", Metric.READY_MS, Target.HAND_PAGE, 1 / 1.5);
    results.add("rpc", Metric.REQUESTS_PER_SECOND, Target.OURS, 89);
    results.add("rpc", Metric.REQUESTS_PER_SECOND, Target.JAVALIN, 100);
    results.add("ready", Metric.READY_MS, Target.OURS, 150);
    results.add("ready", Metric.READY_MS, Target.HAND_PAGE, 100);

    List<Results.Row> rows = results.rows();

    assertThat(rows.get(0).missed()).isTrue();
    assertThat(rows.get(1).missed()).isFalse();
  }

  @Test
  void aFigureWithoutABaselineHasOneRowWithoutARatio() {
    Results results = new Results();
    results.add("start", Metric.COLD_START_MS, Target.OURS, 3000);

    assertThat(results.rows())
        .containsExactly(
            new Results.Row("start", "App.start cold ms", 3000.0, null, null, null, null));
  }

  @Test
  void aZeroCostAgainstAPositiveOneHasNoRatioAndTwoZerosAreEven() {
    Results results = new Results();
    results.add("storm", Metric.LOST, Target.OURS, 0);
    results.add("storm", Metric.LOST, Target.SOCKET_IO, 12);
    results.add("storm", Metric.DUPLICATED, Target.OURS, 0);
    results.add("storm", Metric.DUPLICATED, Target.SOCKET_IO, 0);

    assertThat(results.rows())
        .containsExactly(
            new Results.Row("storm", "lost", 0.0, "Socket.IO 4", 12.0, null, null),
            new Results.Row("storm", "duplicated", 0.0, "Socket.IO 4", 0.0, 1.0, null));
  }

  @Test
  void theJsonListsEveryRowWithTheDocumentedFields(@TempDir Path dir) throws Exception {
    Results results = new Results();
    results.target("idle", Metric.HEAP_PER_SOCKET, Target.SOCKET_IO, 1.0);
    results.add("idle", Metric.HEAP_PER_SOCKET, Target.OURS, 8000);
    results.add("idle", Metric.HEAP_PER_SOCKET, Target.SOCKET_IO, 10000);
    Path file = dir.resolve("out/bench.json");

    Results.write(results.rows(), file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.isArray()).isTrue();
    JsonNode row = json.get(0);
    assertThat(row.get("scenario").asText()).isEqualTo("idle");
    assertThat(row.get("metric").asText()).isEqualTo("heap B/socket");
    assertThat(row.get("ours").asDouble()).isEqualTo(8000);
    assertThat(row.get("baseline").asText()).isEqualTo("Socket.IO 4");
    assertThat(row.get("baselineValue").asDouble()).isEqualTo(10000);
    assertThat(row.get("ratio").asDouble()).isEqualTo(1.25);
    assertThat(row.get("target").asDouble()).isEqualTo(1.0);
  }

  @Test
  void theTableNamesMissedTargets() {
    Results results = new Results();
    results.target("bundle", Metric.BUNDLE_GZIP, Target.BUDGET, 1.0);
    results.add("bundle", Metric.BUNDLE_GZIP, Target.OURS, 20_000);
    results.add("bundle", Metric.BUNDLE_GZIP, Target.BUDGET, 15_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    Results.print(results.rows(), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("bundle B gzip")
        .contains("20,000")
        .contains("0.75")
        .contains("MISSED");
  }
}
