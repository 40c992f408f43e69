// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/**
 * The one Jackson configuration for values that cross the wire. It is strict on input: a value must
 * already have the JSON shape of the declared Java type, because a silently coerced argument
 * ({@code "12"} for an int, {@code 1.5} for an int, {@code 7} for a String) hides a client bug that
 * the generated browser codecs never produce.
 */
final class WireJson {
  private WireJson() {}

  /** Builds a new mapper; mappers are thread-safe once configured, so one per app is enough. */
  static ObjectMapper mapper() {
    SimpleModule longs = new SimpleModule("violetear-longs");
    // Browsers send and read longs beyond 2^53 as strings, so both directions accept that form.
    longs.addDeserializer(Long.class, new WireLongDeserializer(false));
    longs.addDeserializer(long.class, new WireLongDeserializer(true));
    longs.addDeserializer(long[].class, new WireLongArrayDeserializer());
    longs.addSerializer(Long.class, new WireLongSerializer());
    longs.addSerializer(long.class, new WireLongSerializer());
    longs.addSerializer(long[].class, new WireLongArraySerializer());

    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(longs)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A record without components is a valid (empty) JSON object.
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    fail(
        mapper,
        LogicalType.Textual,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean);
    fail(
        mapper,
        LogicalType.Integer,
        CoercionInputShape.String,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean,
        CoercionInputShape.EmptyString);
    fail(
        mapper,
        LogicalType.Float,
        CoercionInputShape.String,
        CoercionInputShape.Boolean,
        CoercionInputShape.EmptyString);
    fail(
        mapper,
        LogicalType.Boolean,
        CoercionInputShape.String,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.EmptyString);
    fail(
        mapper,
        LogicalType.Enum,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.EmptyString);
    for (LogicalType structured :
        new LogicalType[] {
          LogicalType.POJO, LogicalType.Collection, LogicalType.Array, LogicalType.Map
        }) {
      fail(
          mapper,
          structured,
          CoercionInputShape.EmptyString,
          CoercionInputShape.String,
          CoercionInputShape.Integer,
          CoercionInputShape.Float,
          CoercionInputShape.Boolean);
    }
    return mapper;
  }

  private static void fail(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(type).setAcceptBlankAsEmpty(false);
  }
}
