// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.teavm.jso.JSBody;

/**
 * The browser's key-value storage for this origin, with typed values: {@linkplain #local() local
 * storage} keeps them across reloads and restarts, {@linkplain #session() session storage} for as
 * long as the tab lives.
 *
 * <pre>{@code
 * Storage prefs = Storage.local();
 * prefs.set("visits", prefs.getInt("visits", 0) + 1);
 * prefs.set("dark", Dom.find("dark").checked());
 * String name = prefs.getString("name");   // null until something was stored
 * }</pre>
 *
 * <p>Values are stored as text: {@code set("n", 3)} stores {@code "3"}, {@code set("dark", true)}
 * stores {@code "true"}. The typed getters return their fallback when the key is absent <em>or</em>
 * its text does not have the asked shape: {@link #getInt} accepts what {@link
 * Integer#parseInt(String)} accepts (so {@code "abc"}, {@code "2.5"} and values beyond the int
 * range fall back), {@link #getDouble} what {@link Double#parseDouble(String)} accepts, and {@link
 * #getBoolean} exactly {@code "true"} or {@code "false"}. They never throw for a malformed value,
 * since another version of the app, or the user, may have written it.
 *
 * <p>When the browser refuses the storage (it is disabled, or full) the methods throw {@link
 * IllegalStateException} naming the method, the key and the browser's reason. Works only in the
 * browser; on the JVM every method throws {@link IllegalStateException}.
 */
public final class Storage {
  private static final Storage LOCAL = new Storage("localStorage", "Storage.local()");
  private static final Storage SESSION = new Storage("sessionStorage", "Storage.session()");

  // The window property, passed to the natives so that both storages share their code.
  private final String area;
  private final String label;

  private Storage(String area, String label) {
    this.area = area;
    this.label = label;
  }

  /** {@return the storage that outlives the page: kept per origin until the user clears it} */
  public static Storage local() {
    return LOCAL;
  }

  /** {@return the storage of this tab: kept across reloads, gone when the tab closes} */
  public static Storage session() {
    return SESSION;
  }

  /**
   * Returns the text stored under {@code key}, or {@code null} when there is none.
   *
   * @param key the key
   * @return the stored text, or {@code null}
   */
  public String getString(String key) {
    Objects.requireNonNull(key, "key == null");
    String result = Browser.run(() -> read(area, key));
    // The native tags its answer: 'v' and the value, 'n' for absent, 'e' and the reason.
    if (result.charAt(0) == 'e') {
      throw refused("getString", key, result.substring(1));
    }
    return result.charAt(0) == 'v' ? result.substring(1) : null;
  }

  /**
   * Returns the text stored under {@code key}, or {@code fallback} when there is none.
   *
   * @param key the key
   * @param fallback returned for an absent key
   * @return the stored text, or {@code fallback}
   */
  public String getString(String key, String fallback) {
    String text = getString(key);
    return text == null ? fallback : text;
  }

  /**
   * Returns the int stored under {@code key}, or {@code fallback} when there is none or the text is
   * not an int.
   *
   * @param key the key
   * @param fallback returned for an absent or malformed value
   * @return the stored int, or {@code fallback}
   */
  public int getInt(String key, int fallback) {
    String text = getString(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * Returns the double stored under {@code key}, or {@code fallback} when there is none or the text
   * is not a number.
   *
   * @param key the key
   * @param fallback returned for an absent or malformed value
   * @return the stored double, or {@code fallback}
   */
  public double getDouble(String key, double fallback) {
    String text = getString(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * Returns the boolean stored under {@code key}, or {@code fallback} when there is none or the
   * text is neither {@code "true"} nor {@code "false"}.
   *
   * @param key the key
   * @param fallback returned for an absent or malformed value
   * @return the stored boolean, or {@code fallback}
   */
  public boolean getBoolean(String key, boolean fallback) {
    String text = getString(key);
    if ("true".equals(text)) {
      return true;
    }
    if ("false".equals(text)) {
      return false;
    }
    return fallback;
  }

  /**
   * Stores text under {@code key}, replacing what was there.
   *
   * @param key the key
   * @param value the text
   * @return this storage
   * @throws IllegalStateException when the browser refuses, for example because the storage is full
   */
  public Storage set(String key, String value) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null");
    check(Browser.run(() -> write(area, key, value)), "set", key);
    return this;
  }

  /**
   * Stores an int under {@code key} as its decimal text.
   *
   * @param key the key
   * @param value the number
   * @return this storage
   */
  public Storage set(String key, int value) {
    return set(key, Integer.toString(value));
  }

  /**
   * Stores a double under {@code key} as {@link Double#toString(double)} writes it.
   *
   * @param key the key
   * @param value the number
   * @return this storage
   */
  public Storage set(String key, double value) {
    return set(key, Double.toString(value));
  }

  /**
   * Stores a boolean under {@code key} as {@code "true"} or {@code "false"}.
   *
   * @param key the key
   * @param value the flag
   * @return this storage
   */
  public Storage set(String key, boolean value) {
    return set(key, value ? "true" : "false");
  }

  /**
   * Removes {@code key}; nothing happens when it is absent.
   *
   * @param key the key
   * @return this storage
   */
  public Storage remove(String key) {
    Objects.requireNonNull(key, "key == null");
    check(Browser.run(() -> delete(area, key)), "remove", key);
    return this;
  }

  /**
   * Removes every key of this storage (of this origin only).
   *
   * @return this storage
   */
  public Storage clear() {
    check(Browser.run(() -> clearAll(area)), "clear", null);
    return this;
  }

  /** {@return the stored keys, in the browser's order} */
  public List<String> keys() {
    String[] result = Browser.run(() -> allKeys(area));
    // The first slot is empty on success, or holds the browser's reason for refusing.
    check(result[0].isEmpty() ? null : result[0], "keys", null);
    return List.copyOf(Arrays.asList(result).subList(1, result.length));
  }

  /*
   * The natives catch every JS exception and answer the browser's reason instead (null when none):
   * the storage getter itself throws when storage is disabled, and a JS exception escaping a native
   * would surface as an opaque error far from the key at fault.
   */
  private void check(String reason, String method, String key) {
    if (reason != null) {
      throw refused(method, key, reason);
    }
  }

  private IllegalStateException refused(String method, String key, String reason) {
    return new IllegalStateException(
        label
            + "."
            + method
            + (key == null ? "()" : "('" + key + "')")
            + ": the browser refused the storage ("
            + reason
            + "). Storage may be disabled (private mode, blocked site data) or full: keep"
            + " values small and let the page work without them.");
  }

  @JSBody(
      params = {"area", "k"},
      script =
          "try { var v = window[area].getItem(k); return v === null ? 'n' : 'v' + v; }"
              + " catch (e) { return 'e' + String(e && e.name || e); }")
  private static native String read(String area, String k);

  @JSBody(
      params = {"area", "k", "v"},
      script =
          "try { window[area].setItem(k, v); return null; }"
              + " catch (e) { return String(e && e.name || e); }")
  private static native String write(String area, String k, String v);

  @JSBody(
      params = {"area", "k"},
      script =
          "try { window[area].removeItem(k); return null; }"
              + " catch (e) { return String(e && e.name || e); }")
  private static native String delete(String area, String k);

  @JSBody(
      params = "area",
      script =
          "try { window[area].clear(); return null; }"
              + " catch (e) { return String(e && e.name || e); }")
  private static native String clearAll(String area);

  @JSBody(
      params = "area",
      script =
          "try { var s = window[area], r = [''];"
              + " for (var i = 0; i < s.length; i++) { r.push(s.key(i)); } return r; }"
              + " catch (e) { return [String(e && e.name || e) || 'Error']; }")
  private static native String[] allKeys(String area);
}
