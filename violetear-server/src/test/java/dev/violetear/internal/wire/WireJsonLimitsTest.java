// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The parser limits of the wire mapper, exactly at and just beyond each one. */
class WireJsonLimitsTest {
  private final ObjectMapper mapper = WireJson.mapper();

  private String limitBrokenBy(String json) {
    JsonProcessingException e =
        catchThrowableOfType(JsonProcessingException.class, () -> mapper.readTree(json));
    assertThat(e)
        .as("reading %s fails", json.length() > 80 ? json.substring(0, 80) : json)
        .isNotNull();
    return WireJson.brokenLimit(e, mapper);
  }

  @Test
  void nestingDepthIs64() throws Exception {
    assertThat(mapper.readTree("[".repeat(64) + "]".repeat(64)).isArray()).isTrue();
    assertThat(limitBrokenBy("[".repeat(65) + "]".repeat(65)))
        .isEqualTo(
            "is nested deeper than 64 levels of arrays and objects, the most the server accepts");
    assertThat(limitBrokenBy("{\"a\":".repeat(65) + "1" + "}".repeat(65)))
        .isEqualTo(
            "is nested deeper than 64 levels of arrays and objects, the most the server accepts");
  }

  @Test
  void numbersHaveAtMost100Digits() throws Exception {
    assertThat(mapper.readTree("9".repeat(100)).isBigInteger()).isTrue();
    assertThat(limitBrokenBy("9".repeat(101)))
        .isEqualTo("has a number longer than 100 digits, the most the server accepts");
    assertThat(limitBrokenBy("0." + "9".repeat(200)))
        .isEqualTo("has a number longer than 100 digits, the most the server accepts");
  }

  @Test
  void stringsFollowMaxRequestBytes() throws Exception {
    assertThat(mapper.getFactory().streamReadConstraints().getMaxStringLength())
        .isEqualTo(1_048_576);

    WireJson.limitStrings(mapper, 10);
    assertThat(mapper.readTree("\"0123456789\"").asText()).isEqualTo("0123456789");
    assertThat(limitBrokenBy("\"0123456789a\""))
        .isEqualTo(
            "has a string longer than 10 characters, the limit set by AppConfig.maxRequestBytes");
    // The other limits stay.
    assertThat(limitBrokenBy("[".repeat(65) + "]".repeat(65)))
        .startsWith("is nested deeper than 64 levels");

    // Beyond Jackson's own default (20,000,000), so a large maxRequestBytes is not capped by it.
    WireJson.limitStrings(mapper, 50_000_000);
    assertThat(mapper.getFactory().streamReadConstraints().getMaxStringLength())
        .isEqualTo(50_000_000);
    WireJson.limitStrings(mapper, Integer.MAX_VALUE - 8L);
    assertThat(mapper.getFactory().streamReadConstraints().getMaxStringLength())
        .isEqualTo(Integer.MAX_VALUE - 8);
  }

  @Test
  void propertyNamesHaveAtMost50000Characters() throws Exception {
    String name = "k".repeat(50_000);
    assertThat(mapper.readTree("{\"" + name + "\":1}").has(name)).isTrue();
    // Named like the other limits, without Jackson's own wording (it names its internal classes).
    assertThat(limitBrokenBy("{\"" + name + "k\":1}"))
        .isEqualTo("has a property name longer than 50000 characters, the most the server accepts");
  }

  @Test
  void malformedJsonBreaksNoLimit() {
    assertThat(limitBrokenBy("{\"a\":")).isNull();
    assertThat(limitBrokenBy("[1,]")).isNull();
  }
}
