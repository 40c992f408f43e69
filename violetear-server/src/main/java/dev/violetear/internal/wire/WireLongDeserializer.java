// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads a long from a JSON integer or from a string of digits: a JavaScript number holds integers
 * exactly only up to 2^53, so the browser codecs send larger longs as strings. Every other shape
 * (fractions, booleans, other strings) is rejected.
 */
final class WireLongDeserializer extends StdScalarDeserializer<Long> {
  private static final long serialVersionUID = 1L;
  private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,19}");

  private final boolean primitive;

  WireLongDeserializer(boolean primitive) {
    super(primitive ? long.class : Long.class);
    this.primitive = primitive;
  }

  @Override
  public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue(); // throws InputCoercionException when out of range
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (DIGITS.matcher(text).matches()) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw MismatchedInputException.from(p, handledType(), "string out of range of long");
        }
      }
    }
    return (Long) ctxt.handleUnexpectedToken(handledType(), p);
  }

  @Override
  public Long getNullValue(DeserializationContext ctxt) throws JsonMappingException {
    if (primitive) {
      // Jackson asks for the null value without calling deserialize(), so the primitive check
      // that FAIL_ON_NULL_FOR_PRIMITIVES does for built-in types has to be repeated here.
      throw new NullForPrimitiveException(ctxt.getParser());
    }
    return null;
  }

  /** A null where a primitive long is declared. */
  static final class NullForPrimitiveException extends MismatchedInputException {
    private static final long serialVersionUID = 1L;

    NullForPrimitiveException(JsonParser p) {
      super(p, "null for a primitive long", long.class);
    }
  }
}
