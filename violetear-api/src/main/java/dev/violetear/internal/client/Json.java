// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Raw access to parsed JSON values in the browser; used by the generated codecs. */
public final class Json {
  private Json() {}

  @JSBody(script = "return null;")
  public static native JSObject nul();

  @JSBody(params = "v", script = "return v === null || v === undefined;")
  public static native boolean isNull(JSObject v);

  @JSBody(params = "v", script = "return typeof v;")
  public static native String typeOf(JSObject v);

  @JSBody(params = "v", script = "return Array.isArray(v);")
  public static native boolean isArray(JSObject v);

  @JSBody(params = "v", script = "return v;")
  public static native JSObject number(double v);

  @JSBody(params = "v", script = "return v;")
  public static native JSObject string(String v);

  @JSBody(params = "v", script = "return v;")
  public static native JSObject bool(boolean v);

  @JSBody(params = "v", script = "return v;")
  public static native double asDouble(JSObject v);

  @JSBody(params = "v", script = "return v;")
  public static native String asString(JSObject v);

  @JSBody(params = "v", script = "return v;")
  public static native boolean asBoolean(JSObject v);

  @JSBody(script = "return {};")
  public static native JSObject object();

  @JSBody(script = "return [];")
  public static native JSObject array();

  @JSBody(
      params = {"o", "k"},
      script = "return o[k];")
  public static native JSObject get(JSObject o, String k);

  @JSBody(
      params = {"o", "k"},
      script = "return Object.prototype.hasOwnProperty.call(o, k);")
  public static native boolean has(JSObject o, String k);

  @JSBody(
      params = {"o", "k", "v"},
      script = "o[k] = v;")
  public static native void set(JSObject o, String k, JSObject v);

  @JSBody(params = "a", script = "return a.length;")
  public static native int length(JSObject a);

  @JSBody(
      params = {"a", "i"},
      script = "return a[i];")
  public static native JSObject at(JSObject a, int i);

  @JSBody(
      params = {"a", "v"},
      script = "a.push(v);")
  public static native void push(JSObject a, JSObject v);

  @JSBody(params = "o", script = "return Object.keys(o);")
  public static native String[] keys(JSObject o);

  @JSBody(params = "s", script = "return JSON.parse(s);")
  public static native JSObject parse(String s);

  @JSBody(params = "v", script = "return JSON.stringify(v);")
  public static native String stringify(JSObject v);

  /** Fails unless {@code v} is a JSON object; {@code what} names the expected record. */
  public static void expectObject(JSObject v, String what) {
    if (isNull(v) || isArray(v) || !"object".equals(typeOf(v))) {
      throw mismatch("an object for " + what, v);
    }
  }

  /** Fails decoding with a message naming what was expected and what arrived. */
  static IllegalArgumentException mismatch(String expected, JSObject actual) {
    return new IllegalArgumentException(
        "Expected " + expected + " in the server's answer but got " + describe(actual));
  }

  private static String describe(JSObject v) {
    return isNull(v) ? "null" : isArray(v) ? "an array" : "a " + typeOf(v);
  }
}
