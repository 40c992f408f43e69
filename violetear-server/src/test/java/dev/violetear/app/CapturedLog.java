// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The log lines of the running test: every line logged from any thread since the test (or, in
 * {@code @BeforeAll}, its class) started, and nothing from the tests before it. Registered for
 * every test by JUnit's extension autodetection (see {@code junit-platform.properties}); the lines
 * come from {@link CapturingLogProvider}, which Surefire (here) and Failsafe (violetear-examples,
 * through this module's test-jar) select with {@code -Dslf4j.provider}.
 *
 * <pre>{@code
 * assertThat(CapturedLog.ofTest()).contains("has not acknowledged 4096 frames");
 * }</pre>
 */
public final class CapturedLog implements BeforeAllCallback, BeforeEachCallback {
  // Replaced when a test class or a test starts; appended to by any thread meanwhile.
  private static volatile List<String> ofClass = new ArrayList<>();
  private static volatile List<String> ofTest = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    ofClass = new ArrayList<>();
    ofTest = new ArrayList<>();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ofTest = new ArrayList<>();
  }

  /** The lines logged since the running test started, each ending in a newline, oldest first. */
  public static String ofTest() {
    return text(ofTest);
  }

  /**
   * The lines logged since the running test class started, its {@code @BeforeAll} included: for
   * what an app logs when it starts.
   */
  public static String ofClass() {
    return text(ofClass);
  }

  private static String text(List<String> lines) {
    if (!(LoggerFactory.getILoggerFactory() instanceof CapturingLogProvider.Factory)) {
      throw new IllegalStateException(
          "the test log is not captured: run the test with -Dslf4j.provider="
              + CapturingLogProvider.class.getName()
              + " (the poms of violetear-server and violetear-examples set it)");
    }
    StringBuilder text = new StringBuilder();
    synchronized (lines) {
      lines.forEach(line -> text.append(line).append('\n'));
    }
    return text.toString();
  }

  static void add(String line) {
    for (List<String> lines : List.of(ofClass, ofTest)) {
      synchronized (lines) {
        lines.add(line);
      }
    }
  }
}
