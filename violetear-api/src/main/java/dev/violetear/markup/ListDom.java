// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import dev.violetear.internal.client.StateBinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The children of one repeat's element in the page, kept in step with its list by key. A change
 * removes the elements of gone items, builds those of new items, rebuilds an item that is no longer
 * equal to the one its element shows, and moves the fewest elements it can: those outside the
 * longest run that kept its order. Elements the server rendered are adopted by their {@code
 * data-key}.
 *
 * <pre>{@code
 * ListDom.bind(ul, Tasks.rows);   // from data-bind="each:Tasks.rows", or a built element
 * }</pre>
 *
 * @param <T> the item type
 */
final class ListDom<T> {
  private final JSObject container;
  private final Repeat<T> repeat;
  private final Map<String, JSObject> nodes = new HashMap<>();
  // What each element shows; an adopted element shows what the server rendered, taken as current.
  private final Map<String, T> shown = new HashMap<>();

  private ListDom(JSObject container, Repeat<T> repeat) {
    this.container = container;
    this.repeat = repeat;
  }

  static <T> void bind(JSObject container, Repeat<T> repeat) {
    ListDom<T> list = new ListDom<>(container, repeat);
    for (JSObject child : children(container)) {
      String key = key(child);
      if (key != null) {
        list.nodes.put(key, child);
      }
    }
    StateBinder.follow(container, repeat.items(), v -> list.update());
  }

  private void update() {
    List<String> keys = new ArrayList<>();
    List<T> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (T item : repeat.current()) {
      String key = repeat.keyOf(item);
      if (!seen.add(key)) {
        error(
            "violetear: two items of a Repeat have the key '" + key + "'; the second is left out.");
        continue;
      }
      keys.add(key);
      items.add(item);
    }
    List<String> gone = new ArrayList<>();
    for (String key : nodes.keySet()) {
      if (!seen.contains(key)) {
        gone.add(key);
      }
    }
    for (String key : gone) {
      JSObject node = nodes.remove(key);
      shown.remove(key);
      StateBinder.release(node);
      remove(node);
    }
    JSObject[] wanted = new JSObject[keys.size()];
    for (int i = 0; i < wanted.length; i++) {
      String key = keys.get(i);
      T item = items.get(i);
      JSObject node = nodes.get(key);
      if (node == null) {
        node = BrowserDom.node(repeat.render(item));
      } else if (shown.containsKey(key) && !Objects.equals(shown.get(key), item)) {
        JSObject fresh = BrowserDom.node(repeat.render(item));
        StateBinder.release(node);
        replace(node, fresh);
        node = fresh;
      }
      nodes.put(key, node);
      shown.put(key, item);
      wanted[i] = node;
    }
    place(wanted);
  }

  /** Puts {@code wanted} in order, moving only the elements outside the longest kept run. */
  private void place(JSObject[] wanted) {
    boolean[] stays = longestIncreasing(positions(container, wanted));
    JSObject anchor = null;
    for (int i = wanted.length - 1; i >= 0; i--) {
      if (!stays[i]) {
        insertBefore(container, wanted[i], anchor);
      }
      anchor = wanted[i];
    }
  }

  /** Marks the longest strictly increasing run of non-negative values (patience sorting). */
  static boolean[] longestIncreasing(int[] values) {
    int n = values.length;
    int[] tails = new int[n];
    int[] previous = new int[n];
    int length = 0;
    for (int i = 0; i < n; i++) {
      if (values[i] < 0) {
        continue;
      }
      int lo = 0;
      int hi = length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[tails[mid]] < values[i]) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      previous[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
      if (lo == length) {
        length++;
      }
    }
    boolean[] stays = new boolean[n];
    for (int i = length > 0 ? tails[length - 1] : -1; i >= 0; i = previous[i]) {
      stays[i] = true;
    }
    return stays;
  }

  @JSBody(params = "parent", script = "return Array.from(parent.children);")
  private static native JSObject[] children(JSObject parent);

  // Each wanted element's index among the children now, or -1 for one not in the container.
  @JSBody(
      params = {"parent", "wanted"},
      script =
          "var now = parent.children; var at = new Map();"
              + " for (var i = 0; i < now.length; i++) at.set(now[i], i);"
              + " return wanted.map(function (n) { return at.has(n) ? at.get(n) : -1; });")
  private static native int[] positions(JSObject parent, JSObject[] wanted);

  @JSBody(params = "element", script = "return element.getAttribute('data-key');")
  private static native String key(JSObject element);

  @JSBody(params = "element", script = "element.remove();")
  private static native void remove(JSObject element);

  @JSBody(
      params = {"old", "fresh"},
      script = "old.replaceWith(fresh);")
  private static native void replace(JSObject old, JSObject fresh);

  @JSBody(
      params = {"parent", "child", "anchor"},
      script = "parent.insertBefore(child, anchor);")
  private static native void insertBefore(JSObject parent, JSObject child, JSObject anchor);

  @JSBody(params = "message", script = "console.error(message);")
  private static native void error(String message);
}
