// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 *
 * <p>Its parser limits ({@link StreamReadConstraints}) are chosen for requests, not left at
 * Jackson's defaults: a hostile body must not cost deep recursion or quadratic number parsing, and
 * the string limit follows {@code AppConfig.maxRequestBytes}, so that setting alone decides how
 * large a value may be. A request that breaks a limit is refused with a message naming it (see
 * {@link #brokenLimit}).
 */
public final class WireJson {
  /** Nested arrays and objects, the request's own envelope included; app data needs few. */
  static final int MAX_DEPTH = 64;

  /** Digits of one number; a long has 19, a double's exact decimal form is rarely longer. */
  static final int MAX_NUMBER_LENGTH = 100;

  /** The string limit until {@link #limitStrings} sets the app's: the default maxRequestBytes. */
  static final int DEFAULT_MAX_STRING_LENGTH = 1_048_576;

  private WireJson() {}

  /**
   * Builds a new mapper; mappers are thread-safe once configured, so one per app is enough. Its
   * strings may be as long as {@link #DEFAULT_MAX_STRING_LENGTH} until {@link #limitStrings}.
   */
  public static ObjectMapper mapper() {
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
            // Record components marked @Server.Only never reach a page.
            .annotationIntrospector(new ServerOnlyIntrospector())
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
    mapper.getFactory().setStreamReadConstraints(constraints(DEFAULT_MAX_STRING_LENGTH));

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

  /**
   * Sets the longest string {@code mapper} reads to {@code maxRequestBytes} characters, the app's
   * request limit (a string cannot be longer than the body or frame that carries it). Call it
   * before the mapper reads its first request; the other limits stay as they are.
   */
  public static void limitStrings(ObjectMapper mapper, long maxRequestBytes) {
    mapper
        .getFactory()
        .setStreamReadConstraints(constraints((int) Math.min(maxRequestBytes, Integer.MAX_VALUE)));
  }

  static StreamReadConstraints constraints(int maxStringLength) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxStringLength(maxStringLength)
        .build();
  }

  /**
   * Says which parser limit a failed read broke, to follow the request's name: "is nested deeper
   * than 64 levels of arrays and objects...". Null when the failure was not a broken limit (the
   * JSON was malformed).
   */
  public static String brokenLimit(JsonProcessingException e, ObjectMapper mapper) {
    Throwable t = e;
    while (t != null && !(t instanceof StreamConstraintsException)) {
      t = t.getCause();
    }
    if (t == null) {
      return null;
    }
    String jackson = String.valueOf(((StreamConstraintsException) t).getOriginalMessage());
    StreamReadConstraints limits = mapper.getFactory().streamReadConstraints();
    // Jackson names the constraint's getter in each of these messages.
    if (jackson.contains("getMaxNestingDepth")) {
      return "is nested deeper than "
          + limits.getMaxNestingDepth()
          + " levels of arrays and objects, the most the server accepts";
    }
    if (jackson.contains("getMaxNumberLength")) {
      return "has a number longer than "
          + limits.getMaxNumberLength()
          + " digits, the most the server accepts";
    }
    if (jackson.contains("getMaxStringLength")) {
      return "has a string longer than "
          + limits.getMaxStringLength()
          + " characters, the limit set by AppConfig.maxRequestBytes";
    }
    if (jackson.contains("getMaxNameLength")) {
      return "has a property name longer than "
          + limits.getMaxNameLength()
          + " characters, the most the server accepts";
    }
    return "breaks a limit of the server's JSON parser: " + ErrorReports.shorten(jackson);
  }

  private static void fail(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(type).setAcceptBlankAsEmpty(false);
  }
}
