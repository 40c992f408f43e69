// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.bundle;

import dev.violetear.VioletearException;
import dev.violetear.internal.model.AppModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A bundle the violetear-maven-plugin built, found on the classpath with its manifest. It is used
 * only after every class it was built from hashes the same on this classpath: a stale bundle would
 * call RPCs that no longer exist or miss new ones, so a mismatch fails the start.
 */
final class PrebuiltBundle {
  private static final String FIX =
      ": rebuild it with `mvn package` (goal violetear:bundle), or remove it to compile in dev"
          + " mode.";

  private final BundleManifest manifest;
  private final URL manifestUrl;
  private final String location;

  private PrebuiltBundle(BundleManifest manifest, URL manifestUrl) {
    this.manifest = manifest;
    this.manifestUrl = manifestUrl;
    this.location = location(manifestUrl);
  }

  /** Every prebuilt bundle the loader sees, in classpath order. */
  static List<PrebuiltBundle> onClasspath(ClassLoader loader) {
    List<PrebuiltBundle> found = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(BundleManifest.PATH))) {
        try (InputStream in = url.openStream()) {
          found.add(new PrebuiltBundle(BundleManifest.read(in, location(url)), url));
        }
      }
    } catch (IOException e) {
      throw new VioletearException("Cannot read the prebuilt bundle manifests on the classpath", e);
    }
    return found;
  }

  /** Where the bundle is, as a user finds it: the jar file or the classes directory. */
  String location() {
    return location;
  }

  /** The registered classes of {@code model} this bundle was not built for, by binary name. */
  List<String> missing(AppModel model) {
    Set<String> built = new HashSet<>(manifest.registered());
    List<String> missing = new ArrayList<>();
    for (Class<?> c : model.classes()) {
      if (!built.contains(c.getName())) {
        missing.add(c.getName());
      }
    }
    return missing;
  }

  /**
   * Checks the bundle against the classes on {@code loader}'s classpath and reads it.
   *
   * @throws VioletearException naming every class that changed since the bundle was built
   */
  Bundle load(ClassLoader loader, long startNanos) {
    String what = "The prebuilt browser bundle (" + BundleManifest.JS + " in " + location + ")";
    if (!BundleManifest.FORMAT.equals(manifest.format())) {
      throw new VioletearException(
          what
              + " has the manifest format '"
              + manifest.format()
              + "', but this server reads '"
              + BundleManifest.FORMAT
              + "'"
              + FIX);
    }
    String runtime = BundleManifest.currentFrameworkVersion();
    if (!runtime.equals(manifest.frameworkVersion())) {
      throw new VioletearException(
          what
              + " was built by Violetear "
              + manifest.frameworkVersion()
              + ", but this server runs Violetear "
              + runtime
              + FIX);
    }
    List<String> changed = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    manifest
        .classHashes()
        .forEach(
            (name, hash) -> {
              String now = ClassHashes.ofClass(loader, name);
              if (now == null) {
                absent.add(name);
              } else if (!now.equals(hash)) {
                changed.add(name);
              }
            });
    if (!changed.isEmpty() || !absent.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!changed.isEmpty()) {
        parts.add("was built from another version of " + and(changed));
      }
      if (!absent.isEmpty()) {
        parts.add(
            (changed.isEmpty() ? "was built from " : "and from ")
                + and(absent)
                + (absent.size() == 1 ? ", which is" : ", which are")
                + " not on the classpath");
      }
      throw new VioletearException(what + " " + String.join(" ", parts) + FIX);
    }
    byte[] js = readJs();
    if (!ClassHashes.sha256(js).equals(manifest.sha256())) {
      throw new VioletearException(
          what
              + " does not match the SHA-256 in its manifest; it was changed after the build"
              + FIX);
    }
    return new Bundle(
        new String(js, StandardCharsets.UTF_8),
        manifest.sha256().substring(0, 16),
        Bundle.Source.PREBUILT,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private byte[] readJs() {
    try (InputStream in = new URL(manifestUrl, "bundle.js").openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + BundleManifest.JS + " beside its manifest in " + location, e);
    }
  }

  private static String and(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static String location(URL url) {
    String text = url.toString();
    try {
      if ("jar".equals(url.getProtocol()) && text.contains("!/")) {
        return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI()).toString();
      }
      if ("file".equals(url.getProtocol())) {
        // .../classes/META-INF/violetear/bundle.properties: the root is three levels up.
        return Path.of(url.toURI()).getParent().getParent().getParent().toString();
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      // Not a file on this machine: the URL itself is the best name.
    }
    return text;
  }
}
