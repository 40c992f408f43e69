// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.internal.bundle.Bundle;
import dev.violetear.internal.bundle.BundleCompilerService;
import dev.violetear.internal.model.AppModel;
import java.nio.file.Path;

/**
 * The compiler as the server finds it through {@link java.util.ServiceLoader} when no prebuilt
 * bundle fits the app: compiles at start and caches on disk, as {@link BundleCompiler} does.
 *
 * <pre>{@code
 * Bundle bundle = new DevBundleCompiler().compile(model, Path.of(".violetear", "cache"));
 * }</pre>
 */
public final class DevBundleCompiler implements BundleCompilerService {

  /** Called by {@link java.util.ServiceLoader}. */
  public DevBundleCompiler() {}

  @Override
  public Bundle compile(AppModel model, Path cacheDir) {
    return new BundleCompiler(cacheDir).compile(model);
  }
}
