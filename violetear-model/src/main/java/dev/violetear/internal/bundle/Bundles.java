// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.bundle;

import dev.violetear.VioletearException;
import dev.violetear.internal.model.AppModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains an app's browser bundle at start: the prebuilt bundle on the classpath when one was built
 * from every registered class, otherwise a dev-mode compile (cached on disk) by the compiler found
 * through {@link BundleCompilerService}.
 *
 * <pre>{@code
 * Bundle bundle = Bundles.obtain(AppModel.of(List.of(Counter.class)), Path.of(".violetear", "cache"));
 * }</pre>
 *
 * <p>A prebuilt bundle is checked before use and a stale one fails the start; with a prebuilt
 * bundle nothing is written to disk and no compiler is needed.
 */
public final class Bundles {
  private static final Logger log = LoggerFactory.getLogger(Bundles.class);

  private Bundles() {}

  /**
   * Returns the bundle for the model's classes, looking for a prebuilt one on the classpath of the
   * registered classes.
   *
   * @param cacheDir the dev-mode cache, used (and created) only when the bundle is compiled
   * @throws VioletearException when the prebuilt bundle is stale, when there is none and no
   *     compiler either, or when the compile fails
   */
  public static Bundle obtain(AppModel model, Path cacheDir) {
    ClassLoader loader =
        !model.classes().isEmpty() && model.classes().get(0).getClassLoader() != null
            ? model.classes().get(0).getClassLoader()
            : Bundles.class.getClassLoader();
    return obtain(model, cacheDir, loader);
  }

  /**
   * As {@link #obtain(AppModel, Path)}, with prebuilt bundles and the compiler from {@code loader}.
   */
  static Bundle obtain(AppModel model, Path cacheDir, ClassLoader loader) {
    long start = System.nanoTime();
    List<PrebuiltBundle> prebuilt = PrebuiltBundle.onClasspath(loader);
    for (PrebuiltBundle p : prebuilt) {
      if (p.missing(model).isEmpty()) {
        Bundle bundle = p.load(loader, start);
        log.debug("Using the prebuilt bundle in {}", p.location());
        return bundle;
      }
    }
    for (PrebuiltBundle p : prebuilt) {
      log.debug(
          "The prebuilt bundle in {} was not built from {}; compiling in dev mode",
          p.location(),
          p.missing(model));
    }
    Optional<BundleCompilerService> compiler;
    try {
      compiler = ServiceLoader.load(BundleCompilerService.class, loader).findFirst();
    } catch (ServiceConfigurationError e) {
      throw new VioletearException("The bundle compiler on the classpath cannot be loaded", e);
    }
    if (compiler.isPresent()) {
      return compiler.get().compile(model, cacheDir);
    }
    throw new VioletearException(noCompiler(model, prebuilt));
  }

  private static String noCompiler(AppModel model, List<PrebuiltBundle> prebuilt) {
    StringBuilder msg = new StringBuilder("No prebuilt browser bundle on the classpath ");
    if (prebuilt.isEmpty()) {
      msg.append("(" + BundleManifest.JS + ")");
    } else {
      msg.append("was built from ")
          .append(prebuilt.get(0).missing(model).stream().collect(Collectors.joining(", ")))
          .append(" (the one in ")
          .append(prebuilt.get(0).location())
          .append(" was not)");
    }
    return msg.append(
            ", and the bundle compiler is not on the classpath to compile one at start. Add the"
                + " violetear-maven-plugin (goal bundle) to the build, so the jar carries a"
                + " prebuilt bundle, or add the dependency dev.violetear:violetear-compiler (scope"
                + " provided or test) to compile it in dev mode.")
        .toString();
  }
}
