// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import java.io.IOException;
import java.io.InputStream;

/** Reads class files through a class loader. */
final class ClassBytes {
  private ClassBytes() {}

  /** Returns the class file of {@code binaryName}, or {@code null} when the loader has none. */
  static byte[] readOrNull(ClassLoader loader, String binaryName) {
    try (InputStream in = loader.getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] read(ClassLoader loader, String binaryName) {
    byte[] bytes = readOrNull(loader, binaryName);
    if (bytes == null) {
      throw new IllegalStateException("Cannot read the class file of " + binaryName);
    }
    return bytes;
  }
}
