// SPDX-License-Identifier: Apache-2.0
package dev.violetear.maven;

import dev.violetear.VioletearException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Goal {@code bundle}: compiles the app's browser bundle at build time and writes it, with a
 * manifest of the classes it was built from, into the classes directory, so the jar carries it and
 * the server starts without TeaVM, javac or a cache directory.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.violetear</groupId>
 *   <artifactId>violetear-maven-plugin</artifactId>
 *   <version>${violetear.version}</version>
 *   <executions><execution><goals><goal>bundle</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 *
 * <p>Runs in {@code process-classes} by default. Without {@code <classes>}, the bundle covers every
 * class of the project that declares a method with a Violetear annotation; the server uses it for
 * any app that registers some of them (see {@link BundleBuild}).
 */
@Mojo(
    name = "bundle",
    defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class BundleMojo extends AbstractMojo {

  /** The project's classes directory: read for the app's classes, written with the bundle. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true, readonly = true)
  private File outputDirectory;

  /** The runtime classpath, the classes directory included: what the server will run with. */
  @Parameter(defaultValue = "${project.runtimeClasspathElements}", required = true, readonly = true)
  private List<String> classpathElements;

  /** Binary names of the app's classes; by default every class with a Violetear method. */
  @Parameter private List<String> classes = new ArrayList<>();

  /** Skips the goal: the server then compiles in dev mode, if the compiler is on its classpath. */
  @Parameter(property = "violetear.bundle.skip", defaultValue = "false")
  private boolean skip;

  /** Creates the goal; Maven sets its parameters. */
  public BundleMojo() {}

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("violetear:bundle skipped");
      return;
    }
    if (!outputDirectory.isDirectory()) {
      getLog().info("No classes directory " + outputDirectory + "; no bundle built.");
      return;
    }
    List<Path> classpath = classpathElements.stream().map(Path::of).toList();
    try {
      BundleBuild.run(outputDirectory.toPath(), classpath, classes, getLog()::info);
    } catch (VioletearException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }
}
