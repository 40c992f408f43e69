// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.examples.BrowserFixture.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The showcase as it ships: one jar with the prebuilt bundle, run by {@code java -jar} on a JVM
 * without {@code jdk.compiler}, in an empty working directory. Chromium drives its counter and its
 * chat with zero console errors, and it writes no bundle cache.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShowcaseJarIT {
  private static ShowcaseJar jar;

  @RegisterExtension
  static final BrowserFixture browser = BrowserFixture.serving(() -> jar = ShowcaseJar.start());

  @Test
  void theJarHoldsThePrebuiltBundleAndNoCompiler() throws IOException {
    try (JarFile file = new JarFile(ShowcaseJar.JAR.toFile())) {
      List<String> compilerClasses =
          Collections.list(file.entries()).stream()
              .map(ZipEntry::getName)
              .filter(
                  n ->
                      n.startsWith("org/teavm/")
                          || n.startsWith("org/objectweb/asm/")
                          || n.startsWith("dev/violetear/internal/compiler/"))
              .toList();
      assertThat(compilerClasses).isEmpty();
      assertThat(file.getEntry("META-INF/violetear/bundle.js")).isNotNull();
      assertThat(file.getEntry("META-INF/violetear/bundle.properties")).isNotNull();
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.violetear.examples.Showcase");
    }
  }

  @Test
  void startsWithThePrebuiltBundleAndWritesNoCache() throws IOException {
    assertThat(jar.startLine())
        .matches(
            ".*Violetear showcase is running at http://localhost:"
                + jar.port()
                + "/ \\(bundle [0-9]+\\.[0-9] KB, prebuilt\\)$");
    try (var entries = Files.list(jar.workDir())) {
      assertThat(entries).isEmpty();
    }
    System.out.printf(
        Locale.ROOT,
        "showcase jar: %,d bytes; java -jar to first HTTP 200: %d ms (--limit-modules %s)%n",
        Files.size(ShowcaseJar.JAR),
        jar.toFirstOk().toMillis(),
        ShowcaseJar.MODULES);
  }

  @Test
  void theCounterCountsOnTheServer() {
    browser.open("/counter");
    String before = browser.byId("display").getText();
    int start = Integer.parseInt(before.substring("Count: ".length()));

    browser.byId("plus").click();

    browser.waitUntil(textToBe(By.id("display"), "Count: " + (start + 1)));
  }

  @Test
  void twoUsersReadEachOthersMessages() {
    try (Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      String a = ChatPage.enter(ada);
      String b = ChatPage.enter(bob);

      ChatPage.say(ada, "hello from the jar");
      ChatPage.say(bob, "hi ada");

      ChatPage.awaitLine(bob, "message", a + ": hello from the jar");
      ChatPage.awaitLine(ada, "message", b + ": hi ada");
    }
  }

  @AfterAll
  static void nothingWasWrittenToTheWorkingDirectory() throws IOException {
    try (var entries = Files.list(jar.workDir())) {
      assertThat(entries).as("files the jar wrote into its working directory").isEmpty();
    }
  }
}
