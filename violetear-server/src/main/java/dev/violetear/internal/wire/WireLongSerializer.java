// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a long as a JSON number when a JavaScript number holds it exactly, and as a string of
 * digits beyond 2^53, which the browser codecs read back without losing digits.
 */
final class WireLongSerializer extends StdSerializer<Long> {
  private static final long serialVersionUID = 1L;

  /** The largest integer a JavaScript number holds exactly (Number.MAX_SAFE_INTEGER). */
  static final long MAX_SAFE = 9_007_199_254_740_991L;

  WireLongSerializer() {
    super(Long.class);
  }

  @Override
  public void serialize(Long value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    write(value, gen);
  }

  static void write(long value, JsonGenerator gen) throws IOException {
    if (value >= -MAX_SAFE && value <= MAX_SAFE) {
      gen.writeNumber(value);
    } else {
      gen.writeString(Long.toString(value));
    }
  }
}
