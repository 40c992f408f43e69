// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.VioletearException;
import dev.violetear.internal.forms.FormAction;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.security.AppGuard;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an app is built from before it starts: its classes, views, fragments, form routes, static
 * files and guard. Each registration is checked when it is made; the classes are checked together
 * at start. Guarded by the app's lock.
 */
final class Blueprint {
  private final Set<Class<?>> classes = new LinkedHashSet<>();
  private final Map<String, Supplier<Document>> views = new LinkedHashMap<>();
  private final Map<String, Function<FragmentRequest, Element>> fragments = new LinkedHashMap<>();
  private final Map<String, FormAction> forms = new LinkedHashMap<>();
  private final Map<String, String> staticFiles = new LinkedHashMap<>();
  private AppGuard guard = AppGuard.NONE;

  void register(Class<?>... more) {
    Objects.requireNonNull(more, "classes == null");
    for (Class<?> c : more) {
      Objects.requireNonNull(c, "class == null");
    }
    classes.addAll(List.of(more));
  }

  void view(String path, Supplier<Document> view) {
    Objects.requireNonNull(view, "view == null");
    Routes.checkPath("View", Objects.requireNonNull(path, "path == null"));
    checkUnused("View", path);
    views.put(path, view);
  }

  void fragment(String path, Function<FragmentRequest, Element> fragment) {
    Objects.requireNonNull(fragment, "fragment == null");
    Routes.checkPath("Fragment", Objects.requireNonNull(path, "path == null"));
    checkUnused("Fragment", path);
    fragments.put(path, fragment);
  }

  /** Views and fragments share the paths: one GET route each. */
  private void checkUnused(String what, String path) {
    String other =
        views.containsKey(path) ? "View" : fragments.containsKey(path) ? "Fragment" : null;
    if (other != null) {
      throw new IllegalArgumentException(
          what
              + " '"
              + path
              + (other.equals(what)
                  ? "' is already defined"
                  : "' is already the path of a "
                      + other.toLowerCase(Locale.ROOT)
                      + "; choose another path"));
    }
  }

  <T> void form(String path, Class<T> type, Function<Form, Document> page, FormHandler<T> handler) {
    Objects.requireNonNull(type, "type == null");
    Routes.checkPath("Form", Objects.requireNonNull(path, "path == null"));
    if (forms.containsKey(path)) {
      throw new IllegalArgumentException("Form '" + path + "' is already defined");
    }
    forms.put(path, new FormRoute<>(path, type, page, handler));
  }

  void staticFiles(String urlPrefix, String classpathDirectory) {
    staticFiles.put(urlPrefix, Routes.checkStaticFiles(urlPrefix, classpathDirectory));
  }

  <P> void guard(Class<P> type, Guard<P> guard) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(guard, "guard == null");
    if (this.guard.isPresent()) {
      throw new IllegalStateException(
          "The app already has a guard; an app has one guard, so make one that does every check");
    }
    this.guard = AppGuard.of(type, guard);
  }

  /**
   * Checks the classes as a whole and returns their model.
   *
   * @throws VioletearException listing every rule the classes break
   */
  AppModel model() {
    AppModel model = AppModel.of(new ArrayList<>(classes));
    Routes.checkGuardFor(model, guard.isPresent());
    return model;
  }

  Map<String, Supplier<Document>> views() {
    return new LinkedHashMap<>(views);
  }

  Map<String, Function<FragmentRequest, Element>> fragments() {
    return new LinkedHashMap<>(fragments);
  }

  List<FormAction> forms() {
    return List.copyOf(forms.values());
  }

  Map<String, String> staticFiles() {
    return new LinkedHashMap<>(staticFiles);
  }

  AppGuard guard() {
    return guard;
  }
}
