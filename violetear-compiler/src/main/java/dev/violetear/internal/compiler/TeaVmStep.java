// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.VioletearException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teavm.backend.javascript.JSModuleType;
import org.teavm.diagnostics.Problem;
import org.teavm.tooling.TeaVMProblemRenderer;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.tooling.TeaVMToolException;
import org.teavm.tooling.TeaVMToolLog;
import org.teavm.vm.TeaVMOptimizationLevel;

/** Runs TeaVM on the client view and returns the JavaScript, or fails with its diagnostics. */
final class TeaVmStep {
  private static final Logger log = LoggerFactory.getLogger(TeaVmStep.class);

  private TeaVmStep() {}

  static String compile(ClassLoader view, Path outDir) {
    TeaVMTool tool = new TeaVMTool();
    tool.setTargetType(TeaVMTargetType.JAVASCRIPT);
    tool.setMainClass(SourceGenerator.MAIN_CLASS);
    tool.setTargetDirectory(outDir.toFile());
    tool.setTargetFileName("bundle.js");
    tool.setObfuscated(true);
    tool.setOptimizationLevel(TeaVMOptimizationLevel.ADVANCED);
    tool.setJsModuleType(JSModuleType.NONE);
    tool.setIncremental(false);
    tool.setSourceMapsFileGenerated(false);
    tool.setDebugInformationGenerated(false);
    tool.setClassLoader(view);
    Diagnostics diagnostics = new Diagnostics();
    tool.setLog(diagnostics);
    try {
      tool.generate();
    } catch (TeaVMToolException | RuntimeException e) {
      throw new VioletearException("TeaVM failed to compile the browser bundle: " + e, e);
    }
    List<Problem> severe = tool.getProblemProvider().getSevereProblems();
    if (!severe.isEmpty()) {
      Diagnostics rendered = new Diagnostics();
      TeaVMProblemRenderer.describeProblems(
          tool.getDependencyInfo().getCallGraph(), tool.getProblemProvider(), rendered);
      throw new VioletearException(
          "The browser bundle does not compile ("
              + severe.size()
              + (severe.size() == 1 ? " problem" : " problems")
              + "):\n"
              + rendered.errors);
    }
    try {
      // TeaVM declares its entry point as a global; the wrapper keeps the page's globals clean
      // and starts the bundle as soon as the deferred script runs (the page has no inline script).
      return "(function() {\n"
          + Files.readString(outDir.resolve("bundle.js"), StandardCharsets.UTF_8)
          + "\nmain([]);\n})();\n";
    } catch (IOException e) {
      throw new VioletearException("TeaVM wrote no bundle to " + outDir, e);
    }
  }

  /** Collects TeaVM's errors for the exception and passes the rest to the log at debug level. */
  private static final class Diagnostics implements TeaVMToolLog {
    final StringBuilder errors = new StringBuilder();

    @Override
    public void info(String text) {
      log.debug(text);
    }

    @Override
    public void debug(String text) {
      log.trace(text);
    }

    @Override
    public void warning(String text) {
      log.debug(text);
    }

    @Override
    public void error(String text) {
      errors.append(text).append('\n');
    }

    @Override
    public void info(String text, Throwable e) {
      log.debug(text, e);
    }

    @Override
    public void debug(String text, Throwable e) {
      log.trace(text, e);
    }

    @Override
    public void warning(String text, Throwable e) {
      log.debug(text, e);
    }

    @Override
    public void error(String text, Throwable e) {
      errors.append(text).append(": ").append(e).append('\n');
    }
  }
}
