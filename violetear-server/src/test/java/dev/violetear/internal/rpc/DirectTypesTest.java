// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.internal.wire.WireJson;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which parameters go by the direct path, and that the others still read through the tree. */
class DirectTypesTest {
  private static final ObjectMapper MAPPER = WireJson.mapper();

  record Point(double x, double y) {}

  record Named(@JsonProperty("n") String name) {}

  record Wrapper(List<Point> points) {}

  record Plain(String name, List<Long> ids) {}

  enum Size {
    SMALL;

    @JsonValue
    String lower() {
      return "small";
    }
  }

  enum Shade {
    DARK;

    @JsonCreator
    static Shade of(String text) {
      return DARK;
    }
  }

  @SuppressWarnings("unused")
  static final class Unfit {
    static void aDouble(double value) {}

    static void aFloat(float value) {}

    static void aBoxedDouble(Double value) {}

    static void aDecimal(BigDecimal value) {}

    static void anything(Object value) {}

    static void aTree(JsonNode value) {}

    static void aNumber(Number value) {}

    static void aPoint(Point value) {}

    static void points(Wrapper value) {}

    static void doubles(List<Double> value) {}

    static void untyped(Map<String, Object> value) {}

    static void renamed(Named value) {}

    static void size(Size value) {}

    static void shade(Shade value) {}

    static void bytes(byte[] value) {}

    static void chars(char[] value) {}

    static void maybeDouble(Optional<Double> value) {}

    static void oneUnfitOfTwo(String text, double value) {}
  }

  @SuppressWarnings("unused")
  static final class Fit {
    static void plain(Plain value) {}

    static void twoFit(String text, long value) {}
  }

  @Test
  void floatsAndTypesThatReadOtherwiseFromATreeTakeTheTree() {
    for (Method method : Unfit.class.getDeclaredMethods()) {
      if (!method.isSynthetic()) {
        assertThat(function(method).direct()).as(method.getName()).isNull();
      }
    }
    for (Method method : Fit.class.getDeclaredMethods()) {
      if (!method.isSynthetic()) {
        assertThat(function(method).direct()).as(method.getName()).isNotNull();
      }
    }
  }

  @Test
  void fractionsStillReadThroughTheTree() {
    Object[] floats = read("aFloat", "{\"args\":[0.1]}");
    assertThat(floats).containsExactly(0.1f);
    Object[] point = read("aPoint", "{\"args\":[{\"x\":0.5,\"y\":-1e3}]}");
    assertThat(point).containsExactly(new Point(0.5, -1000));
    Object[] both = read("oneUnfitOfTwo", "{\"args\":[\"t\",2.5]}");
    assertThat(both).containsExactly("t", 2.5);
  }

  private static Object[] read(String name, String body) {
    Method method =
        Arrays.stream(Unfit.class.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return CallArguments.read(
        function(method), MAPPER, body.getBytes(StandardCharsets.UTF_8), "Unfit." + name);
  }

  private static RpcFunction function(Method method) {
    return RpcFunction.of(
        method.getDeclaringClass().getSimpleName() + "." + method.getName(), method, MAPPER);
  }
}
