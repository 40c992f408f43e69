// SPDX-License-Identifier: Apache-2.0
package dev.violetear.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.VioletearException;
import dev.violetear.internal.bundle.BundleManifest;
import dev.violetear.internal.bundle.ClassHashes;
import example.plugin.Greeter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class BundleBuildTest {
  @TempDir Path classes;

  @Test
  void buildsTheBundleOfTheAnnotatedClassesWithAManifestOfWhatItRead() throws IOException {
    copyClass(Greeter.class);
    List<String> log = new ArrayList<>();

    BundleBuild.Result result = BundleBuild.run(classes, List.of(classes), List.of(), log::add);

    assertThat(result.classes()).containsExactly("example.plugin.Greeter");
    assertThat(result.upToDate()).isFalse();
    byte[] js = Files.readAllBytes(classes.resolve(BundleManifest.JS));
    assertThat(js).hasSize((int) result.bundleBytes());
    BundleManifest manifest = readManifest();
    assertThat(manifest.registered()).containsExactly("example.plugin.Greeter");
    assertThat(manifest.sha256()).isEqualTo(ClassHashes.sha256(js));
    assertThat(manifest.frameworkVersion()).isEqualTo(BundleManifest.currentFrameworkVersion());
    assertThat(manifest.classHashes())
        .containsEntry(
            "example.plugin.Greeter",
            ClassHashes.ofClass(getClass().getClassLoader(), "example.plugin.Greeter"))
        .containsKeys("dev.violetear.browser.Dom", "dev.violetear.internal.client.ClientRuntime");
    assertThat(manifest.classHashes().keySet())
        .noneMatch(name -> name.startsWith("java.") || name.startsWith("org.teavm."));
    assertThat(log).singleElement().asString().startsWith("Built the browser bundle of");
  }

  @Test
  void anUnchangedBuildKeepsTheBundleWithoutCompilingAgain() throws IOException {
    copyClass(Greeter.class);
    BundleBuild.run(classes, List.of(classes), List.of(), s -> {});
    List<String> log = new ArrayList<>();

    BundleBuild.Result again = BundleBuild.run(classes, List.of(classes), List.of(), log::add);

    assertThat(again.upToDate()).isTrue();
    assertThat(log)
        .containsExactly("The browser bundle of [example.plugin.Greeter] is up to date.");
  }

  @Test
  void classesWithoutVioletearMethodsGetNoBundle() throws IOException {
    copyClass(BundleBuildTest.class);
    List<String> log = new ArrayList<>();

    BundleBuild.Result result = BundleBuild.run(classes, List.of(classes), List.of(), log::add);

    assertThat(result.classes()).isEmpty();
    assertThat(classes.resolve(BundleManifest.JS)).doesNotExist();
    assertThat(log)
        .containsExactly(
            "No class in " + classes + " declares a Violetear method; no bundle built.");
  }

  @Test
  void aConfiguredClassThatDoesNotExistIsNamed() {
    assertThatThrownBy(
            () ->
                BundleBuild.run(
                    classes, List.of(classes), List.of("example.plugin.Gretter"), s -> {}))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The violetear-maven-plugin's <classes> names example.plugin.Gretter, which is not on"
                + " the project's runtime classpath; fix the name (a binary name, e.g."
                + " com.example.Counter) or remove it.");
  }

  private BundleManifest readManifest() throws IOException {
    try (InputStream in = Files.newInputStream(classes.resolve(BundleManifest.PATH))) {
      return BundleManifest.read(in, classes.toString());
    }
  }

  private void copyClass(Class<?> c) throws IOException {
    String name = c.getName().replace('.', '/') + ".class";
    Path target = classes.resolve(name);
    Files.createDirectories(target.getParent());
    try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
      Files.write(target, in.readAllBytes());
    }
  }
}
