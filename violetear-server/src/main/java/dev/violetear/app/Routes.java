// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.Server;
import dev.violetear.VioletearException;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The rules an app's paths and guard follow, checked when they are registered or at start. */
final class Routes {
  private static final String RESERVED_PREFIX = "/_violetear";

  /** Characters that Javalin reads as path parameters or wildcards, which views cannot use. */
  private static final Pattern ROUTE_SYNTAX = Pattern.compile("[{}<>*]");

  private Routes() {}

  static void checkPath(String what, String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(what + " '" + path + "' must start with '/'");
    }
    if (path.equals(RESERVED_PREFIX) || path.startsWith(RESERVED_PREFIX + "/")) {
      throw new IllegalArgumentException(
          what
              + " '"
              + path
              + "' is under '"
              + RESERVED_PREFIX
              + "/', which the framework uses;"
              + " choose another path");
    }
    if (ROUTE_SYNTAX.matcher(path).find()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + path
              + "' contains one of { } < > *; views and fragments are plain paths without"
              + " parameters or wildcards");
    }
  }

  /** Checks a static files registration and returns the classpath directory without a slash. */
  static String checkStaticFiles(String urlPrefix, String classpathDirectory) {
    Objects.requireNonNull(urlPrefix, "urlPrefix == null");
    Objects.requireNonNull(classpathDirectory, "classpathDirectory == null");
    checkPath("Static files prefix", urlPrefix);
    String directory = classpathDirectory.replaceAll("^/+", "");
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = App.class.getClassLoader();
    }
    if (directory.isEmpty() || loader.getResource(directory) == null) {
      throw new IllegalArgumentException(
          "Static files directory '"
              + classpathDirectory
              + "' is not on the classpath; put it"
              + " under src/main/resources, or check its name");
    }
    return directory;
  }

  /** Without a guard no caller has a principal, so a @Server.SignedIn method could never run. */
  static void checkGuardFor(AppModel model, boolean hasGuard) {
    if (hasGuard) {
      return;
    }
    List<String> signedIn = new ArrayList<>();
    Stream.concat(
            model.rpcs().stream().map(r -> r.method()),
            model.realtimes().stream().map(r -> r.method()))
        .filter(m -> m.isAnnotationPresent(Server.SignedIn.class))
        .forEach(m -> signedIn.add(Names.of(m)));
    if (!signedIn.isEmpty()) {
      throw new VioletearException(
          String.join(", ", signedIn)
              + (signedIn.size() == 1 ? " has" : " have")
              + " @Server.SignedIn, but the app has no guard, so no caller is ever signed in:"
              + " register one with app.guard(User.class, request -> ...) before start()");
    }
  }
}
