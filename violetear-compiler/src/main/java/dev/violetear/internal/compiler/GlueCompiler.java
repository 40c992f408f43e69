// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import dev.violetear.VioletearException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles the generated glue sources with the JDK's javac, against the app's classpath. */
final class GlueCompiler {
  private GlueCompiler() {}

  static void compile(Map<String, String> sources, ClassLoader appLoader, Path outDir) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new VioletearException(
          "Compiling the browser bundle needs a JDK (javac), but this"
              + " JVM has none. Run the app on a JDK, or ship a bundle compiled at build time.");
    }
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(new Source(name, text)));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options =
        List.of(
            "-d",
            outDir.toString(),
            "-classpath",
            classPath(appLoader),
            "--release",
            Integer.toString(Runtime.version().feature()),
            "-proc:none",
            "-nowarn",
            "-encoding",
            "UTF-8");
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      if (!ok) {
        StringBuilder msg =
            new StringBuilder(
                "The generated browser glue does not compile; this"
                    + " usually means a type in an RPC signature is not visible from its class's package:");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() == Diagnostic.Kind.ERROR) {
            msg.append("\n  - ")
                .append(d.getSource() == null ? "" : d.getSource().getName())
                .append(':')
                .append(d.getLineNumber())
                .append(": ")
                .append(d.getMessage(Locale.ROOT));
          }
        }
        throw new VioletearException(msg.toString());
      }
    } catch (IOException e) {
      throw new VioletearException("Could not compile the generated browser glue", e);
    }
  }

  /**
   * The app's classpath: the URLs of every URLClassLoader between the app's loader and the system
   * loader (as under Maven's exec:java), then java.class.path.
   */
  static String classPath(ClassLoader loader) {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a file URL: javac could not read it anyway.
          }
        }
      }
    }
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String binaryName, String text) {
      super(
          URI.create("string:///" + binaryName.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
