// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.error;
import static dev.violetear.app.TestApps.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.RpcException;
import dev.violetear.Server;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcEndpointTest {
  static final long MAX_BYTES = 4096;

  enum Color {
    RED,
    GREEN,
    BLUE
  }

  record Item(String name, int count, Optional<String> note) {}

  record Positive(int value) {
    Positive {
      if (value < 0) {
        throw new IllegalArgumentException("value must not be negative");
      }
    }
  }

  record Basket(List<Item> items, Map<String, Color> colors, Set<Long> ids) {}

  static final class Calc {
    @Server.Rpc
    static int add(int delta) {
      return 40 + delta;
    }

    @Server.Rpc
    static int move(int x, int y) {
      return x + y;
    }

    @Server.Rpc
    static String ping() {
      return "pong";
    }

    @Server.Rpc
    static void nothing() {}

    @Server.Rpc
    static int refuse(String text) {
      throw new RpcException("EmptyItem", "Write something first");
    }

    @Server.Rpc
    static int teapot() {
      throw new RpcException("Teapot", "I'm a teapot", 418);
    }

    @Server.Rpc
    static int boom() {
      throw new IllegalStateException("database password is hunter2");
    }
  }

  static final class Types {
    @Server.Rpc
    static int anInt(int value) {
      return value;
    }

    @Server.Rpc
    static Integer aBoxedInt(Integer value) {
      return value;
    }

    @Server.Rpc
    static long aLong(long value) {
      return value;
    }

    @Server.Rpc
    static double aDouble(double value) {
      return value;
    }

    @Server.Rpc
    static boolean aBoolean(boolean value) {
      return value;
    }

    @Server.Rpc
    static String aString(String value) {
      return value;
    }

    @Server.Rpc
    static Color aColor(Color value) {
      return value;
    }

    @Server.Rpc
    static Item anItem(Item value) {
      return value;
    }

    @Server.Rpc
    static List<Item> items(List<Item> value) {
      return value;
    }

    @Server.Rpc
    static Map<String, Integer> counts(Map<String, Integer> value) {
      return value;
    }

    @Server.Rpc
    static Optional<String> maybe(Optional<String> value) {
      return value;
    }

    @Server.Rpc
    static Basket basket(Basket value) {
      return value;
    }

    @Server.Rpc
    static char aChar(char value) {
      return value;
    }

    @Server.Rpc
    static Positive positive(Positive value) {
      return value;
    }

    @Server.Rpc
    static int[] ints(int[] value) {
      return value;
    }

    @Server.Rpc
    static long[] longs(long[] value) {
      return value;
    }
  }

  App app;

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            config -> config.maxRequestBytes(MAX_BYTES), a -> a.register(Calc.class, Types.class));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void callReturnsResult() {
    HttpResponse<String> response = rpc(app, "Calc.add", "{\"args\":[2]}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestApps.mediaType(response)).isEqualTo("application/json;charset=utf-8");
    assertThat(response.body()).isEqualTo("{\"result\":42}");
  }

  @Test
  void voidMethodAnswersNullResult() {
    HttpResponse<String> response = rpc(app, "Calc.nothing", "{\"args\":[]}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"result\":null}");
  }

  @Test
  void unknownFunctionIs404() {
    HttpResponse<String> response = rpc(app, "Calc.nope", "{\"args\":[]}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            error(
                "UnknownFunction",
                "There is no function 'Calc.nope' on the server: annotate a static method with"
                    + " @Server.Rpc and register its class with app.register(Calc.class)"));
  }

  @Test
  void wrongContentTypeIs415() {
    HttpResponse<String> response =
        TestApps.send(
            HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Calc.add"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("args=1")));
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body())
        .isEqualTo(
            error(
                "UnsupportedMediaType",
                "The call to Calc.add must have Content-Type 'application/json' (UTF-8), not"
                    + " 'application/x-www-form-urlencoded'"));
  }

  @Test
  void jsonWithUtf8CharsetIsAccepted() {
    HttpResponse<String> response =
        TestApps.send(
            HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Calc.add"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[1]}")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"result\":41}");
  }

  @Test
  void bodyOverTheLimitIs413() {
    String big = "{\"args\":[\"" + "x".repeat((int) MAX_BYTES) + "\"]}";
    HttpResponse<String> response = rpc(app, "Types.aString", big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo(tooLarge("Types.aString"));
  }

  @Test
  void chunkedBodyOverTheLimitIs413() {
    // An InputStream publisher has no known length, so the client sends the body chunked.
    byte[] big = ("{\"args\":[\"" + "x".repeat((int) MAX_BYTES) + "\"]}").getBytes();
    HttpResponse<String> response =
        TestApps.send(
            HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Types.aString"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo(tooLarge("Types.aString"));
  }

  @Test
  void bodyJustUnderTheLimitIsAccepted() {
    String prefix = "{\"args\":[\"";
    String suffix = "\"]}";
    String text = "x".repeat((int) MAX_BYTES - prefix.length() - suffix.length());
    HttpResponse<String> response = rpc(app, "Types.aString", prefix + text + suffix);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"result\":\"" + text + "\"}");
  }

  private static String tooLarge(String fn) {
    return error(
        "PayloadTooLarge",
        "The body of the call to "
            + fn
            + " is larger than "
            + MAX_BYTES
            + " bytes, the limit set by AppConfig.maxRequestBytes");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"args\":[1| is not valid JSON (line 1, column 11)",
        "{\"args\":[1]} x| is not valid JSON (line 1, column 14)",
        "[1]| must be a JSON object like {\"args\":[...]}, got an array",
        "\"hello\"| must be a JSON object like {\"args\":[...]}, got a string",
        "{}| has no 'args' array",
        "{\"args\":7}| must have an array 'args', got the number 7",
        "{\"args\":{\"delta\":1}}| must have an array 'args', got an object",
      })
  void malformedBodyIs400(String body, String problem) {
    HttpResponse<String> response = rpc(app, "Calc.add", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(error("BadRequest", "The body of the call to Calc.add " + problem));
  }

  @Test
  void emptyBodyIs400() {
    HttpResponse<String> response = rpc(app, "Calc.add", "");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            error(
                "BadRequest", "The body of the call to Calc.add is empty; send {\"args\":[...]}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Calc.add|[1, 2]|Calc.add takes 1 argument (int delta) but got 2",
        "Calc.add|[]|Calc.add takes 1 argument (int delta) but got 0",
        "Calc.move|[1]|Calc.move takes 2 arguments (int x, int y) but got 1",
        "Calc.ping|[1]|Calc.ping takes no arguments but got 1",
      })
  void wrongNumberOfArgumentsIs400(String fn, String args, String message) {
    HttpResponse<String> response = rpc(app, fn, "{\"args\":" + args + "}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo(error("BadArguments", message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "anInt|\"12\"|int: got a string",
        "anInt|true|int: got a boolean",
        "anInt|1.5|int: got the number 1.5",
        "anInt|2.0|int: got the number 2.0",
        "anInt|null|int: got null",
        "anInt|3000000000|int: a number is out of range for int",
        "anInt|[1]|int: got an array",
        "aBoxedInt|\"1\"|Integer: got a string",
        "aLong|1.5|long: got the number 1.5",
        "aLong|\"12x\"|long: got a string",
        "aLong|\"99999999999999999999\"|long: got a string",
        "aLong|null|long: got null",
        "aDouble|\"1.5\"|double: got a string",
        "aBoolean|1|boolean: got the number 1",
        "aBoolean|\"true\"|boolean: got a string",
        "aString|7|String: got the number 7",
        "aString|false|String: got a boolean",
        "aString|{}|String: got an object",
        "aColor|\"PURPLE\"|Color: 'PURPLE' is not one of RED, GREEN, BLUE",
        "aColor|0|Color: got the number 0",
        "anItem|{\"name\":\"a\",\"count\":1,\"note\":null,\"extra\":2}|Item: unknown property"
            + " 'extra'",
        "anItem|{\"name\":\"a\",\"count\":\"1\",\"note\":null}|Item: at count: expected int, got a"
            + " string",
        "anItem|\"a\"|Item: got a string",
        "items|[{\"name\":\"a\",\"count\":1.5,\"note\":null}]|List<Item>: at [0].count: expected"
            + " int, got the number 1.5",
        "items|[{\"name\":\"a\",\"count\":1,\"note\":null,\"x\":1}]|List<Item>: unknown property"
            + " 'x' in [0]",
        "counts|{\"a\":\"1\"}|Map<String, Integer>: at a: expected Integer, got a string",
        "counts|[]|Map<String, Integer>: got an array",
        "maybe|5|Optional<String>: got the number 5",
        "aChar|65|char: got the number 65",
        "aChar|\"ab\"|char: got a string",
        "positive|{\"value\":-1}|Positive: Positive rejected the value: value must not be negative",
        "positive|{\"value\":\"-1\"}|Positive: at value: expected int, got a string",
        "ints|[1, \"2\"]|int[]: at [1]: expected int, got a string",
        "longs|[1, 2.5]|long[]: at [1]: expected long, got the number 2.5",
      })
  void argumentThatDoesNotConvertIs400(String fn, String arg, String problem) {
    HttpResponse<String> response = rpc(app, "Types." + fn, "{\"args\":[" + arg + "]}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(error("BadArguments", "Types." + fn + " parameter 'value' expects " + problem));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "anInt|-7|-7",
        "aBoxedInt|null|null",
        "aLong|12|12",
        "aLong|\"12\"|12",
        "aLong|\"9007199254740993\"|\"9007199254740993\"",
        "aLong|-9007199254740991|-9007199254740991",
        "aDouble|1|1.0",
        "aDouble|0.25|0.25",
        "aBoolean|true|true",
        "aString|\"h\u00e9llo \\\"q\\\"\"|\"h\u00e9llo \\\"q\\\"\"",
        "aString|null|null",
        "aColor|\"GREEN\"|\"GREEN\"",
        "anItem|{\"name\":\"a\",\"count\":2,\"note\":\"n\"}|{\"name\":\"a\",\"count\":2,\"note\":\"n\"}",
        "anItem|{\"name\":\"a\",\"count\":2,\"note\":null}|{\"name\":\"a\",\"count\":2,\"note\":null}",
        "items|[{\"name\":\"a\",\"count\":1,\"note\":null}]|[{\"name\":\"a\",\"count\":1,\"note\":null}]",
        "items|[]|[]",
        "counts|{\"a\":1,\"b\":2}|{\"a\":1,\"b\":2}",
        "maybe|\"x\"|\"x\"",
        "aChar|\"a\"|\"a\"",
        "positive|{\"value\":3}|{\"value\":3}",
        "maybe|null|null",
        "ints|[1,2,3]|[1,2,3]",
        "longs|[1,\"9007199254740993\"]|[1,\"9007199254740993\"]",
        "basket|{\"items\":[],\"colors\":{\"sky\":\"BLUE\"},\"ids\":[9007199254740993]}|{\"items\":[],\"colors\":{\"sky\":\"BLUE\"},\"ids\":[\"9007199254740993\"]}",
      })
  void valuesRoundTrip(String fn, String arg, String result) {
    HttpResponse<String> response = rpc(app, "Types." + fn, "{\"args\":[" + arg + "]}");
    assertThat(response.body()).isEqualTo("{\"result\":" + result + "}");
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void rpcExceptionIs422WithItsTypeAndMessage() {
    HttpResponse<String> response = rpc(app, "Calc.refuse", "{\"args\":[\"\"]}");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).isEqualTo(error("EmptyItem", "Write something first"));
  }

  @Test
  void rpcExceptionKeepsAnExplicitStatus() {
    HttpResponse<String> response = rpc(app, "Calc.teapot", "{\"args\":[]}");
    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.body()).isEqualTo(error("Teapot", "I'm a teapot"));
  }

  @Test
  void unexpectedExceptionIs500WithRequestIdAndNoDetails() {
    HttpResponse<String> response = rpc(app, "Calc.boom", "{\"args\":[]}");

    assertThat(response.statusCode()).isEqualTo(500);
    Matcher m =
        Pattern.compile(
                "\\{\"error\":\\{\"type\":\"ServerError\",\"message\":\"Calc.boom failed on the"
                    + " server \\(request id ([0-9a-f]{8})\\). The details are in the server"
                    + " log.\"}}")
            .matcher(response.body());
    assertThat(m.matches()).as(response.body()).isTrue();
    assertThat(response.body()).doesNotContain("hunter2").doesNotContain("Exception");
    assertThat(TestApps.serverLog())
        .contains("Calc.boom failed (request id " + m.group(1) + ")")
        .contains("java.lang.IllegalStateException: database password is hunter2");
  }

  @Test
  void serverKeepsServingAfterBadRequests() {
    assertThat(rpc(app, "Nope.nothing", "{\"args\":[]}").statusCode()).isEqualTo(404);
    assertThat(rpc(app, "Calc.add", "{\"args\":[").statusCode()).isEqualTo(400);
    assertThat(rpc(app, "Calc.boom", "{\"args\":[]}").statusCode()).isEqualTo(500);

    HttpResponse<String> response = rpc(app, "Calc.add", "{\"args\":[1]}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"result\":41}");
  }

  @Test
  void getOnTheRpcPathIsNotACall() {
    assertThat(TestApps.get(app, "/_violetear/rpc/Calc.ping").statusCode()).isIn(404, 405);
  }
}
