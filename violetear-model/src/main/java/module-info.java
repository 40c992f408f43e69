// SPDX-License-Identifier: Apache-2.0
/**
 * The checked model of an app's classes and how a server obtains its browser bundle. Internal to
 * the framework: it exports nothing to user code.
 */
module dev.violetear.model {
  requires transitive dev.violetear.api;
  requires org.slf4j;

  exports dev.violetear.internal.model to
      dev.violetear.server,
      dev.violetear.compiler;
  exports dev.violetear.internal.bundle to
      dev.violetear.server,
      dev.violetear.compiler;

  uses dev.violetear.internal.bundle.BundleCompilerService;
}
