// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.VioletearException;
import dev.violetear.internal.model.AppModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrebuiltBundleTest {
  static final class Clicker {
    @Client.Callback
    static void click() {}
  }

  static final class Other {
    @Client.Callback
    static void other() {}
  }

  private static final String JS = "(function() { main([]); })();\n";
  private static final String CLICKER = Clicker.class.getName();

  @TempDir Path jar;
  @TempDir Path work;

  @Test
  void aMatchingPrebuiltBundleIsUsedAndNothingIsWrittenToDisk() throws IOException {
    write(manifest(Map.of(CLICKER, currentHash(CLICKER)), List.of(CLICKER, Other.class.getName())));
    Path cache = work.resolve("cache");

    Bundle bundle = Bundles.obtain(AppModel.of(List.of(Clicker.class)), cache, loader());

    assertThat(bundle.source()).isEqualTo(Bundle.Source.PREBUILT);
    assertThat(bundle.describe()).isEqualTo("prebuilt");
    assertThat(bundle.js()).isEqualTo(JS);
    assertThat(bundle.hash()).isEqualTo(ClassHashes.sha256(bytes(JS)).substring(0, 16));
    assertThat(cache).doesNotExist();
  }

  @Test
  void aClassThatChangedSinceTheBuildFailsTheStartNamingIt() throws IOException {
    String builtFrom = ClassHashes.sha256(bytes("the class file as it was at build time"));
    write(manifest(Map.of(CLICKER, builtFrom), List.of(CLICKER)));

    assertThatThrownBy(() -> Bundles.obtain(AppModel.of(List.of(Clicker.class)), work, loader()))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The prebuilt browser bundle (META-INF/violetear/bundle.js in "
                + jar
                + ") was built from another version of "
                + CLICKER
                + ": rebuild it with `mvn package` (goal violetear:bundle), or remove it to"
                + " compile in dev mode.");
  }

  @Test
  void aClassThatIsGoneFailsTheStartNamingIt() throws IOException {
    write(
        manifest(
            Map.of(CLICKER, currentHash(CLICKER), "com.example.Gone", "00"), List.of(CLICKER)));

    assertThatThrownBy(() -> Bundles.obtain(AppModel.of(List.of(Clicker.class)), work, loader()))
        .hasMessage(
            "The prebuilt browser bundle (META-INF/violetear/bundle.js in "
                + jar
                + ") was built from com.example.Gone, which is not on the classpath: rebuild it"
                + " with `mvn package` (goal violetear:bundle), or remove it to compile in dev"
                + " mode.");
  }

  @Test
  void aBundleBuiltByAnotherFrameworkVersionFailsTheStart() throws IOException {
    BundleManifest current = manifest(Map.of(CLICKER, currentHash(CLICKER)), List.of(CLICKER));
    write(
        new BundleManifest(
            current.format(),
            "0.0.1",
            current.sha256(),
            current.registered(),
            current.classHashes()));

    assertThatThrownBy(() -> Bundles.obtain(AppModel.of(List.of(Clicker.class)), work, loader()))
        .hasMessage(
            "The prebuilt browser bundle (META-INF/violetear/bundle.js in "
                + jar
                + ") was built by Violetear 0.0.1, but this server runs Violetear "
                + BundleManifest.currentFrameworkVersion()
                + ": rebuild it with `mvn package` (goal violetear:bundle), or remove it to"
                + " compile in dev mode.");
  }

  @Test
  void withoutAPrebuiltBundleOrACompilerTheStartSaysWhatToAdd() {
    assertThatThrownBy(() -> Bundles.obtain(AppModel.of(List.of(Clicker.class)), work, loader()))
        .hasMessage(
            "No prebuilt browser bundle on the classpath (META-INF/violetear/bundle.js), and the"
                + " bundle compiler is not on the classpath to compile one at start. Add the"
                + " violetear-maven-plugin (goal bundle) to the build, so the jar carries a"
                + " prebuilt bundle, or add the dependency dev.violetear:violetear-compiler (scope"
                + " provided or test) to compile it in dev mode.");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void aPrebuiltBundleOfOtherClassesIsNotUsed() throws IOException {
    write(manifest(Map.of(CLICKER, currentHash(CLICKER)), List.of(CLICKER)));

    assertThatThrownBy(() -> Bundles.obtain(AppModel.of(List.of(Other.class)), work, loader()))
        .hasMessageStartingWith(
            "No prebuilt browser bundle on the classpath was built from "
                + Other.class.getName()
                + " (the one in "
                + jar
                + " was not), and the bundle compiler is not on the classpath");
  }

  @Test
  void theManifestReadsBackWhatWasWritten() throws IOException {
    BundleManifest written =
        manifest(Map.of(CLICKER, currentHash(CLICKER)), List.of(CLICKER, "com.example.B"));
    write(written);

    try (var in = Files.newInputStream(jar.resolve(BundleManifest.PATH))) {
      assertThat(BundleManifest.read(in, jar.toString())).isEqualTo(written);
    }
  }

  private static BundleManifest manifest(Map<String, String> hashes, List<String> registered) {
    return new BundleManifest(
        BundleManifest.FORMAT,
        BundleManifest.currentFrameworkVersion(),
        ClassHashes.sha256(bytes(JS)),
        registered,
        new TreeMap<>(hashes));
  }

  private void write(BundleManifest manifest) throws IOException {
    Path file = jar.resolve(BundleManifest.PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(jar.resolve(BundleManifest.JS), JS);
    try (OutputStream out = Files.newOutputStream(file)) {
      manifest.write(out);
    }
  }

  private URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
  }

  private static String currentHash(String name) {
    return ClassHashes.ofClass(PrebuiltBundleTest.class.getClassLoader(), name);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
