// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a user's module against the server's module and its runtime dependencies, as javac would
 * for an app on the module path: the public API compiles, and every internal package, the caller
 * holder and the fault hooks among them, is out of reach.
 */
class ModuleRulesTest {
  private static final String MODULE = "module user.app {\n  requires dev.violetear.server;\n}\n";

  @TempDir Path work;

  @Test
  void userCodeCompilesAgainstThePublicApi() throws IOException {
    String errors =
        compile(
            """
            package user;

            import dev.violetear.ClientId;
            import dev.violetear.Server;
            import dev.violetear.app.App;
            import dev.violetear.app.Clients;
            import dev.violetear.markup.Document;
            import dev.violetear.markup.Html;

            public final class Good {
              @Server.Rpc
              public static int add(int n) {
                Clients clients = App.current().clients();
                clients.to(ClientId.caller()).emit("added", n);
                return n;
              }

              static Document page() {
                return Document.titled("Good").body(Html.p().text("hi"));
              }

              public static void main(String[] args) {
                App.create("Good").register(Good.class).view("/", Good::page).start(0).stop();
              }
            }
            """);

    assertThat(errors).isEmpty();
  }

  @Test
  void theCallerHolderIsOutOfReach() throws IOException {
    String errors =
        compile(
            """
            package user;

            public final class ActAsAnother {
              static Object run() throws Exception {
                return dev.violetear.internal.Caller.with(null, null, null, () -> "forged");
              }
            }
            """);

    assertThat(errors)
        .contains(
            "package dev.violetear.internal is declared in module dev.violetear.api, which does"
                + " not export it to module user.app");
  }

  @Test
  void theServersInternalsAreOutOfReach() throws IOException {
    String errors =
        compile(
            """
            package user;

            public final class Reach {
              dev.violetear.internal.realtime.Realtime realtime;
              dev.violetear.internal.rpc.RpcEndpoint rpc;
              dev.violetear.internal.web.WebServer web;
            }
            """);

    for (String pkg : List.of("realtime", "rpc", "web")) {
      assertThat(errors)
          .contains(
              "package dev.violetear.internal."
                  + pkg
                  + " is declared in module dev.violetear.server, which does not export it");
    }
  }

  @Test
  void theFaultHooksAreOutOfReach() throws IOException {
    String errors =
        compile(
            """
            package user;

            public final class Hook implements dev.violetear.internal.hooks.ServerHooks {}
            """);

    assertThat(errors)
        .contains(
            "package dev.violetear.internal.hooks is declared in module dev.violetear.server,"
                + " which does not export it to module user.app");
  }

  @Test
  void theModelIsOutOfReach() throws IOException {
    String errors =
        compile(
            """
            package user;

            public final class Model {
              dev.violetear.internal.model.AppModel model;
            }
            """);

    assertThat(errors)
        .contains(
            "package dev.violetear.internal.model is declared in module dev.violetear.model, but"
                + " module user.app does not read it");
  }

  /** Compiles {@code source} in module user.app and returns javac's diagnostics. */
  private String compile(String source) throws IOException {
    Path src = work.resolve("src");
    String name =
        source
            .lines()
            .filter(l -> l.startsWith("public final class"))
            .findFirst()
            .orElseThrow()
            .split(" ")[3];
    Files.createDirectories(src.resolve("user"));
    Files.writeString(src.resolve("module-info.java"), MODULE, StandardCharsets.UTF_8);
    Path file = src.resolve("user").resolve(name + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>();
    // An empty class path: javac would otherwise take the test's own, internals included.
    Path noClasses = Files.createDirectories(work.resolve("no-classes"));
    args.addAll(List.of("--module-path", modulePath(), "-cp", noClasses.toString()));
    args.addAll(List.of("-d", work.resolve("out").toString()));
    args.add(src.resolve("module-info.java").toString());
    args.add(file.toString());
    javac.run(null, out, out, args.toArray(String[]::new));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The server's classes and its runtime dependencies, as Maven resolved them for this build. */
  private static String modulePath() throws IOException {
    Path target = Path.of("target");
    String runtime =
        Files.readString(target.resolve("runtime-module-path.txt"), StandardCharsets.UTF_8).strip();
    return target.resolve("classes").toAbsolutePath() + File.pathSeparator + runtime;
  }
}
