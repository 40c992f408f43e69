// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.VioletearException;
import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.bundle.BundleManifest;
import dev.violetear.internal.bundle.ClassHashes;
import dev.violetear.internal.model.AppModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the client side of an app to one JavaScript bundle, or loads it from the disk cache.
 *
 * <p>Steps: generate the glue sources; walk what client methods reach and fail on server-only code;
 * hash every input; on a cache miss compile the glue with javac, rewrite the registered classes
 * into the client view and run TeaVM. The cache key covers the generated sources, the bytes of
 * every class the walk read, the framework's client runtime and the TeaVM version, so any change to
 * client-visible code compiles again.
 */
public final class BundleCompiler {
  private static final Logger log = LoggerFactory.getLogger(BundleCompiler.class);

  /** Bump when the shape of generated code changes in a way the inputs do not show. */
  private static final String FORMAT = "violetear-bundle-5";

  private final Path cacheDir;

  /** Creates a compiler that caches bundles in {@code cacheDir}, created when needed. */
  public BundleCompiler(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /**
   * Returns the app's bundle.
   *
   * @throws VioletearException when client code reaches server-only code or does not compile
   */
  public Bundle compile(AppModel model) {
    long start = System.nanoTime();
    ClassLoader appLoader = appLoader(model);
    Map<String, String> sources = SourceGenerator.generate(model);
    GlueFiles.dumpIfAsked(sources);
    ReachCheck.Result reach = checkedReach(model, appLoader);
    String key = cacheKey(sources, reach, appLoader);
    Path cached = cacheDir.resolve(key + ".js");
    if (Files.isRegularFile(cached)) {
      try {
        String js = Files.readString(cached, StandardCharsets.UTF_8);
        return new Bundle(
            js, contentHash(js), Bundle.Source.CACHE, Duration.ofNanos(System.nanoTime() - start));
      } catch (IOException e) {
        log.warn("Cannot read cached bundle {}; compiling again", cached, e);
      }
    }
    String js = compileFresh(model, sources, reach, appLoader);
    store(cached, js);
    return new Bundle(
        js, contentHash(js), Bundle.Source.COMPILED, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Compiles the app's bundle for a jar, with no cache, and the manifest that lets a server check
   * it: the SHA-256 of every application class the compile read (the reach walk's classes and the
   * client runtime, without JDK and TeaVM classes).
   *
   * <pre>{@code
   * BundleCompiler.Prebuilt out = BundleCompiler.prebuild(AppModel.of(classes));
   * Files.writeString(dir.resolve("bundle.js"), out.js());
   * }</pre>
   *
   * @throws VioletearException when client code reaches server-only code or does not compile
   */
  public static Prebuilt prebuild(AppModel model) {
    ClassLoader appLoader = appLoader(model);
    Map<String, String> sources = SourceGenerator.generate(model);
    GlueFiles.dumpIfAsked(sources);
    ReachCheck.Result reach = checkedReach(model, appLoader);
    String js = compileFresh(model, sources, reach, appLoader);
    SortedMap<String, String> hashes = new TreeMap<>();
    for (String internal : inputClasses(reach)) {
      String name = internal.replace('/', '.');
      if (ClassHashes.isApplicationClass(appLoader, name)) {
        hashes.put(name, ClassHashes.ofClass(appLoader, name));
      }
    }
    List<String> registered = model.classes().stream().map(Class::getName).sorted().toList();
    BundleManifest manifest =
        new BundleManifest(
            BundleManifest.FORMAT,
            BundleManifest.currentFrameworkVersion(),
            ClassHashes.sha256(js.getBytes(StandardCharsets.UTF_8)),
            registered,
            hashes);
    return new Prebuilt(js, manifest);
  }

  /**
   * A bundle compiled for a jar, and its manifest.
   *
   * @param js the JavaScript source, as the server serves it
   * @param manifest what it was built from
   */
  public record Prebuilt(String js, BundleManifest manifest) {}

  private static ReachCheck.Result checkedReach(AppModel model, ClassLoader appLoader) {
    ReachCheck.Result reach = ReachCheck.run(model, appLoader);
    if (!reach.problems().isEmpty()) {
      boolean onlyReach = reach.problems().stream().allMatch(p -> p.startsWith("Client method"));
      throw new VioletearException(
          (onlyReach
                  ? "Client code reaches server-only code ("
                  : "Client code cannot go into the browser bundle (")
              + reach.problems().size()
              + (reach.problems().size() == 1 ? " problem" : " problems")
              + "):\n  - "
              + String.join("\n  - ", reach.problems()));
    }
    return reach;
  }

  /**
   * Internal names of every class whose bytes go into the bundle: the walk's, which starts from the
   * glue's framework classes too.
   */
  private static TreeSet<String> inputClasses(ReachCheck.Result reach) {
    return new TreeSet<>(reach.visitedClasses());
  }

  private static String compileFresh(
      AppModel model, Map<String, String> sources, ReachCheck.Result reach, ClassLoader appLoader) {
    Path work;
    try {
      work = Files.createTempDirectory("violetear-bundle");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path classes = work.resolve("classes");
      Files.createDirectories(classes);
      GlueCompiler.compile(sources, appLoader, classes);
      ClientView view = ClientView.create(model, appLoader, classes, reach.browserFields());
      return TeaVmStep.compile(view.loader(), work.resolve("out"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(work);
    }
  }

  private static ClassLoader appLoader(AppModel model) {
    if (!model.classes().isEmpty() && model.classes().get(0).getClassLoader() != null) {
      return model.classes().get(0).getClassLoader();
    }
    return BundleCompiler.class.getClassLoader();
  }

  private static String cacheKey(
      Map<String, String> sources, ReachCheck.Result reach, ClassLoader loader) {
    MessageDigest d = sha256();
    update(d, FORMAT);
    update(
        d,
        String.valueOf(org.teavm.tooling.TeaVMTool.class.getPackage().getImplementationVersion()));
    update(d, String.valueOf(Runtime.version().feature()));
    new TreeMap<>(sources)
        .forEach(
            (name, text) -> {
              update(d, name);
              update(d, text);
            });
    for (String c : inputClasses(reach)) {
      update(d, c);
      byte[] bytes = ClassBytes.readOrNull(loader, c.replace('/', '.'));
      d.update(bytes == null ? new byte[0] : bytes);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  static String contentHash(String js) {
    return HexFormat.of()
        .formatHex(sha256().digest(js.getBytes(StandardCharsets.UTF_8)))
        .substring(0, 16);
  }

  private void store(Path target, String js) {
    try {
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, "bundle", ".tmp");
      Files.writeString(tmp, js, StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // A cache that cannot be written only costs the next start a compile.
      log.warn("Cannot cache the bundle in {}: {}", cacheDir, e.toString());
    }
  }

  private static void update(MessageDigest d, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.update((byte) (b.length >>> 24));
    d.update((byte) (b.length >>> 16));
    d.update((byte) (b.length >>> 8));
    d.update((byte) b.length);
    d.update(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("Cannot delete {}", root, e);
    }
  }
}
