// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 hashes of class files as a class loader serves them: the build hashes the classes a
 * bundle was built from, the server hashes the same names on its own classpath, and a difference
 * means the bundle is stale. Reading bytes needs no ASM and no TeaVM.
 *
 * <pre>{@code
 * String hash = ClassHashes.ofClass(loader, "dev.violetear.examples.Counter");  // null if absent
 * }</pre>
 */
public final class ClassHashes {
  private ClassHashes() {}

  /**
   * Whether a class the compiler read belongs to the application (the app's own classes and the
   * libraries it ships, the framework's client runtime included) rather than to the JDK or TeaVM,
   * which a production server does not have in the same version or at all.
   *
   * @param binaryName e.g. {@code dev.violetear.examples.Counter}
   */
  public static boolean isApplicationClass(ClassLoader loader, String binaryName) {
    if (binaryName.startsWith("java.")
        || binaryName.startsWith("javax.")
        || binaryName.startsWith("jdk.")
        || binaryName.startsWith("sun.")
        || binaryName.startsWith("com.sun.")
        || binaryName.startsWith("org.teavm.")) {
      return false;
    }
    URL url = loader.getResource(resourceName(binaryName));
    return url != null && !"jrt".equals(url.getProtocol());
  }

  /**
   * The SHA-256 (hex) of the class file of {@code binaryName}, or null when the loader has none.
   */
  public static String ofClass(ClassLoader loader, String binaryName) {
    try (InputStream in = loader.getResourceAsStream(resourceName(binaryName))) {
      return in == null ? null : sha256(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the class file of " + binaryName, e);
    }
  }

  /** The SHA-256 of {@code bytes}, in lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static String resourceName(String binaryName) {
    return binaryName.replace('.', '/') + ".class";
  }
}
