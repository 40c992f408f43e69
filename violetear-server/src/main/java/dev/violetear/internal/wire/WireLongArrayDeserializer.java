// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a {@code long[]} whose items may be strings of digits, like {@link WireLongDeserializer}.
 */
final class WireLongArrayDeserializer extends StdDeserializer<long[]> {
  private static final long serialVersionUID = 1L;
  private final WireLongDeserializer item = new WireLongDeserializer(true);

  WireLongArrayDeserializer() {
    super(long[].class);
  }

  @Override
  public long[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.isExpectedStartArrayToken()) {
      return (long[]) ctxt.handleUnexpectedToken(long[].class, p);
    }
    long[] values = new long[8];
    int size = 0;
    JsonToken token;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      try {
        long value =
            token == JsonToken.VALUE_NULL ? item.getNullValue(ctxt) : item.deserialize(p, ctxt);
        if (size == values.length) {
          values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, values, size);
      }
    }
    return Arrays.copyOf(values, size);
  }
}
