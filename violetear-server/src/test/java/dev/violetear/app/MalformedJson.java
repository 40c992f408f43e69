// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic corpus of malformed (and nearly well-formed) JSON built from valid templates:
 * every truncation, seeded single-byte mutations, a wrong type in every field, deep nesting, huge
 * numbers, long strings, invalid UTF-8, empty and blank input, wrong envelopes, duplicate keys and
 * other syntax a strict parser must refuse. Each case names its kind, so that results can be
 * counted per kind; what the server must answer is decided by the test, not here.
 */
final class MalformedJson {
  /** One input: its kind (for the figures) and its bytes. */
  record Case(String kind, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String shown = text();
      return kind + ": " + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown);
    }
  }

  /** JSON values of every type, and the edges of the number types, for the wrong-type cases. */
  static final List<String> WRONG_VALUES =
      List.of(
          "\"s\"",
          "\"\"",
          "\"7\"",
          "0",
          "-1",
          "1.5",
          "1e2",
          "-0",
          "true",
          "false",
          "null",
          "[]",
          "[1]",
          "{}",
          "{\"a\":1}",
          "2147483648",
          "-2147483649",
          "9223372036854775808",
          "1e400");

  /** Bytes a mutation writes: JSON punctuation, digits, letters, whitespace and control bytes. */
  private static final byte[] ASCII_MUTATIONS =
      "{}[]\",:\\ 09aetnx-+.\t\n\0\u007f".getBytes(StandardCharsets.UTF_8);

  /** Sequences that are not UTF-8: stray, overlong, surrogate, out of range and cut short. */
  static final List<byte[]> INVALID_UTF8 =
      List.of(
          bytes(0xFF),
          bytes(0x80),
          bytes(0xC3, 0x28),
          bytes(0xC0, 0xAF),
          bytes(0xE0, 0x80, 0xAF),
          bytes(0xED, 0xA0, 0x80),
          bytes(0xF4, 0x90, 0x80, 0x80),
          bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
          bytes(0xE2, 0x82));

  private static final JsonNode RAW = TestSocket.json("\"__raw__\"");

  private final Random random;
  private final int maxBytes;

  /**
   * @param seed fixes every random choice, so a failing case can be reproduced
   * @param maxBytes the server's request limit; deep and long cases stay below it
   */
  MalformedJson(long seed, int maxBytes) {
    this.random = new Random(seed);
    this.maxBytes = maxBytes;
  }

  /**
   * The corpus built from {@code templates}, valid JSON objects.
   *
   * @param asciiOnly whether to keep every case valid UTF-8, as socket text frames must be; the
   *     first template must have an {@code args} array
   */
  List<Case> from(List<String> templates, boolean asciiOnly) {
    List<Case> out = new ArrayList<>();
    for (String template : templates) {
      byte[] valid = template.getBytes(StandardCharsets.UTF_8);
      for (int end = 0; end < valid.length; end++) {
        out.add(new Case("truncated", java.util.Arrays.copyOf(valid, end)));
      }
      mutations(valid, asciiOnly, out);
      wrongTypes(TestSocket.json(template), out);
    }
    String first = templates.get(0);
    envelopes(first, out);
    nesting(first, out);
    numbers(first, out);
    strings(first, out);
    syntax(first, out);
    if (!asciiOnly) {
      out.addAll(invalidUtf8(first));
    }
    return out;
  }

  /** Every invalid UTF-8 sequence inside a string, a key and between tokens of {@code template}. */
  List<Case> invalidUtf8(String template) {
    List<Case> out = new ArrayList<>();
    byte[] valid = template.getBytes(StandardCharsets.UTF_8);
    int inString = template.indexOf('"', template.indexOf(':') + 1) + 1;
    int inKey = 2;
    int between = template.indexOf(':') + 1;
    for (byte[] bad : INVALID_UTF8) {
      for (int at : new int[] {inString, inKey, between}) {
        if (at > 0) {
          out.add(new Case("invalid UTF-8", splice(valid, at, 0, bad)));
        }
      }
    }
    return out;
  }

  private void mutations(byte[] valid, boolean asciiOnly, List<Case> out) {
    for (int i = 0; i < valid.length; i++) {
      for (int k = 0; k < 3; k++) {
        byte b =
            !asciiOnly && k == 2
                ? (byte) (0x80 + random.nextInt(0x80))
                : ASCII_MUTATIONS[random.nextInt(ASCII_MUTATIONS.length)];
        if (b != valid[i]) {
          out.add(new Case("byte mutation", splice(valid, i, 1, new byte[] {b})));
        }
      }
      out.add(new Case("byte mutation", splice(valid, i, 1, new byte[0])));
      byte inserted = ASCII_MUTATIONS[random.nextInt(ASCII_MUTATIONS.length)];
      out.add(new Case("byte mutation", splice(valid, i, 0, new byte[] {inserted})));
    }
  }

  /** Replaces every field and array item, at any depth, by each wrong value; drops each field. */
  private static void wrongTypes(JsonNode template, List<Case> out) {
    for (Map.Entry<String, JsonNode> slot : slots(template, "").entrySet()) {
      for (String value : WRONG_VALUES) {
        out.add(
            new Case(
                "wrong type",
                replaced(template, slot.getKey(), value).getBytes(StandardCharsets.UTF_8)));
      }
    }
    template
        .fieldNames()
        .forEachRemaining(
            name -> {
              ObjectNode copy = template.deepCopy();
              copy.remove(name);
              out.add(new Case("wrong type", copy.toString().getBytes(StandardCharsets.UTF_8)));
            });
  }

  /** Paths of every value below the root, such as {@code /args/1}. */
  private static Map<String, JsonNode> slots(JsonNode node, String path) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                out.put(path + "/" + e.getKey(), e.getValue());
                out.putAll(slots(e.getValue(), path + "/" + e.getKey()));
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.put(path + "/" + i, node.get(i));
        out.putAll(slots(node.get(i), path + "/" + i));
      }
    }
    return out;
  }

  private static String replaced(JsonNode template, String path, String value) {
    JsonNode copy = template.deepCopy();
    int slash = path.lastIndexOf('/');
    JsonNode parent = slash == 0 ? copy : copy.at(path.substring(0, slash));
    String last = path.substring(slash + 1);
    // A marker replaced as text: parsed, 1e400 would be written back as Infinity.
    if (parent.isArray()) {
      ((ArrayNode) parent).set(Integer.parseInt(last), RAW);
    } else {
      ((ObjectNode) parent).set(last, RAW);
    }
    return copy.toString().replace("\"__raw__\"", value);
  }

  private static void envelopes(String template, List<Case> out) {
    for (String text :
        List.of(
            "[]",
            "[" + template + "]",
            "\"" + template.replace("\"", "\\\"") + "\"",
            "1",
            "null",
            "true",
            "{}",
            "{\"args\":null}",
            "{\"ARGS\":[]}",
            "[[],[]]")) {
      out.add(new Case("wrong envelope", text.getBytes(StandardCharsets.UTF_8)));
    }
    for (String blank : List.of("", " ", "\n", "\t\r\n ", "\u00a0", "\ufeff")) {
      out.add(new Case("empty or blank", blank.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Nesting around the limit of 64, in place of the first argument, as arrays and as objects. */
  private void nesting(String template, List<Case> out) {
    int deepest = (maxBytes - template.length()) / 8;
    for (int depth : new int[] {60, 62, 63, 64, 65, 100, 1000, deepest}) {
      String arrays = "[".repeat(depth) + "]".repeat(depth);
      String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      out.add(new Case("deep nesting", firstValue(template, arrays)));
      out.add(new Case("deep nesting", firstValue(template, objects)));
    }
  }

  private static void numbers(String template, List<Case> out) {
    for (String number :
        List.of(
            "1" + "0".repeat(99),
            "1" + "0".repeat(100),
            "-" + "9".repeat(1000),
            "0." + "1".repeat(200),
            "1e400",
            "-1e400",
            "1e-400",
            "1E+2147483648",
            "123456789012345678901234567890",
            "-9223372036854775809",
            "0.0000000000000000000000001")) {
      out.add(new Case("huge number", firstValue(template, number)));
    }
  }

  private void strings(String template, List<Case> out) {
    int longest = maxBytes - template.length() - 16;
    for (int length : new int[] {1000, longest}) {
      out.add(new Case("long string", firstValue(template, "\"" + "x".repeat(length) + "\"")));
    }
    // A long field name, and a long run of escapes.
    out.add(
        new Case(
            "long string",
            ("{\"" + "k".repeat(longest) + "\":1," + template.substring(1))
                .getBytes(StandardCharsets.UTF_8)));
    out.add(
        new Case("long string", firstValue(template, "\"" + "\\u00e9".repeat(longest / 6) + "\"")));
  }

  private static void syntax(String template, List<Case> out) {
    String inner = template.substring(1, template.length() - 1);
    String firstKey = inner.substring(0, inner.indexOf(':'));
    String firstField = inner.split(",")[0];
    for (String text :
        List.of(
            "{" + inner + "," + firstField + "}", // duplicate key
            "{" + firstField + "," + inner + "}", // duplicate key, first position
            "{" + inner + ",}", // trailing comma
            template.replace('"', '\''), // single quotes
            "{" + inner.replace("\"", "") + "}", // unquoted keys
            "/* c */" + template, // comment
            template + "//", // comment after
            template + "x", // trailing garbage
            template + template, // two values
            template + "]",
            "{" + firstKey + ":NaN}",
            "{" + firstKey + ":Infinity}",
            "{" + firstKey + ":01}",
            "{" + firstKey + ":\"tab\there\"}", // raw control character in a string
            "{" + firstKey + ":\"\\uZZZZ\"}",
            "{" + firstKey + ":\"\\x41\"}",
            "{" + firstKey + ":\"\\ud800\"}", // an escaped lone surrogate: valid JSON text
            "{" + firstKey + ":tru}",
            "{" + firstKey + "}",
            "{:1}",
            "{{}}",
            "\ufeff" + template)) {
      out.add(new Case("syntax", text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** {@code template} with its first argument replaced by {@code value}. */
  private static byte[] firstValue(String template, String value) {
    return replaced(TestSocket.json(template), "/args/0", value).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.write(insert, 0, insert.length);
    out.write(bytes, at + remove, bytes.length - at - remove);
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
