// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code is the code the tests compile and run: every fenced block after a {@code <!--
 * snippet: path -->} marker must appear in that file word for word (layout may differ), so a README
 * example cannot drift from the file that an IT runs.
 */
class ReadmeSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyMarkedSnippetIsInItsFileWordForWord() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher m = SNIPPET.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (m.find()) {
      Path file = ROOT.resolve(m.group(1));
      assertThat(file).as("the file README's snippet marker names").isRegularFile();
      assertThat(words(Files.readString(file)))
          .as("README's snippet from %s, word for word (layout aside)", m.group(1))
          .contains(words(m.group(2)));
      checked.add(m.group(1));
    }
    assertThat(checked).as("snippet markers in README.md").isNotEmpty();
  }

  @Test
  void aChangedSnippetIsCaught() {
    String file = "int add(int a) {\n  return a + 1;\n}\n";
    assertThat(words(file)).contains(words("int add(int a) { return a + 1; }"));
    assertThat(words(file)).doesNotContain(words("int add(int a) { return a + 2; }"));
  }

  // The text with every run of whitespace removed.
  private static String words(String text) {
    return text.replaceAll("\\s+", "");
  }
}
