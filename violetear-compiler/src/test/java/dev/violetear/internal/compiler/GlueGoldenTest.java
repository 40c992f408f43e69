// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.violetear.internal.model.AppModel;
import example.counter.Counter;
import example.live.Live;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the shape of the generated glue: the sources for two fixture apps (RPC stubs, callbacks,
 * realtime calls both ways, events, record and enum codecs, the entry point) must equal the files
 * checked in under {@code src/test/resources/golden/glue}. A change to the generator shows up as a
 * diff of those files in review.
 */
class GlueGoldenTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "glue");
  private static final String UPDATE_PROPERTY = "violetear.updateGolden";
  private static final String HOW_TO_UPDATE =
      "If the change is intended, rewrite the golden files with\n"
          + "  mvn -pl violetear-compiler test -Dtest=GlueGoldenTest -D"
          + UPDATE_PROPERTY
          + "=true\n"
          + "and review their diff with git before committing.";

  private static Map<String, String> glue() {
    return SourceGenerator.generate(AppModel.of(List.of(Counter.class, Live.class)));
  }

  @Test
  void generatedGlueMatchesTheGoldenFiles() throws IOException {
    Map<String, String> sources = glue();
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      deleteTree(GOLDEN);
      GlueFiles.write(sources, GOLDEN);
    }
    TreeSet<String> expected = goldenFiles();
    TreeSet<String> actual = new TreeSet<>();
    sources.keySet().forEach(name -> actual.add(GlueFiles.relativePath(name)));
    List<String> problems = new ArrayList<>();
    for (String file : actual) {
      if (!expected.contains(file)) {
        problems.add("generated " + file + ", which has no golden file");
      }
    }
    for (String file : expected) {
      if (!actual.contains(file)) {
        problems.add("golden file " + file + " is no longer generated");
      }
    }
    for (Map.Entry<String, String> source : sources.entrySet()) {
      String file = GlueFiles.relativePath(source.getKey());
      if (expected.contains(file)) {
        String golden = Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
        firstDifference(file, golden.replace("\r\n", "\n"), source.getValue())
            .ifPresent(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      fail(
          "The generated glue differs from the golden files in %s:%n  - %s%n%s",
          GOLDEN.toAbsolutePath(), String.join("\n  - ", problems), HOW_TO_UPDATE);
    }
  }

  @Test
  void generatingTwiceGivesTheSameSources() {
    assertThat(glue()).containsExactlyEntriesOf(glue());
  }

  @Test
  void theDumpWritesOneJavaFilePerGeneratedClassByPackage(@TempDir Path dir) throws IOException {
    Map<String, String> sources = glue();
    String previous = System.getProperty(GlueFiles.DIR_PROPERTY);
    System.setProperty(GlueFiles.DIR_PROPERTY, dir.toString());
    try {
      GlueFiles.dumpIfAsked(sources);
    } finally {
      if (previous == null) {
        System.clearProperty(GlueFiles.DIR_PROPERTY);
      } else {
        System.setProperty(GlueFiles.DIR_PROPERTY, previous);
      }
    }

    assertThat(dir.resolve("dev/violetear/generated/ClientMain.java"))
        .hasContent(sources.get(SourceGenerator.MAIN_CLASS));
    assertThat(dir.resolve("example/counter/Counter$$Violetear.java"))
        .hasContent(sources.get("example.counter.Counter$$Violetear"));
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(sources.size());
    }
  }

  private static java.util.Optional<String> firstDifference(
      String file, String expected, String actual) {
    if (expected.equals(actual)) {
      return java.util.Optional.empty();
    }
    String[] want = expected.split("\n", -1);
    String[] got = actual.split("\n", -1);
    int line = 0;
    while (line < want.length && line < got.length && want[line].equals(got[line])) {
      line++;
    }
    return java.util.Optional.of(
        file
            + " differs at line "
            + (line + 1)
            + ":\n      golden:    "
            + (line < want.length ? want[line] : "<end of file>")
            + "\n      generated: "
            + (line < got.length ? got[line] : "<end of file>"));
  }

  private static TreeSet<String> goldenFiles() throws IOException {
    TreeSet<String> files = new TreeSet<>();
    if (!Files.isDirectory(GOLDEN)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(GOLDEN)) {
      paths
          .filter(Files::isRegularFile)
          .forEach(p -> files.add(GOLDEN.relativize(p).toString().replace('\\', '/')));
    }
    return files;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
