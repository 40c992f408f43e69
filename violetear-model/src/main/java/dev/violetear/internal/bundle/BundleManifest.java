// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.bundle;

import dev.violetear.VioletearException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a prebuilt bundle was built from: the manifest the violetear-maven-plugin writes beside the
 * bundle ({@value #JS}), and the server reads at start to decide whether the bundle fits the app.
 *
 * <pre>{@code
 * BundleManifest manifest = new BundleManifest(
 *     BundleManifest.FORMAT, BundleManifest.currentFrameworkVersion(), ClassHashes.sha256(jsBytes),
 *     List.of("dev.violetear.examples.Counter"),
 *     new TreeMap<>(Map.of("dev.violetear.examples.Counter", "9f2c...")));
 * manifest.write(out);
 * }</pre>
 *
 * <p>The file is a {@link Properties} file written in a fixed order with no timestamp, so the same
 * inputs give the same bytes:
 *
 * <pre>
 * format=violetear-prebuilt-1
 * framework.version=0.1.0
 * bundle.sha256=...
 * registered=dev.violetear.examples.Chat,dev.violetear.examples.Counter
 * class.dev.violetear.examples.Counter=...    (one per class the bundle was built from)
 * </pre>
 *
 * @param format the manifest format, {@value #FORMAT}
 * @param frameworkVersion the Violetear version that built the bundle
 * @param sha256 the SHA-256 (hex) of the bundle's bytes
 * @param registered the binary names of the classes the bundle was built for, sorted
 * @param classHashes the SHA-256 (hex) of the class file of every application class the bundle was
 *     built from, by binary name
 */
public record BundleManifest(
    String format,
    String frameworkVersion,
    String sha256,
    List<String> registered,
    SortedMap<String, String> classHashes) {

  /** Where the prebuilt bundle lives on the classpath. */
  public static final String JS = "META-INF/violetear/bundle.js";

  /** Where its manifest lives on the classpath. */
  public static final String PATH = "META-INF/violetear/bundle.properties";

  /** The current manifest format; a bundle written in another format is rebuilt. */
  public static final String FORMAT = "violetear-prebuilt-1";

  private static final String CLASS = "class.";

  /** Copies the collections, so the manifest is immutable. */
  public BundleManifest {
    registered = List.copyOf(registered);
    classHashes = new TreeMap<>(classHashes);
  }

  /** The version of the framework on this classpath, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String currentFrameworkVersion() {
    Properties p = new Properties();
    try (InputStream in = BundleManifest.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }

  /** Writes the manifest as UTF-8 properties. */
  public void write(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("# A prebuilt Violetear browser bundle: written by the violetear-maven-plugin")
        .append(" (goal bundle), checked at App.start. Do not edit.\n");
    line(text, "format", format);
    line(text, "framework.version", frameworkVersion);
    line(text, "bundle.sha256", sha256);
    line(text, "registered", String.join(",", registered));
    classHashes.forEach((name, hash) -> line(text, CLASS + name, hash));
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a manifest.
   *
   * @param location where it was found, for the message of a malformed manifest
   * @throws VioletearException when a required entry is missing
   */
  public static BundleManifest read(InputStream in, String location) throws IOException {
    Properties p = new Properties();
    try (Reader reader = new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
      p.load(reader);
    }
    SortedMap<String, String> hashes = new TreeMap<>();
    for (Map.Entry<Object, Object> e : p.entrySet()) {
      String key = (String) e.getKey();
      if (key.startsWith(CLASS)) {
        hashes.put(key.substring(CLASS.length()), (String) e.getValue());
      }
    }
    String registered = required(p, "registered", location);
    return new BundleManifest(
        required(p, "format", location),
        required(p, "framework.version", location),
        required(p, "bundle.sha256", location),
        registered.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(registered.split(","))),
        hashes);
  }

  private static String required(Properties p, String key, String location) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new VioletearException(
          "The prebuilt bundle manifest ("
              + PATH
              + " in "
              + location
              + ") has no '"
              + key
              + "' entry: rebuild it with `mvn package` (goal violetear:bundle), or remove it to"
              + " compile in dev mode.");
    }
    return value.trim();
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append(key).append('=').append(value).append('\n');
  }
}
