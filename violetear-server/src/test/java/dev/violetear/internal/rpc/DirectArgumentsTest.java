// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.RpcException;
import dev.violetear.internal.wire.WireJson;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The direct path must be invisible: for every body, a call reads the same arguments, or fails with
 * the same error, as it did when every body went through a JSON tree.
 */
class DirectArgumentsTest {
  private static final ObjectMapper MAPPER = WireJson.mapper();

  enum Color {
    RED,
    GREEN
  }

  record Item(String name, int count, List<String> tags, Optional<String> note, Long big) {}

  record Basket(String owner, List<Item> items, Map<String, Item> byName, Set<Color> colors) {}

  record Node(String name, List<Node> children) {}

  record Box<T>(T value) {}

  record Positive(int value) {
    Positive {
      if (value < 0) {
        throw new IllegalArgumentException("value must not be negative");
      }
    }
  }

  @SuppressWarnings("unused")
  static final class Fns {
    static void text(String value) {}

    static void number(int value) {}

    static void boxed(Integer value) {}

    static void wide(long value) {}

    static void wideBoxed(Long value) {}

    static void flag(boolean value) {}

    static void letter(char value) {}

    static void color(Color value) {}

    static void item(Item value) {}

    static void basket(Basket value) {}

    static void node(Node value) {}

    static void box(Box<List<Long>> value) {}

    static void positive(Positive value) {}

    static void items(List<Item> value) {}

    static void counts(Map<String, Integer> value) {}

    static void nested(List<List<Long>> value) {}

    static void maybe(Optional<Item> value) {}

    static void ints(int[] value) {}

    static void longs(long[] value) {}

    static void names(String[] value) {}

    static void mixed(int n, String text, Item item) {}

    static void none() {}
  }

  /** Argument values for each function, good and bad, as JSON text. */
  private static final Map<String, List<String>> VALUES =
      Map.ofEntries(
          Map.entry("text", List.of("\"x\"", "\"é \\ud83d\\ude00 \\\"q\\\"\"", "null", "1", "[]")),
          Map.entry(
              "number",
              List.of(
                  "1", "-0", "2147483647", "2147483648", "1.0", "1e2", "\"1\"", "null", "true")),
          Map.entry("boxed", List.of("7", "null", "\"7\"", "-2147483649")),
          Map.entry(
              "wide",
              List.of(
                  "9007199254740993",
                  "\"9007199254740993\"",
                  "\"-9223372036854775808\"",
                  "\"9223372036854775808\"",
                  "9223372036854775808",
                  "\"12a\"",
                  "\"\"",
                  "1.5",
                  "null")),
          Map.entry("wideBoxed", List.of("null", "\"42\"", "42", "false")),
          Map.entry("flag", List.of("true", "false", "0", "\"true\"", "null")),
          Map.entry("letter", List.of("\"a\"", "\"ab\"", "\"\"", "97", "null")),
          Map.entry("color", List.of("\"RED\"", "\"PURPLE\"", "0", "\"\"", "null")),
          Map.entry(
              "item",
              List.of(
                  "{\"name\":\"a\",\"count\":1,\"tags\":[\"x\",\"y\"],\"note\":\"n\","
                      + "\"big\":\"9007199254740993\"}",
                  "{\"name\":null,\"count\":0,\"tags\":[],\"note\":null,\"big\":null}",
                  "{\"name\":\"a\"}",
                  "{\"name\":\"a\",\"count\":1,\"extra\":true}",
                  "{\"name\":\"a\",\"name\":\"b\"}",
                  "{\"name\":\"a\",\"count\":1.5}",
                  "{\"name\":\"a\",\"tags\":[1]}",
                  "[]",
                  "\"item\"")),
          Map.entry(
              "basket",
              List.of(
                  "{\"owner\":\"o\",\"items\":[{\"name\":\"a\",\"count\":2}],"
                      + "\"byName\":{\"a\":{\"name\":\"a\",\"count\":2,\"big\":3}},"
                      + "\"colors\":[\"RED\",\"GREEN\"]}",
                  "{\"owner\":\"o\",\"items\":null,\"byName\":{},\"colors\":[\"BLUE\"]}",
                  "{\"owner\":\"o\",\"items\":[null,{\"count\":\"2\"}]}")),
          Map.entry(
              "node",
              List.of(
                  "{\"name\":\"root\",\"children\":[{\"name\":\"leaf\",\"children\":[]}]}",
                  "{\"name\":\"root\",\"children\":[{\"name\":1}]}")),
          Map.entry("box", List.of("{\"value\":[1,\"2\",null]}", "{\"value\":[1.5]}")),
          Map.entry("positive", List.of("{\"value\":1}", "{\"value\":-1}")),
          Map.entry(
              "items",
              List.of(
                  "[]", "[{\"name\":\"a\",\"count\":1}]", "[{\"name\":\"a\",\"count\":\"x\"}]")),
          Map.entry("counts", List.of("{\"a\":1,\"b\":2}", "{\"a\":null}", "{\"a\":\"1\"}", "[]")),
          Map.entry("nested", List.of("[[1,\"2\"],[],null]", "[[1],[true]]")),
          Map.entry("maybe", List.of("null", "{\"name\":\"a\",\"count\":1}", "{\"count\":\"x\"}")),
          Map.entry("ints", List.of("[1,2,3]", "[]", "[1,null]", "[1.5]", "{}")),
          Map.entry("longs", List.of("[1,\"9007199254740993\",-3]", "[\"x\"]", "[null]")),
          Map.entry("names", List.of("[\"a\",null]", "[1]")));

  @Test
  void everyArgumentReadsAsThroughATree() throws Exception {
    int direct = 0;
    for (Map.Entry<String, List<String>> entry : VALUES.entrySet()) {
      RpcFunction function = function(entry.getKey());
      assertThat(function.direct()).as(entry.getKey()).isNotNull();
      for (String value : entry.getValue()) {
        String body = "{\"args\":[" + value + "]}";
        String expected = assertSame(function, body);
        if (!expected.startsWith("error")) {
          // What the tree reads, the direct path reads itself rather than passing it on.
          assertThat(function.direct().read(utf8(body))).as(body).isNotNull();
          direct++;
        }
      }
    }
    assertThat(direct).isGreaterThan(30);
  }

  @Test
  void goodCallsAreReadDirectly() {
    for (String body :
        List.of(
            "{\"args\":[1,\"t\",{\"name\":\"a\",\"count\":1}]}",
            " { \"args\" : [ 1 , \"t\" , null ] } \n",
            "{\"args\":[-5,\"\",{\"name\":\"a\",\"count\":1,\"tags\":null}]}")) {
      Object[] read = function("mixed").direct().read(utf8(body));
      assertThat(read).as(body).isNotNull().hasSize(3);
    }
    assertThat(function("none").direct().read(utf8("{\"args\":[]}"))).isEmpty();
  }

  @Test
  void unusualEnvelopesAreLeftToTheTree() throws Exception {
    RpcFunction mixed = function("mixed");
    String args = "[1,\"t\",{\"name\":\"a\",\"count\":1}]";
    List<String> bodies =
        List.of(
            "{\"args\":" + args + ",\"extra\":1}",
            "{\"extra\":1,\"args\":" + args + "}",
            "{\"args\":" + args + ",\"args\":" + args + "}",
            "{\"args\":" + args + "} x",
            "{\"args\":" + args + "}{}",
            "{\"args\":" + args,
            "{\"args\":[1,\"t\"]}",
            "{\"args\":[1,\"t\",null,4]}",
            "{\"args\":[]}",
            "{\"args\":{}}",
            "{\"args\":null}",
            "{\"Args\":" + args + "}",
            "{}",
            "[]",
            "[" + args + "]",
            "null",
            "\"args\"",
            "42",
            "{\"args\":[1,\"t\",{\"name\":\"a\",\"count\":1}",
            "{\"args\":[1,\"t\",{\"name\":\"a\",\"count\":1,}]}",
            "{\"args\":[01,\"t\",null]}",
            "{\"args\":[1,'t',null]}",
            "{\"args\":[1,\"t\",{\"name\":\"a\",\"count\":1," + "1".repeat(120) + "]}",
            "{\"args\":[1,\"t\",{\"name\":\"a\",\"count\":" + "1".repeat(120) + "}]}",
            "{\"args\":[1,\"t\",null],\"deep\":" + "[".repeat(80) + "]".repeat(80) + "}",
            "{\"args\":[1,\"t\"," + "[".repeat(80) + "]".repeat(80) + "]}");
    for (String body : bodies) {
      assertThat(mixed.direct().read(utf8(body))).as(body).isNull();
      assertSame(mixed, body);
    }
  }

  /**
   * Asserts that {@code body} reads the same through the endpoint's path as through the tree alone,
   * and returns that outcome.
   */
  private static String assertSame(RpcFunction function, String body)
      throws JsonProcessingException {
    String expected = outcome(() -> viaTree(function, utf8(body)));
    assertThat(outcome(() -> CallArguments.read(function, MAPPER, utf8(body), function.name())))
        .as(function.name() + " " + body)
        .isEqualTo(expected);
    return expected;
  }

  /** How every call was read before the direct path: through a tree. */
  private static Object[] viaTree(RpcFunction function, byte[] body) {
    return function.readArguments(
        CallArguments.tree(MAPPER, body, "The body of the call to " + function.name()));
  }

  /** The arguments, in JSON and with their classes, or the error they end in. */
  private static String outcome(Read read) throws JsonProcessingException {
    Object[] values;
    try {
      values = read.args();
    } catch (RpcException e) {
      return "error " + e.status() + " " + e.type() + ": " + e.getMessage();
    }
    List<String> classes = new ArrayList<>();
    for (Object value : values) {
      classes.add(value == null ? "null" : value.getClass().getName());
    }
    return MAPPER.writeValueAsString(values) + " " + classes;
  }

  private interface Read {
    Object[] args();
  }

  static RpcFunction function(String name) {
    Method method =
        Arrays.stream(Fns.class.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return RpcFunction.of("Fns." + name, method, MAPPER);
  }

  private static byte[] utf8(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
