// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import java.util.List;
import java.util.Set;

/**
 * What browser code must not reach: server-only packages and the server's public types, and the
 * platform classes (JDK, TeaVM) that the reach walk checks but never walks into.
 *
 * <pre>{@code
 * ServerOnly.isForbidden("java/sql/DriverManager");   // true
 * ServerOnly.isPlatform("java/util/List");            // true
 * }</pre>
 */
final class ServerOnly {
  private ServerOnly() {}

  /** Server-only code, as internal-name prefixes. */
  private static final List<String> FORBIDDEN =
      List.of(
          "java/sql/",
          "java/nio/file/",
          "java/nio/channels/",
          "java/net/http/",
          "java/net/Socket",
          "java/net/ServerSocket",
          "java/net/URLConnection",
          "java/net/HttpURLConnection",
          "java/io/File",
          "java/io/RandomAccessFile",
          "java/lang/ProcessBuilder",
          "java/lang/Process",
          "java/lang/management/",
          "java/rmi/",
          "javax/",
          "jakarta/",
          "jdk/",
          "sun/",
          "com/sun/",
          "io/javalin/",
          "org/eclipse/jetty/",
          "com/fasterxml/jackson/",
          "org/slf4j/",
          "org/teavm/tooling/",
          "org/objectweb/asm/",
          "dev/violetear/internal/wire/",
          "dev/violetear/internal/security/",
          "dev/violetear/internal/rpc/",
          "dev/violetear/internal/realtime/",
          "dev/violetear/internal/web/",
          "dev/violetear/internal/hooks/",
          "dev/violetear/internal/compiler/",
          "dev/violetear/internal/model/",
          "dev/violetear/internal/bundle/");

  /**
   * The server's public types, named one by one: apps and tests may put their own classes in the
   * same package.
   */
  private static final Set<String> FORBIDDEN_CLASSES =
      Set.of(
          "dev/violetear/markup/Document",
          "dev/violetear/markup/Head",
          "dev/violetear/app/App",
          "dev/violetear/app/AppConfig",
          "dev/violetear/app/Audience",
          "dev/violetear/app/Clients",
          "dev/violetear/app/Guard",
          "dev/violetear/app/GuardRequest",
          "dev/violetear/app/GuardRejection",
          "dev/violetear/app/Principal",
          "dev/violetear/app/RealtimeStats");

  /** Classes provided by the JDK or TeaVM's class library: checked, never walked. */
  private static final List<String> PLATFORM = List.of("java/", "org/teavm/");

  static boolean isForbidden(String owner) {
    for (String prefix : FORBIDDEN) {
      if (owner.startsWith(prefix)) {
        return true;
      }
    }
    return FORBIDDEN_CLASSES.contains(owner);
  }

  static boolean isPlatform(String owner) {
    for (String prefix : PLATFORM) {
      if (owner.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
