// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes a {@code long[]} item by item with the rule of {@link WireLongSerializer}. */
final class WireLongArraySerializer extends StdSerializer<long[]> {
  private static final long serialVersionUID = 1L;

  WireLongArraySerializer() {
    super(long[].class);
  }

  @Override
  public void serialize(long[] values, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeStartArray(values, values.length);
    for (long v : values) {
      WireLongSerializer.write(v, gen);
    }
    gen.writeEndArray();
  }
}
