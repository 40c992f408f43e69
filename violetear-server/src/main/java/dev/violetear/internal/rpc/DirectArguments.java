// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/**
 * Reads the arguments of a call, {@code {"args":[...]}}, straight from the parser into each
 * parameter's type, without building a JSON tree first. It only ever answers for a body that is
 * exactly that envelope and whose every argument converts; in any other case it answers null and
 * the tree path reads the body again, so that what the caller sees of a bad call, its error message
 * above all, is the same whichever path ran.
 *
 * <pre>{@code
 * DirectArguments direct = DirectArguments.of(mapper, parameterTypes);   // null: types unfit
 * Object[] args = direct.read(body);   // null: let the tree path decide
 * }</pre>
 */
final class DirectArguments {
  private static final SerializedString ARGS = new SerializedString("args");

  private final ObjectMapper mapper;
  private final ObjectReader[] readers;

  private DirectArguments(ObjectMapper mapper, ObjectReader[] readers) {
    this.mapper = mapper;
    this.readers = readers;
  }

  /**
   * Prepares the direct path for parameters of {@code types}, or returns null when one of them must
   * go by the tree (see {@link DirectTypes}).
   */
  static DirectArguments of(ObjectMapper mapper, JavaType[] types) {
    ObjectReader[] readers = new ObjectReader[types.length];
    for (int i = 0; i < types.length; i++) {
      if (!DirectTypes.allows(types[i], mapper.getTypeFactory())) {
        return null;
      }
      // Inside the array another argument follows each one, which Jackson's check for trailing
      // tokens would refuse; read() checks the whole envelope itself instead.
      readers[i] =
          mapper.readerFor(types[i]).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
    return new DirectArguments(mapper, readers);
  }

  /**
   * Returns the arguments in {@code body}, or null when the body is not a well-formed envelope with
   * one convertible value per parameter and nothing else.
   */
  Object[] read(byte[] body) {
    try (JsonParser p = mapper.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || !p.nextFieldName(ARGS)
          || p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      Object[] values = readArray(p);
      boolean complete =
          values != null && p.nextToken() == JsonToken.END_OBJECT && p.nextToken() == null;
      return complete ? values : null;
    } catch (IOException | RuntimeException e) {
      // The tree path meets the same fault and words it.
      return null;
    }
  }

  /**
   * Reads the array {@code p} is at (its {@code START_ARRAY} is the current token) up to and with
   * its {@code END_ARRAY}, one value per parameter.
   *
   * @return the values, or null when there are more or fewer of them
   * @throws IOException or a RuntimeException when a value is malformed or does not convert
   */
  Object[] readArray(JsonParser p) throws IOException {
    Object[] values = new Object[readers.length];
    for (int i = 0; i < readers.length; i++) {
      JsonToken token = p.nextToken();
      if (token == null || token == JsonToken.END_ARRAY) {
        return null;
      }
      values[i] = readers[i].readValue(p);
    }
    return p.nextToken() == JsonToken.END_ARRAY ? values : null;
  }
}
