// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import dev.violetear.internal.model.EventHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every kind of hostile input against one running app, with a well-behaved client (an RPC caller
 * and a socket making realtime calls that call back into it) checked after each kind: each input
 * gets the error or close code a user would see, nothing malformed ever gets a 500 or reaches a
 * handler, and the well-behaved client notices nothing. A seeded corpus of malformed JSON goes to
 * both the RPC endpoint and the socket; what each case must get is worked out by a small model of
 * the protocol (see {@link #rpcOracle} and {@link #frameOracle}). The figures table printed at the
 * end counts inputs and outcomes per kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputSuiteTest {
  static final int MAX_BYTES = 65_536;
  static final int LIMIT = 100;

  /** Corpus frames per socket: below the burst of the rate limit, with room for a marker. */
  static final int BATCH = LIMIT - 10;

  static final long SEED = 20261125L;

  static final class Tally {
    static final ConcurrentMap<String, AtomicLong> totals = new ConcurrentHashMap<>();
    static final ConcurrentMap<String, AtomicLong> runs = new ConcurrentHashMap<>();
    static final Seen seen = new Seen();

    @Server.Rpc
    static long add(int n, String note) {
      return count(totals, ClientId.caller()).addAndGet(n);
    }

    @Server.Rpc
    static long total() {
      return count(totals, ClientId.caller()).get();
    }

    @Server.Rpc
    static String whoAmI() {
      return ClientId.caller().value();
    }

    /** Adds to the caller's total, then tells the caller's browsers the new total. */
    @Server.Realtime
    static void bump(int n, String note) {
      App.current()
          .clients()
          .to(ClientId.caller())
          .invoke(Tally::bumped, count(totals, ClientId.caller()).addAndGet(n));
    }

    /** Counts a run, and nothing else: the corpus calls it. */
    @Server.Realtime
    static void poke(int n, String note) {
      count(runs, ClientId.caller()).incrementAndGet();
    }

    @Server.On("tick")
    static void tick(ClientId from, int n) {
      count(runs, from).incrementAndGet();
    }

    @Server.On("disconnect")
    static void gone(ClientId id) {
      seen.add(id, "disconnect");
    }

    @Client.Realtime
    static void bumped(long total) {}

    static AtomicLong count(ConcurrentMap<String, AtomicLong> map, ClientId id) {
      return map.computeIfAbsent(id.value(), k -> new AtomicLong());
    }

    static long runsOf(String id) {
      AtomicLong n = runs.get(id);
      return n == null ? 0 : n.get();
    }
  }

  App app;
  static Good good;

  /** Per class of hostile input, the outcomes and how often each was seen. */
  static final Map<String, Map<String, Integer>> figures = new TreeMap<>();

  @BeforeAll
  void start() throws IOException {
    app =
        TestApps.start(
            c -> c.maxRequestBytes(MAX_BYTES).maxMessagesPerSecond(LIMIT),
            a -> a.register(Tally.class));
    good = new Good();
    good.check("the start");
  }

  @AfterAll
  void stop() {
    try {
      if (good != null) {
        good.socket.close();
      }
      if (app != null) {
        app.stop();
      }
    } finally {
      printFigures();
    }
  }

  /** After every class of hostile input: the well-behaved client still works, and no errors. */
  @AfterEach
  void theWellBehavedClientIsUnaffected() {
    good.check("a class of hostile input");
    assertThat(TestApps.serverLog())
        .as("the server log of this class of hostile input")
        .doesNotContain(" ERROR ");
  }

  // ---- the corpus
  // --------------------------------------------------------------------------------

  @Test
  void malformedJsonAsRpcBodies() {
    String cookie = TestApps.issueCookie(app);
    long total = 0;
    List<MalformedJson.Case> corpus =
        new MalformedJson(SEED, MAX_BYTES)
            .from(
                List.of(
                    "{\"args\":[7,\"note\"]}",
                    "{\"args\":[-12,\"a\\\"b\\u00e9\"],\"x\":1}",
                    "{ \"args\" : [ 2147483647 , null ] }"),
                false);
    assertThat(corpus).hasSizeGreaterThan(500);
    int n = 0;
    for (MalformedJson.Case c : corpus) {
      Expected expected = rpcOracle(c.bytes());
      HttpResponse<String> response =
          TestApps.send(
              HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Tally.add"))
                  .header("Content-Type", "application/json")
                  .header("Cookie", "violetear_client=" + cookie)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(c.bytes())));
      assertThat(response.statusCode()).as(c.toString()).isEqualTo(expected.status());
      JsonNode body = TestSocket.json(response.body());
      if (expected.type() == null) {
        total += rpcArgs(c.bytes()).get(0).asInt();
        assertThat(body).as(c.toString()).isEqualTo(TestSocket.json("{\"result\":" + total + "}"));
      } else {
        assertThat(body.path("error").path("type").asText())
            .as(c.toString())
            .isEqualTo(expected.type());
        assertThat(body.path("error").path("message").asText())
            .as(c.toString())
            .startsWith(expected.message());
      }
      count(
          "RPC body: " + c.kind(),
          expected.status() + (expected.type() == null ? "" : " " + expected.type()));
      if (++n % 100 == 0) {
        good.check("100 malformed RPC bodies");
      }
    }
  }

  @Test
  void malformedJsonAsSocketFrames() {
    String cookie = TestApps.issueCookie(app);
    String id = TestApps.idOf(cookie);
    MalformedJson generator = new MalformedJson(SEED + 1, MAX_BYTES);
    List<MalformedJson.Case> corpus = new ArrayList<>();
    corpus.addAll(
        generator.from(
            List.of(
                "{\"t\":\"call\",\"fn\":\"Tally.poke\",\"args\":[7,\"note\"],\"seq\":1}",
                "{\"t\":\"emit\",\"event\":\"tick\",\"data\":3,\"seq\":1}"),
            true));
    assertThat(corpus).hasSizeGreaterThan(500);
    SocketModel model = null;
    RawSocket socket = null;
    long expectedRuns = 0;
    try {
      for (MalformedJson.Case c : corpus) {
        // A fresh socket (own rate budget, own page session) every batch, and after a mutated seq
        // that skipped ahead closed the last one.
        if (socket == null || model.sent >= BATCH) {
          if (socket != null) {
            expectedRuns += endBatch(socket, model);
            good.check("a batch of malformed frames");
          }
          socket = RawSocket.open(app, "Cookie", "violetear_client=" + cookie);
          assertThat(socket.next()).contains("\"t\":\"welcome\"");
          model = new SocketModel();
        }
        // Each frame gets the next seq of this socket, so that only mutated seqs are resends.
        String text = c.text().replace("\"seq\":1}", "\"seq\":" + (model.lastSeq + 1) + "}");
        List<ExpectedFrame> expected = frameOracle(text, model);
        model.sent++;
        assertThat(socket.send(text)).as(c.toString()).isTrue();
        if (expected.equals(List.of(SKIPS_AHEAD))) {
          assertThat(socket.closeStatus()).as(c.toString()).isEqualTo(1002);
          assertThat(socket.closeReason()).as(c.toString()).contains(" skips ahead: expected seq ");
          expectedRuns += model.runs;
          socket.close();
          socket = null;
        }
        for (ExpectedFrame e : expected) {
          if (e != SKIPS_AHEAD) {
            e.check(TestSocket.json(socket.next()), c.toString());
          }
        }
        count(
            "socket frame: " + c.kind(),
            expected.isEmpty()
                ? "processed, no reply"
                : socket == null
                    ? "socket closed with 1002, not run"
                    : expected.stream()
                        .map(ExpectedFrame::describe)
                        .reduce((a, b) -> a + " + " + b)
                        .get());
      }
      if (socket != null) {
        expectedRuns += endBatch(socket, model);
      }
    } finally {
      if (socket != null) {
        socket.close();
      }
    }
    // Exactly the frames the model accepted reached a handler, each once.
    long runs = expectedRuns;
    await().atMost(Duration.ofSeconds(10)).until(() -> Tally.runsOf(id) >= runs);
    assertThat(Tally.runsOf(id)).isEqualTo(runs);
  }

  /**
   * Ends a corpus socket: a marker frame's ack must come next (nothing unexpected was left), then a
   * clean close. Returns the handler runs the batch should have caused.
   */
  private static long endBatch(RawSocket socket, SocketModel model) {
    long marker = Math.max(model.lastSeq, 0) + 1;
    socket.send(
        frame("t", "call", "fn", "Tally.poke", "args", List.of(0, "marker"), "seq", marker)
            .toString());
    assertThat(TestSocket.json(socket.next())).isEqualTo(frame("t", "ack", "seq", marker));
    socket.closeCleanly();
    return model.runs + 1;
  }

  // ---- classes of hostile input
  // --------------------------------------------------------------------

  @Test
  void unknownFrameTypes() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      long seq = 0;
      for (String type :
          List.of(
              "\"x\"",
              "\"\"",
              "\"CALL\"",
              "\"welcome\"",
              "\"invoke\"",
              "\"error\"",
              "1",
              "null",
              "true",
              "[]",
              "{}")) {
        seq++;
        s.send("{\"t\":" + type + ",\"fn\":\"Tally.poke\",\"args\":[1,\"x\"],\"seq\":" + seq + "}");
        JsonNode error = s.next();
        assertThat(error.get("type").asText()).as(type).isEqualTo("BadFrame");
        assertThat(error.get("seq").asLong()).isEqualTo(seq);
        assertThat(error.get("message").asText()).as(type).startsWith("unknown frame type ");
        s.expectAck(seq);
        count("unknown frame type", "BadFrame error + ack");
      }
      assertThat(Tally.runsOf(s.id())).isZero();
    }
  }

  @Test
  void unknownFunctions() throws IOException, InterruptedException {
    for (String fn :
        List.of(
            "Nope.nope",
            "Tally.missing",
            "Tally.bump",
            "Tally",
            "x".repeat(5000),
            "T%C3%A4lly.add",
            "Tally.add%20")) {
      HttpResponse<String> response = TestApps.rpc(app, fn, "{\"args\":[]}");
      assertThat(response.statusCode()).as(fn).isEqualTo(404);
      assertThat(TestSocket.json(response.body()).at("/error/type").asText())
          .isEqualTo("UnknownFunction");
      count("unknown function (RPC)", "404 UnknownFunction");
    }
    // Jetty refuses a NUL in the path before the request reaches the app, and drops the
    // connection, so this one goes on a connection of its own.
    HttpResponse<String> nul =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Tally.add%00"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(nul.statusCode()).isEqualTo(400);
    count("unknown function (RPC)", "400 from Jetty: " + nul.body().lines().findFirst().orElse(""));
    assertThat(TestApps.rpc(app, "Nope.nope", "{\"args\":[]}").body())
        .isEqualTo(
            TestApps.error(
                "UnknownFunction",
                "There is no function 'Nope.nope' on the server: annotate a static method with"
                    + " @Server.Rpc and register its class with app.register(Nope.class)"));
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      long seq = 0;
      for (String fn : List.of("Nope.nope", "Tally.add", "Tally.whoAmI", "", "x".repeat(5000))) {
        s.call(++seq, fn, 1, "x");
        JsonNode error = s.next();
        assertThat(error.get("type").asText()).as(fn).isEqualTo("UnknownFunction");
        assertThat(error.get("message").asText()).hasSizeLessThan(400);
        s.expectAck(seq);
        count("unknown function (socket)", "UnknownFunction error + ack");
      }
    }
  }

  @Test
  void wrongArgumentCountsAndTypes() {
    String cookie = TestApps.issueCookie(app);
    String[][] cases = {
      {"[]", "Tally.add takes 2 arguments (int n, String note) but got 0"},
      {"[1]", "Tally.add takes 2 arguments (int n, String note) but got 1"},
      {"[1,\"a\",2]", "Tally.add takes 2 arguments (int n, String note) but got 3"},
      {"[\"1\",\"a\"]", "Tally.add parameter 'n' expects int: got a string"},
      {"[1.5,\"a\"]", "Tally.add parameter 'n' expects int: got the number 1.5"},
      {"[null,\"a\"]", "Tally.add parameter 'n' expects int: got null"},
      {
        "[2147483648,\"a\"]",
        "Tally.add parameter 'n' expects int: a number is out of range for int"
      },
      {"[1,2]", "Tally.add parameter 'note' expects String: got the number 2"},
      {"[1,[\"a\"]]", "Tally.add parameter 'note' expects String: got an array"},
      {"[1,{}]", "Tally.add parameter 'note' expects String: got an object"},
    };
    for (String[] c : cases) {
      HttpResponse<String> response =
          TestApps.rpc(
              app, "Tally.add", "{\"args\":" + c[0] + "}", "Cookie", "violetear_client=" + cookie);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(response.body()).as(c[0]).isEqualTo(TestApps.error("BadArguments", c[1]));
      count("wrong arguments (RPC)", "400 BadArguments");
    }
    try (TestSocket s = TestSocket.welcomed(app, cookie)) {
      long seq = 0;
      for (String[] c : cases) {
        seq++;
        s.send("{\"t\":\"call\",\"fn\":\"Tally.poke\",\"args\":" + c[0] + ",\"seq\":" + seq + "}");
        s.expect(
            frame(
                "t",
                "error",
                "type",
                "BadArguments",
                "message",
                c[1].replace("Tally.add", "Tally.poke"),
                "seq",
                seq));
        s.expectAck(seq);
        count("wrong arguments (socket call)", "BadArguments error + ack");
      }
      for (String data : List.of("\"1\"", "1.5", "null", "[1]", "{\"n\":1}")) {
        seq++;
        s.send("{\"t\":\"emit\",\"event\":\"tick\",\"data\":" + data + ",\"seq\":" + seq + "}");
        JsonNode error = s.next();
        assertThat(error.get("type").asText()).isEqualTo("BadData");
        assertThat(error.get("message").asText())
            .startsWith("Event 'tick': Tally.tick parameter 'n' expects int: ");
        s.expectAck(seq);
        count("wrong data (socket emit)", "BadData error + ack");
      }
      assertThat(Tally.runsOf(s.id())).isZero();
    }
    // None of it touched the caller's total.
    assertUntouched(cookie);
  }

  @Test
  void oversizePayloads() {
    byte[] big =
        ("{\"args\":[1,\"" + "x".repeat(MAX_BYTES) + "\"]}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> declared =
        TestApps.send(
            HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Tally.add"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    HttpResponse<String> chunked =
        TestApps.send(
            HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Tally.add"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    for (HttpResponse<String> response : List.of(declared, chunked)) {
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body())
          .isEqualTo(
              TestApps.error(
                  "PayloadTooLarge",
                  "The body of the call to Tally.add is larger than 65536 bytes, the limit set by"
                      + " AppConfig.maxRequestBytes"));
      count("oversize RPC body (declared, chunked)", "413 PayloadTooLarge");
    }

    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.call(1, "Tally.poke", 1, "x".repeat(MAX_BYTES));
      assertThat(s.closeStatus()).isEqualTo(1009);
      count("oversize socket frame", "close 1009");
    }
    // The same size in fragments of one message.
    try (ByteSocket s = ByteSocket.open(app, null)) {
      byte[] half =
          ("{\"t\":\"emit\",\"event\":\"tick\",\"data\":\"" + "x".repeat(MAX_BYTES / 2))
              .getBytes(StandardCharsets.UTF_8);
      s.send(false, ByteSocket.TEXT, half);
      s.send(true, ByteSocket.CONTINUATION, half);
      assertThat(s.awaitCloseCode()).isEqualTo(1009);
      count("oversize socket frame", "close 1009");
    }
  }

  @Test
  void hostileOrigins() {
    String cookie = TestApps.issueCookie(app);
    for (String origin :
        List.of(
            "https://evil.example",
            "null",
            "http://localhost:" + (app.port() + 1),
            "http://127.0.0.1:" + app.port(),
            "https://localhost:" + app.port(),
            "javascript:alert(1)",
            "x".repeat(3000))) {
      HttpResponse<String> response =
          TestApps.rpc(
              app,
              "Tally.add",
              "{\"args\":[1000,\"stolen\"]}",
              "Origin",
              origin,
              "Cookie",
              "violetear_client=" + cookie);
      assertThat(response.statusCode()).as(origin).isEqualTo(403);
      assertThat(TestSocket.json(response.body()).at("/error/type").asText())
          .isEqualTo("ForbiddenOrigin");
      assertThat(TestApps.clientCookie(response)).isNull();
      count("hostile origin (RPC)", "403 ForbiddenOrigin");

      assertThatThrownBy(
              () -> RawSocket.open(app, "Origin", origin, "Cookie", "violetear_client=" + cookie))
          .as(origin)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
      count("hostile origin (socket upgrade)", "403 ForbiddenOrigin, no socket");
    }
    assertUntouched(cookie);
  }

  @Test
  void binaryAndUndecodableFrames() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.sendBinary(ByteBuffer.wrap("{\"t\":\"call\"}".getBytes(StandardCharsets.UTF_8)));
      assertThat(s.closeStatus()).isEqualTo(1003);
      count("binary frame", "close 1003");
    }
    try (ByteSocket s = ByteSocket.open(app, null)) {
      s.send(false, ByteSocket.BINARY, new byte[] {1, 2});
      s.send(true, ByteSocket.CONTINUATION, new byte[] {3});
      assertThat(s.awaitCloseCode()).isEqualTo(1003);
      count("binary frame", "close 1003");
    }
    try (ByteSocket s = ByteSocket.open(app, null)) {
      s.send(true, ByteSocket.RESERVED, new byte[] {1});
      assertThat(s.awaitCloseCode()).isEqualTo(1002);
      count("reserved opcode", "close 1002");
    }
    // Text frames must be UTF-8; the model of the corpus cannot send these through a client API.
    String frame = "{\"t\":\"emit\",\"event\":\"tick\",\"data\":\"ab\",\"seq\":1}";
    for (MalformedJson.Case c : new MalformedJson(SEED, MAX_BYTES).invalidUtf8(frame)) {
      try (ByteSocket s = ByteSocket.open(app, null)) {
        s.send(true, ByteSocket.TEXT, c.bytes());
        assertThat(s.awaitCloseCode()).as(c.toString()).isEqualTo(1007);
        count("socket frame: invalid UTF-8", "close 1007");
      }
    }
  }

  @Test
  void invalidUtf8InAnRpcBodyIsRefusedAsTheSocketRefusesIt() {
    // Jackson alone would read 0xC0 0xAF as '/' and 0xF4 0x90 0x80 0x80 as two surrogates.
    for (byte[] bad :
        List.of(
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
      byte[] start = "{\"args\":[1,\"".getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[start.length + bad.length + 3];
      System.arraycopy(start, 0, body, 0, start.length);
      System.arraycopy(bad, 0, body, start.length, bad.length);
      System.arraycopy(
          "\"]}".getBytes(StandardCharsets.UTF_8), 0, body, start.length + bad.length, 3);
      HttpResponse<String> response =
          TestApps.send(
              HttpRequest.newBuilder(TestApps.uri(app, "/_violetear/rpc/Tally.add"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body())
          .isEqualTo(
              TestApps.error("BadRequest", "The body of the call to Tally.add is not valid UTF-8"));
      count("RPC body: overlong or out-of-range UTF-8", "400 BadRequest");
    }
  }

  @Test
  void forgedOrAnotherClientsId() {
    String goodId = TestApps.idOf(good.cookie);
    String signature = good.cookie.substring(good.cookie.indexOf('.') + 1);
    String mine = TestApps.issueCookie(app);
    String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
    String otherId = (goodId.charAt(0) == 'A' ? "B" : "A") + goodId.substring(1);
    List<String> forged =
        List.of(
            goodId, // unsigned
            goodId + ".", // empty signature
            goodId + "." + flipped, // tampered signature
            goodId + "." + swapCase(signature), // equal to the good cookie but for case
            goodId + "." + mine.substring(mine.indexOf('.') + 1), // another client's signature
            otherId + "." + signature, // tampered id
            goodId + "." + signature + ".x",
            "." + signature,
            goodId + "." + signature.substring(0, signature.length() - 1),
            "");
    for (String cookie : forged) {
      HttpResponse<String> who =
          TestApps.rpc(
              app, "Tally.whoAmI", "{\"args\":[]}", "Cookie", "violetear_client=" + cookie);
      assertThat(who.statusCode()).as(cookie).isEqualTo(200);
      String replacement = TestApps.clientCookie(who);
      assertThat(replacement).as(cookie).isNotNull();
      assertThat(who.body())
          .as(cookie)
          .isEqualTo("{\"result\":\"" + TestApps.idOf(replacement) + "\"}")
          .doesNotContain(goodId);
      HttpResponse<String> add =
          TestApps.rpc(
              app,
              "Tally.add",
              "{\"args\":[1000,\"stolen\"]}",
              "Cookie",
              "violetear_client=" + cookie);
      assertThat(add.body()).as(cookie).isEqualTo("{\"result\":1000}");
      count("forged client id (RPC)", "200 as a fresh client, new cookie");

      try (TestSocket s = TestSocket.welcomed(app, cookie, good.session)) {
        assertThat(s.id()).as(cookie).isNotEqualTo(goodId);
        // Nor does it resume the good client's page session by naming it.
        assertThat(s.lastSeq()).isZero();
        s.call(1, "Tally.bump", 1000, "stolen");
        s.expect(frame("t", "invoke", "fn", "Tally.bumped", "args", List.of(1000)));
        s.expectAck(1);
        count("forged client id (socket)", "welcome as a fresh client, session not resumed");
      }
    }
  }

  @Test
  void anotherClientsPageSession() {
    String intruder = TestApps.issueCookie(app);
    try (TestSocket s = TestSocket.welcomed(app, intruder, good.session)) {
      assertThat(s.id()).isEqualTo(TestApps.idOf(intruder));
      assertThat(s.lastSeq()).isZero();
      // Its seqs are its own: 1 runs although the good client's session has passed it.
      s.call(1, "Tally.poke", 1, "x").expectAck(1);
      assertThat(Tally.runsOf(s.id())).isEqualTo(1);
      count("another client's page session", "welcome lastSeq 0, own session");
    }
    // A page session name that is not one is replaced by a fresh session.
    for (String session :
        List.of("../" + good.session, good.session + "%00", "a", "x".repeat(65))) {
      try (TestSocket s = TestSocket.welcomed(app, good.cookie, session)) {
        assertThat(s.lastSeq()).as(session).isZero();
        count("malformed page session id", "welcome lastSeq 0, fresh session");
      }
    }
  }

  @Test
  void replayedSequenceNumbers() {
    String cookie = TestApps.issueCookie(app);
    String id = TestApps.idOf(cookie);
    String session = "replay-" + System.nanoTime();
    try (TestSocket s = TestSocket.welcomed(app, cookie, session)) {
      s.call(1, "Tally.poke", 1, "a").expectAck(1);
      s.call(2, "Tally.poke", 1, "b").expectAck(2);
      // Replays: the same seq again, an older one, and the last one for another frame, which is
      // not even checked.
      s.call(1, "Tally.poke", 1, "a").expectAck(1);
      s.call(2, "Tally.poke", 1, "late").expectAck(2);
      s.emit(2, "tick", 1).expectAck(2);
      s.call(2, "Tally.nope").expectAck(2);
      for (int i = 0; i < 4; i++) {
        count("replayed seq", "ack again, not run");
      }
      // A seq beyond a long cannot be remembered, so such a frame is refused rather than run on
      // every resend.
      for (int i = 0; i < 2; i++) {
        s.send(
            "{\"t\":\"call\",\"fn\":\"Tally.poke\",\"args\":[1,\"x\"],\"seq\":9223372036854775808}");
        s.expect(
            TestSocket.badFrame(
                "the frame's 'seq' is out of range, got the number 9223372036854775808"));
        count("replayed seq (beyond a long)", "BadFrame error, not run");
      }
      s.call(3, "Tally.poke", 1, "c").expectAck(3);
      // The largest seq would make every later frame of the page look like a resend.
      s.call(Long.MAX_VALUE, "Tally.poke", 1, "max");
      assertThat(s.closeStatus()).isEqualTo(1002);
      count("seq that skips ahead (Long.MAX_VALUE)", "socket closed with 1002, not run");
    }
    await().until(() -> Tally.seen.of(id).contains("disconnect"));
    try (TestSocket again = TestSocket.welcomed(app, cookie, session)) {
      assertThat(again.lastSeq()).isEqualTo(3);
      for (long seq = 1; seq <= 3; seq++) {
        again.call(seq, "Tally.poke", 1, "resent").expectAck(seq);
        count("replayed seq (after a reconnect)", "ack again, not run");
      }
      again.call(4, "Tally.poke", 1, "new").expectAck(4);
      again.call(6, "Tally.poke", 1, "gap");
      assertThat(again.closeStatus()).isEqualTo(1002);
      count("seq that skips one", "socket closed with 1002, not run");
    }
    await().until(() -> Tally.seen.of(id).stream().filter("disconnect"::equals).count() == 2);
    assertThat(Tally.runsOf(id)).isEqualTo(4);
  }

  @Test
  void floods() {
    try (RawSocket flooder = RawSocket.open(app)) {
      String id = TestSocket.json(flooder.next()).get("clientId").asText();
      long started = System.nanoTime();
      int sent =
          flooder.floodUntilClosed(
              seq ->
                  frame("t", "call", "fn", "Tally.poke", "args", List.of(seq - 1, "f"), "seq", seq)
                      .toString(),
              LIMIT,
              20 * LIMIT,
              Duration.ofMillis(2));
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(flooder.closeStatus()).isEqualTo(1008);
      await().atMost(Duration.ofSeconds(10)).until(() -> Tally.seen.of(id).contains("disconnect"));
      long acks =
          flooder.received().stream()
              .map(TestSocket::json)
              .filter(f -> f.path("t").asText().equals("ack"))
              .count();
      // Nothing beyond the budget ran: the burst plus what the rate refilled. Every ack stands for
      // a run; the last runs may have lost their acks to the close.
      assertThat(Tally.runsOf(id))
          .isGreaterThanOrEqualTo(acks)
          .isLessThanOrEqualTo((long) (LIMIT + LIMIT * seconds) + 1)
          .isLessThan(sent);
      count("flood (" + sent + " frames)", "close 1008, " + Tally.runsOf(id) + " ran");
    }
  }

  // ---- the model of the protocol ---------------------------------------------------------------

  record Expected(int status, String type, String message) {}

  /** The parser the server is specified to have: strict, with the limits of WireJson. */
  static final JsonMapper REFERENCE =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    REFERENCE
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(100)
                .maxStringLength(MAX_BYTES)
                .build());
  }

  /** What {@code POST /_violetear/rpc/Tally.add} must answer to {@code body}. */
  static Expected rpcOracle(byte[] body) {
    String prefix = "The body of the call to Tally.add";
    if (body.length > MAX_BYTES) {
      return new Expected(413, "PayloadTooLarge", prefix + " is larger than");
    }
    if (body.length == 0) {
      return new Expected(400, "BadRequest", prefix + " is empty");
    }
    if (!isUtf8(body)) {
      return new Expected(400, "BadRequest", prefix + " is not valid UTF-8");
    }
    JsonNode root;
    try {
      root = REFERENCE.readTree(body);
    } catch (IOException e) {
      return new Expected(400, "BadRequest", prefix + " " + parseFailure(e));
    }
    if (root == null || !root.isObject()) {
      return new Expected(400, "BadRequest", prefix + " must be a JSON object");
    }
    JsonNode args = root.get("args");
    if (args == null) {
      return new Expected(400, "BadRequest", prefix + " has no 'args' array");
    }
    if (!args.isArray()) {
      return new Expected(400, "BadRequest", prefix + " must have an array 'args'");
    }
    String problem = argumentProblem(args, "Tally.add");
    return problem == null
        ? new Expected(200, null, null)
        : new Expected(400, "BadArguments", problem);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static JsonNode rpcArgs(byte[] body) {
    try {
      return REFERENCE.readTree(body).get("args");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** How the start of the server's message names a failed parse. */
  private static String parseFailure(IOException e) {
    Throwable t = e;
    while (t != null && !(t instanceof StreamConstraintsException)) {
      t = t.getCause();
    }
    if (t == null) {
      return "is not valid JSON";
    }
    String message = t.getMessage();
    if (message.contains("nesting depth")) {
      return "is nested deeper than 64 levels";
    }
    if (message.contains("Number value length")) {
      return "has a number longer than 100 digits";
    }
    return message.contains("Name length")
        ? "has a property name longer than 50000 characters"
        : "has a string longer";
  }

  /** Null when {@code args} fit {@code (int n, String note)}, or the start of the error. */
  private static String argumentProblem(JsonNode args, String fn) {
    if (args.size() != 2) {
      return fn + " takes 2 arguments (int n, String note) but got " + args.size();
    }
    if (!args.get(0).isInt()) {
      return fn + " parameter 'n' expects int: ";
    }
    JsonNode note = args.get(1);
    return note.isTextual() || note.isNull() ? null : fn + " parameter 'note' expects String: ";
  }

  private static final Pattern TRAILING_SEQ = Pattern.compile("\"seq\":([0-9]{1,18})}$");

  /** The oracle's answer to a seq that skips ahead: the server closes the socket with 1002. */
  static final ExpectedFrame SKIPS_AHEAD = new ExpectedFrame("close", null, null, "1002");

  /** What a corpus socket has done so far. */
  static final class SocketModel {
    long lastSeq;
    int sent;
    long runs;
  }

  /** A frame the server must send: its type, and for errors the type, seq and message start. */
  record ExpectedFrame(String t, String type, Long seq, String message) {
    void check(JsonNode actual, String input) {
      assertThat(actual.path("t").asText()).as(input + " -> " + actual).isEqualTo(t);
      if (t.equals("invoke")) {
        return;
      }
      assertThat(actual.has("seq") ? actual.get("seq").asLong() : null)
          .as(input + " -> " + actual)
          .isEqualTo(seq);
      if (t.equals("error")) {
        assertThat(actual.path("type").asText()).as(input + " -> " + actual).isEqualTo(type);
        assertThat(actual.path("message").asText()).as(input + " -> " + actual).startsWith(message);
      }
    }

    String describe() {
      return t.equals("error") ? type + " error" + (seq == null ? " (no seq)" : "") : t;
    }
  }

  /** The frames the server must answer {@code text} with, updating the socket's model. */
  static List<ExpectedFrame> frameOracle(String text, SocketModel model) {
    JsonNode frame;
    try {
      frame = REFERENCE.readTree(text);
    } catch (IOException e) {
      // A frame that still ends with its seq is answered under that seq, as if it had run.
      Matcher tail = TRAILING_SEQ.matcher(text);
      if (!tail.find()) {
        return List.of(badFrame("the frame " + parseFailure(e), null));
      }
      long seq = Long.parseLong(tail.group(1));
      if (seq <= model.lastSeq) {
        return List.of(new ExpectedFrame("ack", null, seq, null));
      }
      if (seq > model.lastSeq + 1) {
        return List.of(SKIPS_AHEAD);
      }
      model.lastSeq = seq;
      return List.of(
          badFrame("the frame " + parseFailure(e), seq), new ExpectedFrame("ack", null, seq, null));
    }
    if (frame == null || !frame.isObject()) {
      return List.of(badFrame("the frame must be a JSON object", null));
    }
    JsonNode seqNode = frame.get("seq");
    if (seqNode != null && !seqNode.canConvertToExactIntegral()) {
      return List.of(badFrame("the frame's 'seq' must be a whole number", null));
    }
    if (seqNode != null && !seqNode.canConvertToLong()) {
      return List.of(badFrame("the frame's 'seq' is out of range", null));
    }
    Long seq = seqNode == null ? null : seqNode.asLong();
    if (seq != null && seq <= model.lastSeq) {
      return List.of(new ExpectedFrame("ack", null, seq, null));
    }
    if (seq != null && seq > model.lastSeq + 1) {
      return List.of(SKIPS_AHEAD);
    }
    List<ExpectedFrame> out = new ArrayList<>();
    ExpectedFrame error = frameError(frame, model, out);
    if (error != null) {
      out.add(new ExpectedFrame("error", error.type(), seq, error.message()));
    }
    if (seq != null) {
      model.lastSeq = seq;
      out.add(new ExpectedFrame("ack", null, seq, null));
    }
    return out;
  }

  private static ExpectedFrame frameError(
      JsonNode frame, SocketModel model, List<ExpectedFrame> out) {
    JsonNode t = frame.get("t");
    if (t == null) {
      return badFrame("the frame has no type 't'", null);
    }
    if (t.isTextual() && t.asText().equals("call")) {
      JsonNode fn = frame.get("fn");
      if (fn == null || !fn.isTextual()) {
        return badFrame("the call frame must name its function in 'fn'", null);
      }
      String name = fn.asText();
      if (!name.equals("Tally.poke") && !name.equals("Tally.bump")) {
        return new ExpectedFrame("error", "UnknownFunction", null, "There is no function '");
      }
      JsonNode args = frame.get("args");
      if (args == null || !args.isArray()) {
        return badFrame("the call of " + name + " must have an array 'args'", null);
      }
      String problem = argumentProblem(args, name);
      if (problem != null) {
        return new ExpectedFrame("error", "BadArguments", null, problem);
      }
      if (name.equals("Tally.bump")) {
        out.add(new ExpectedFrame("invoke", null, null, null));
      } else {
        model.runs++;
      }
      return null;
    }
    if (t.isTextual() && t.asText().equals("emit")) {
      JsonNode event = frame.get("event");
      if (event == null || !event.isTextual() || event.asText().isEmpty()) {
        return badFrame("the emit frame must name its event in 'event'", null);
      }
      if (EventHandler.isLifecycle(event.asText())) {
        return new ExpectedFrame("error", "ReservedEvent", null, "browsers cannot emit");
      }
      if (!event.asText().equals("tick")) {
        return null;
      }
      JsonNode data = frame.has("data") ? frame.get("data") : NullNode.getInstance();
      if (!data.isInt()) {
        return new ExpectedFrame(
            "error", "BadData", null, "Event 'tick': Tally.tick parameter 'n' expects int: ");
      }
      model.runs++;
      return null;
    }
    return badFrame("unknown frame type ", null);
  }

  private static ExpectedFrame badFrame(String message, Long seq) {
    return new ExpectedFrame("error", "BadFrame", seq, message);
  }

  // ---- the well-behaved client and the figures -------------------------------------------------

  /** An RPC caller and a socket of one client, whose every effect is checked. */
  final class Good {
    final String cookie = TestApps.issueCookie(app);
    final String session = "good-page-" + Long.toHexString(SEED);
    final TestSocket socket = TestSocket.welcomed(app, cookie, session);
    long seq;
    long total;

    /** A realtime call that calls back, then RPC calls that read what it did. */
    void check(String after) {
      total += 1;
      seq++;
      socket.call(seq, "Tally.bump", 1, "good");
      socket.expect(frame("t", "invoke", "fn", "Tally.bumped", "args", List.of(total)));
      socket.expectAck(seq);
      total += 2;
      HttpResponse<String> add =
          TestApps.rpc(
              app,
              "Tally.add",
              "{\"args\":[2,\"good\"]}",
              "Cookie",
              "violetear_client=" + cookie,
              "Origin",
              "http://localhost:" + app.port());
      assertThat(add.statusCode()).as("the well-behaved client after " + after).isEqualTo(200);
      assertThat(add.body())
          // A Set-Cookie here would say the server took the cookie for a forged one.
          .as("the well-behaved client after %s (answer headers %s)", after, add.headers().map())
          .isEqualTo("{\"result\":" + total + "}");
      assertThat(
              TestApps.rpc(
                      app, "Tally.total", "{\"args\":[]}", "Cookie", "violetear_client=" + cookie)
                  .body())
          .isEqualTo("{\"result\":" + total + "}");
      count("(well-behaved client checks)", "all passed");
    }
  }

  static void count(String kind, String outcome) {
    synchronized (figures) {
      figures.computeIfAbsent(kind, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }
  }

  static void printFigures() {
    StringBuilder out = new StringBuilder("\nHostile input suite: figures (seed " + SEED + ")\n");
    out.append(String.format("%-44s %6s  %s%n", "class", "sent", "outcome (count)"));
    int all = 0;
    synchronized (figures) {
      for (Map.Entry<String, Map<String, Integer>> e : figures.entrySet()) {
        int sent = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
        all += e.getKey().startsWith("(") ? 0 : sent;
        StringBuilder outcomes = new StringBuilder();
        e.getValue()
            .forEach(
                (o, n) ->
                    outcomes
                        .append(outcomes.length() == 0 ? "" : "; ")
                        .append(o)
                        .append(" (")
                        .append(n)
                        .append(')'));
        out.append(String.format("%-44s %6d  %s%n", e.getKey(), sent, outcomes));
      }
    }
    out.append(String.format("%-44s %6d%n", "total hostile inputs", all));
    System.out.print(out);
  }

  private static String swapCase(String s) {
    StringBuilder swapped = new StringBuilder(s.length());
    s.chars()
        .forEach(
            c ->
                swapped.append(
                    (char)
                        (Character.isUpperCase(c)
                            ? Character.toLowerCase(c)
                            : Character.toUpperCase(c))));
    return swapped.toString();
  }

  /** Asserts that nothing hostile reached the total of the client with {@code cookie}. */
  private void assertUntouched(String cookie) {
    assertThat(
            TestApps.rpc(
                    app, "Tally.total", "{\"args\":[]}", "Cookie", "violetear_client=" + cookie)
                .body())
        .isEqualTo("{\"result\":0}");
  }
}
