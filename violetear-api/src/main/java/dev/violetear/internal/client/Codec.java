// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import org.teavm.jso.JSObject;

/** Converts one Java type to and from parsed JSON in the browser, without reflection. */
public interface Codec<T> {
  JSObject encode(T value);

  T decode(JSObject json);
}
