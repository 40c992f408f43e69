// SPDX-License-Identifier: Apache-2.0
package dev.violetear.maven;

import dev.violetear.VioletearException;
import dev.violetear.internal.bundle.BundleManifest;
import dev.violetear.internal.bundle.ClassHashes;
import dev.violetear.internal.compiler.BundleCompiler;
import dev.violetear.internal.model.AppModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The work of the {@code bundle} goal, apart from Maven: selects the app's classes, compiles their
 * browser bundle and writes it with its manifest into the classes directory, so it ends up in the
 * jar as {@value BundleManifest#JS} and {@value BundleManifest#PATH}.
 *
 * <pre>{@code
 * BundleBuild.Result r = BundleBuild.run(
 *     Path.of("target/classes"), runtimeClasspath, List.of(), System.out::println);
 * }</pre>
 *
 * <p>Without a configured list, the classes are every class in the classes directory that declares
 * a method with a Violetear annotation ({@code @Server.*}, {@code @Client.*}). A bundle whose
 * manifest still matches the classes is kept, so an unchanged build does not run TeaVM again.
 */
public final class BundleBuild {
  private BundleBuild() {}

  /**
   * What the goal did.
   *
   * @param classes the binary names of the classes the bundle was built for, sorted; empty when
   *     there was nothing to build
   * @param upToDate whether the bundle already in the directory was kept
   * @param bundleBytes the size of the bundle, 0 when none was written
   */
  public record Result(List<String> classes, boolean upToDate, long bundleBytes) {}

  /**
   * Builds the bundle of the app in {@code classesDir}.
   *
   * @param classesDir the project's output directory, where the bundle is written
   * @param classpath the app's runtime classpath, {@code classesDir} included
   * @param configured binary names of the classes to build the bundle for; empty: every class in
   *     {@code classesDir} that declares an annotated method
   * @param info where progress goes (the Maven log)
   * @return the classes the bundle covers, whether it was already up to date, and its size
   * @throws VioletearException when a class breaks a rule, client code reaches server-only code or
   *     the bundle does not compile; when a configured class is missing
   */
  public static Result run(
      Path classesDir, List<Path> classpath, List<String> configured, Consumer<String> info) {
    try (URLClassLoader loader =
        new URLClassLoader(urls(classpath), BundleBuild.class.getClassLoader())) {
      List<Class<?>> classes =
          configured.isEmpty() ? annotatedClasses(classesDir, loader) : load(configured, loader);
      Path js = classesDir.resolve(BundleManifest.JS);
      Path manifestFile = classesDir.resolve(BundleManifest.PATH);
      if (classes.isEmpty()) {
        Files.deleteIfExists(js);
        Files.deleteIfExists(manifestFile);
        info.accept("No class in " + classesDir + " declares a Violetear method; no bundle built.");
        return new Result(List.of(), false, 0);
      }
      List<String> names = classes.stream().map(Class::getName).sorted().toList();
      if (isUpToDate(js, manifestFile, names, loader)) {
        info.accept("The browser bundle of " + names + " is up to date.");
        return new Result(names, true, Files.size(js));
      }
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      BundleCompiler.Prebuilt built;
      thread.setContextClassLoader(loader);
      try {
        built = BundleCompiler.prebuild(AppModel.of(classes));
      } finally {
        thread.setContextClassLoader(previous);
      }
      byte[] bytes = built.js().getBytes(StandardCharsets.UTF_8);
      Files.createDirectories(js.getParent());
      Files.write(js, bytes);
      try (OutputStream out = Files.newOutputStream(manifestFile)) {
        built.manifest().write(out);
      }
      info.accept(
          "Built the browser bundle of "
              + names
              + " ("
              + bytes.length / 1024
              + " KB, from "
              + built.manifest().classHashes().size()
              + " classes) into "
              + js);
      return new Result(names, false, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every class under {@code dir} that declares an annotated method, sorted by name. */
  static List<Class<?>> annotatedClasses(Path dir, ClassLoader loader) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.walk(dir)) {
      names =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .map(p -> dir.relativize(p).toString().replace('\\', '/'))
              .filter(p -> !p.startsWith("META-INF/"))
              .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
              .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
              .sorted()
              .toList();
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      Class<?> c;
      try {
        c = Class.forName(name, false, loader);
        if (AppModel.isAnnotated(c)) {
          classes.add(c);
        }
      } catch (ClassNotFoundException | LinkageError e) {
        throw new VioletearException(
            "Cannot load "
                + name
                + " to look for Violetear methods ("
                + e
                + "); list the app's classes in the plugin's <classes> configuration.",
            e);
      }
    }
    return classes;
  }

  private static List<Class<?>> load(List<String> names, ClassLoader loader) {
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      try {
        classes.add(Class.forName(name.trim(), false, loader));
      } catch (ClassNotFoundException e) {
        throw new VioletearException(
            "The violetear-maven-plugin's <classes> names "
                + name.trim()
                + ", which is not on the project's runtime classpath; fix the name (a binary name,"
                + " e.g. com.example.Counter) or remove it.",
            e);
      }
    }
    return classes;
  }

  private static boolean isUpToDate(
      Path js, Path manifestFile, List<String> names, ClassLoader loader) throws IOException {
    if (!Files.isRegularFile(js) || !Files.isRegularFile(manifestFile)) {
      return false;
    }
    BundleManifest manifest;
    try (InputStream in = Files.newInputStream(manifestFile)) {
      manifest = BundleManifest.read(in, manifestFile.toString());
    } catch (VioletearException e) {
      return false;
    }
    if (!manifest.format().equals(BundleManifest.FORMAT)
        || !manifest.frameworkVersion().equals(BundleManifest.currentFrameworkVersion())
        || !manifest.registered().equals(names)
        || !manifest.sha256().equals(ClassHashes.sha256(Files.readAllBytes(js)))) {
      return false;
    }
    for (Map.Entry<String, String> e : manifest.classHashes().entrySet()) {
      if (!e.getValue().equals(ClassHashes.ofClass(loader, e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static URL[] urls(List<Path> classpath) {
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = classpath.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Not a classpath entry: " + classpath.get(i), e);
      }
    }
    return urls;
  }
}
