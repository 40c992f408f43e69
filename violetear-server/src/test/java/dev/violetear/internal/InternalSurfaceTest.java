// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.internal.realtime.Realtime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins what the server's internal packages make public. Until the jars can be Java modules (see
 * docs/design-changes.md), nothing stops an app from calling a public internal member, so each one
 * must be a deliberate choice: another internal package, the public API or the test hooks need it.
 * When this fails, make the member package-private if you can; otherwise add its line to {@code
 * internal-surface.txt} in the same change.
 */
class InternalSurfaceTest {
  private static final String LISTED = "/internal-surface.txt";

  @Test
  void onlyTheListedInternalMembersArePublic() throws Exception {
    List<String> listed;
    try (InputStream in = InternalSurfaceTest.class.getResourceAsStream(LISTED)) {
      listed =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .collect(Collectors.toList());
    }
    List<String> actual = new ArrayList<>(publicInternalMembers());
    // The whole list is the useful failure message: copy the lines that should stay.
    Files.write(Path.of("target", "internal-surface.actual.txt"), actual);

    assertThat(actual).containsExactlyElementsOf(listed);
  }

  private static TreeSet<String> publicInternalMembers() throws IOException, URISyntaxException {
    Path classes =
        Path.of(Realtime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    TreeSet<String> members = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes.resolve("dev/violetear/internal"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = classes.relativize(file).toString();
        if (!name.endsWith(".class")) {
          continue;
        }
        Class<?> type = load(name.substring(0, name.length() - 6).replace('/', '.'));
        if (isReachable(type)) {
          addMembers(type, members);
        }
      }
    }
    return members;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, InternalSurfaceTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("listed in target/classes but not loadable: " + name, e);
    }
  }

  /** Public, and inside public types only: what code in another package can name. */
  private static boolean isReachable(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static void addMembers(Class<?> type, TreeSet<String> members) {
    String owner = type.getName();
    members.add(owner);
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isPublic(f.getModifiers()) && !f.isSynthetic() && !f.isEnumConstant()) {
        members.add(owner + "." + f.getName());
      }
    }
    List<Executable> executables = new ArrayList<>();
    executables.addAll(Arrays.asList(type.getDeclaredConstructors()));
    executables.addAll(Arrays.asList(type.getDeclaredMethods()));
    for (Executable e : executables) {
      if (Modifier.isPublic(e.getModifiers()) && !e.isSynthetic()) {
        String params =
            Arrays.stream(e.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        String name = e instanceof java.lang.reflect.Constructor ? "<init>" : e.getName();
        members.add(owner + "." + name + "(" + params + ")");
      }
    }
  }
}
