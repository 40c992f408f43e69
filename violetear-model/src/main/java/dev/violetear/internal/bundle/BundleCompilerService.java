// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.bundle;

import dev.violetear.internal.model.AppModel;
import java.nio.file.Path;

/**
 * The dev-mode bundle compiler, as the server finds it with {@link java.util.ServiceLoader}: the
 * server never depends on the compiler, which is on the classpath only in development (or when an
 * app chooses to compile at start). violetear-compiler implements it and lists the implementation
 * in {@code META-INF/services/dev.violetear.internal.bundle.BundleCompilerService}.
 *
 * <pre>{@code
 * Optional<BundleCompilerService> compiler =
 *     ServiceLoader.load(BundleCompilerService.class, loader).findFirst();
 * Bundle bundle = compiler.orElseThrow().compile(model, Path.of(".violetear", "cache"));
 * }</pre>
 *
 * <p>Implementations have a public no-argument constructor and may be called from any thread.
 */
public interface BundleCompilerService {

  /**
   * Compiles the client side of the model's classes, or loads it from the disk cache in {@code
   * cacheDir} (created when needed).
   *
   * @throws dev.violetear.VioletearException when client code reaches server-only code or does not
   *     compile
   */
  Bundle compile(AppModel model, Path cacheDir);
}
