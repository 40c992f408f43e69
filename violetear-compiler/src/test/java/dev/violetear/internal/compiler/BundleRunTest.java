// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.model.AppModel;
import example.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs compiled bundles in Node with a fake server: proves that a callback's blocking RPC call,
 * every codec and the error path work in real JavaScript, without a browser.
 */
@Timeout(120)
class BundleRunTest {
  private static final long NODE_TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  @Test
  void everyWireTypeSurvivesTheBrowserCodecsAndBlockingCalls() throws Exception {
    List<String> out = run(Wire.class, "Wire.go");

    assertThat(out).contains("loaded true Wire.go,Wire.tryFail");
    assertThat(out).contains("out Wire.go " + Wire.describe(Wire.sample()));
    assertThat(out)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "rpc Wire.echo {\"args\":[{\"i\":-7,"
                            + "\"big\":\"9007199254740993\",\"d\":2.5,\"b\":true,\"c\":\"z\","));
    assertThat(out).noneMatch(l -> l.startsWith("error"));
  }

  @Test
  void aFailedCallThrowsRpcExceptionWithTheServersTypeStatusAndMessage() throws Exception {
    List<String> out = run(Wire.class, "Wire.tryFail");

    assertThat(out).contains("out Wire.tryFail Nope/422/because");
    assertThat(out).contains("rpc Wire.fail {\"args\":[\"because\"]}");
  }

  @Test
  void realtimeCallsAndEventsFlowThroughTheRuntimeInBothDirections() throws Exception {
    List<String> out =
        run(
            example.live.Live.class,
            "ready",
            "invoke:Live.toast:[\"hello\",\"WARN\"]",
            "emit:note:{\"text\":\"x\",\"n\":1}",
            "Live.send");

    assertThat(out)
        .containsSubsequence(
            "out ready ready 0",
            "out invoke:Live.toast:[\"hello\",\"WARN\"] toast hello WARN",
            "out emit:note:{\"text\":\"x\",\"n\":1} note x 1",
            "out Live.send note hi 3",
            "call Live.cursor [1,2]",
            "call Live.counted []",
            "emit note {\"text\":\"hi\",\"n\":3}");
    assertThat(out)
        .contains(
            "error violetear: Live.counted is @Server.Realtime, so the call has no"
                + " result: it returns null/zero. Use @Server.Rpc to get the server's answer.");
  }

  @Test
  void serverOnlyComponentsAreNeitherReadNorSentByThePage() throws Exception {
    List<String> out =
        run(
            example.secret.Secret.class,
            "invoke:Secret.show:[{\"name\":\"Ada\",\"pot\":3,\"pin\":99,\"token\":\"x\"}]",
            "Secret.send");

    assertThat(out)
        .containsSubsequence(
            "out invoke:Secret.show:[{\"name\":\"Ada\",\"pot\":3,\"pin\":99,\"token\":\"x\"}]"
                + " Ada 3 0 null false",
            "emit seated {\"name\":\"Bo\",\"pot\":2}");
    assertThat(out).noneMatch(l -> l.startsWith("error"));
  }

  @Test
  void theInitialisersOfStaticFieldsClientCodeUsesRunInTheBrowserInOrder() throws Exception {
    // Units has server methods: before, its whole initialiser was dropped, NAMES was null in the
    // browser and the click failed with a TypeError.
    List<String> out = run(example.init.Units.class, "Units.show", "Units.show");

    assertThat(out)
        .containsSubsequence("out Units.show CELSIUS 2 71", "out Units.show CELSIUS 2 72");
    assertThat(out).noneMatch(l -> l.startsWith("error"));
  }

  private List<String> run(Class<?> app, String... callbacks) throws Exception {
    Bundle bundle = new BundleCompiler(dir.resolve("cache")).compile(AppModel.of(List.of(app)));
    Path js = dir.resolve("bundle.js");
    Files.writeString(js, bundle.js());
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "node",
                Path.of("src/test/js/run-bundle.mjs").toAbsolutePath().toString(),
                js.toString()));
    command.addAll(List.of(callbacks));
    // To a file, not a pipe read here: reading a pipe to its end waits for node to exit, so a
    // hung node would hang the test instead of reaching the timeout below.
    Path log = dir.resolve("node.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException(
            "node did not finish within "
                + NODE_TIMEOUT_SECONDS
                + " s; its output so far:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } finally {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    return output.lines().toList();
  }
}
