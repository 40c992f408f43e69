// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import java.util.HashMap;
import java.util.Map;

/**
 * Codecs of custom events' data, by event name; filled by the generated glue. A class of its own so
 * that a bundle without events carries no HashMap: TeaVM includes a class only when reached.
 */
final class EventCodecs {
  private EventCodecs() {}

  private static final Map<String, Codec<?>> byEvent = new HashMap<>();

  static void put(String event, Codec<?> codec) {
    byEvent.put(event, codec);
  }

  static Codec<?> get(String event) {
    return byEvent.get(event);
  }
}
