// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.VioletearException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the generated glue sources as ordinary {@code .java} files, so that a developer can read
 * what the bundle compiler hands to javac and TeaVM.
 *
 * <pre>{@code
 * java -Dvioletear.glue.dir=target/glue -jar app.jar
 * # target/glue/dev/violetear/generated/ClientMain.java, target/glue/shop/Cart$$Violetear.java ...
 * }</pre>
 *
 * <p>The files are laid out by package, one per generated class, named by its binary name (so a
 * stub of {@code shop.Cart} is {@code shop/Cart$$Violetear.java}). Existing files are overwritten,
 * others in the directory are left alone.
 */
final class GlueFiles {
  /** The system property naming the directory to dump the glue into; unset means no dump. */
  static final String DIR_PROPERTY = "violetear.glue.dir";

  private static final Logger log = LoggerFactory.getLogger(GlueFiles.class);

  private GlueFiles() {}

  /** Writes the sources to the directory of {@link #DIR_PROPERTY}, when it is set. */
  static void dumpIfAsked(Map<String, String> sources) {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      return;
    }
    Path root = Path.of(dir);
    try {
      write(sources, root);
    } catch (IOException e) {
      throw new VioletearException(
          "Cannot write the generated glue to '"
              + root.toAbsolutePath()
              + "' (system property "
              + DIR_PROPERTY
              + "): "
              + e
              + ". Name a writable directory, or unset the property.",
          e);
    }
    log.info("Wrote {} generated glue sources to {}", sources.size(), root.toAbsolutePath());
  }

  /** Writes each source to its file under {@code root}, creating directories as needed. */
  static void write(Map<String, String> sources, Path root) throws IOException {
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = root.resolve(relativePath(source.getKey()));
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** The file of a generated class: {@code a.b.C$$Violetear} is {@code a/b/C$$Violetear.java}. */
  static String relativePath(String binaryName) {
    return binaryName.replace('.', '/') + ".java";
  }
}
