// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Server;
import dev.violetear.VioletearException;
import dev.violetear.markup.Document;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AppLifecycleTest {
  static final class Clock {
    @Server.Rpc
    static void at(Instant when) {}
  }

  static final class Ping {
    @Server.Rpc
    static String ping() {
      return "pong";
    }
  }

  static final Supplier<Document> PAGE = () -> Document.titled("Hi");

  @Test
  void portBeforeStartIsAnError() {
    App app = App.create("Test");

    assertThatThrownBy(app::port)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not started: call start() first");
  }

  @Test
  void startedAppCannotBeChangedOrStartedAgain() {
    App app = TestApps.start(a -> a.register(Ping.class));
    try {
      assertThat(app.port()).isPositive();
      assertThatThrownBy(() -> app.register(Clock.class))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("already started");
      assertThatThrownBy(() -> app.view("/", PAGE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("already started");
      assertThatThrownBy(() -> app.staticFiles("/static", "violetear-test-static"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("already started");
      assertThatThrownBy(() -> app.start(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("already started");
    } finally {
      app.stop();
    }
  }

  @Test
  void stoppedAppReleasesThePortAndStaysStopped() {
    App app = TestApps.start(a -> a.register(Ping.class));
    int port = app.port();
    app.stop();
    app.stop(); // a second stop does nothing

    assertThatThrownBy(app::port).isInstanceOf(IllegalStateException.class).hasMessage("stopped");
    assertThatThrownBy(() -> app.start(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("already started");
    // The port is free again: a new app can take it.
    try (App next = App.create("Next", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE))) {
      next.register(Ping.class).start(port);
      assertThat(TestApps.rpc(next, "Ping.ping", "{\"args\":[]}").body())
          .isEqualTo("{\"result\":\"pong\"}");
    }
  }

  @Test
  void stopBeforeStartDoesNothing() {
    App app = App.create("Test");
    app.stop();

    assertThatThrownBy(app::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startLogsOneLineWithNameUrlAndBundle() {
    try (App app = TestApps.start(a -> a.register(Ping.class))) {
      assertThat(TestApps.serverLog())
          .containsPattern(
              "INFO dev\\.violetear\\.app\\.App - Test is running at http://localhost:"
                  + app.port()
                  + "/ \\(bundle [0-9]+\\.[0-9] KB, (loaded from cache|compiled in [0-9]+ ms)\\)");
    }
  }

  @Test
  void aSecondStartWithUnchangedClassesLoadsTheBundleFromTheCache(@TempDir Path cache) {
    String first;
    try (App app = App.create("Cold", c -> c.bundleCacheDir(cache)).register(Ping.class)) {
      app.start(0);
      first = TestApps.rpc(app, "Ping.ping", "{\"args\":[]}").body();
    }
    try (App app = App.create("Warm", c -> c.bundleCacheDir(cache)).register(Ping.class)) {
      app.start(0);
      assertThat(TestApps.rpc(app, "Ping.ping", "{\"args\":[]}").body()).isEqualTo(first);
    }

    assertThat(TestApps.serverLog())
        .containsPattern(
            "Cold is running at http://localhost:[0-9]+/ \\(bundle [0-9.]+ KB,"
                + " compiled in [0-9]+ ms\\)")
        .containsPattern(
            "Warm is running at http://localhost:[0-9]+/ \\(bundle [0-9.]+ KB,"
                + " loaded from cache\\)");
  }

  @Test
  void unsupportedSignatureFailsStartWithTheModelMessage() {
    App app =
        App.create("Test", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE)).register(Clock.class);

    assertThatThrownBy(() -> app.start(0))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The app's classes break 1 rule:\n"
                + "  - Clock.at parameter 'when' has type 'java.time.Instant', which cannot cross"
                + " the wire: 'java.time.Instant' is not a JSON type. Use primitives and their"
                + " boxes, String, enums, records, arrays, List<T>, Set<T>, Map<String, T> or"
                + " Optional<T>, nested freely.");
    // A failed start leaves nothing running.
    assertThatThrownBy(app::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void portInUseFailsStartNamingThePort() {
    try (App first = TestApps.start(a -> a.register(Ping.class))) {
      App second =
          App.create("Second", c -> c.bundleCacheDir(TestApps.BUNDLE_CACHE)).register(Ping.class);

      assertThatThrownBy(() -> second.start(first.port()))
          .isInstanceOf(VioletearException.class)
          .hasMessageStartingWith("The web server could not listen on port " + first.port() + ": ")
          .hasMessageEndingWith(". Pass 0 to start(int) to take any free port.")
          .cause()
          .hasMessageContaining(String.valueOf(first.port()));
      assertThatThrownBy(second::port).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void blankNameIsRejected() {
    assertThatThrownBy(() -> App.create(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("App name must not be blank");
  }

  @Test
  void badPortIsRejected() {
    assertThatThrownBy(() -> App.create("Test").start(65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 0 and 65535, got 65536");
  }

  @Test
  void badViewPathsAreRejected() {
    App app = App.create("Test").view("/", PAGE);

    assertThatThrownBy(() -> app.view("todo", PAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("View 'todo' must start with '/'");
    assertThatThrownBy(() -> app.view("/", PAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("View '/' is already defined");
    assertThatThrownBy(() -> app.view("/_violetear/x", PAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "View '/_violetear/x' is under '/_violetear/', which the framework uses; choose"
                + " another path");
    assertThatThrownBy(() -> app.view("/users/{id}", PAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "View '/users/{id}' contains one of { } < > *; views and fragments are plain paths"
                + " without parameters or wildcards");
  }

  @Test
  void missingStaticDirectoryIsRejected() {
    assertThatThrownBy(() -> App.create("Test").staticFiles("/static", "no-such-dir"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Static files directory 'no-such-dir' is not on the classpath; put it under"
                + " src/main/resources, or check its name");
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> App.create("Test", c -> c.maxRequestBytes(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRequestBytes must be between 1 and 2147483639, got 0");
    assertThatThrownBy(() -> App.create("Test", c -> c.clientIdSecret(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientIdSecret must be at least 32 bytes, got 16");
    assertThatThrownBy(() -> App.create("Test", c -> c.handlerThreads(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("handlerThreads must be between 1 and 10000, got 0");
    assertThatThrownBy(() -> App.create("Test", c -> c.bundleCacheDir(null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("directory == null");
  }
}
