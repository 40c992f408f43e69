// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.violetear.ClientId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket client for tests: a recorder that puts every text frame from the server on a queue,
 * and {@code next()} takes them in order under a generous timeout (never a sleep).
 */
final class TestSocket implements WebSocket.Listener, AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 10;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  // Queued in place of a text frame when a pong arrives; text frames are JSON objects.
  private static final String PONG = "pong ";

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket ws;
  private String id;

  private final AtomicInteger pings = new AtomicInteger();
  private long lastSeq;
  // The seq of the last invoke or emit read; each must follow the one before.
  private long lastReceived;
  // Set by autoAck: acknowledge every ACK_EVERY numbered frames as they arrive, as pages do.
  private volatile boolean isAutoAck;
  private long arrivedSeq;
  // Set by stopReading: the socket no longer asks for frames, so TCP backs up to the server.
  private volatile boolean isPaused;
  private static final int ACK_EVERY = 64;
  // A frame nextAck looked at without taking it, so that the test still reads it.
  private JsonNode peeked;
  // The ack an invoke or emit carried that no expectAck has taken yet; 0 when none.
  private long untakenAck;

  private TestSocket() {}

  /** The last seq of its page session the server had processed, from the welcome frame. */
  long lastSeq() {
    return lastSeq;
  }

  /**
   * Opens a socket to {@code app}; {@code cookie} is the {@code violetear_client} value or null.
   */
  static TestSocket open(App app, String cookie) {
    return open(app, cookie, null);
  }

  /** Opens a socket that names its page session, as violetear.js does, to resume it later. */
  static TestSocket open(App app, String cookie, String session) {
    return open(app, cookie, session, -1);
  }

  /**
   * Opens a socket that resumes {@code session}, telling the server the last seq it received
   * ({@code received}; -1 leaves it out), as violetear.js does after a drop.
   */
  static TestSocket open(App app, String cookie, String session, long received) {
    return open(app, cookie, session, received, false);
  }

  /**
   * Opens a socket of a page that had a welcome before, as violetear.js does after a drop: it names
   * its session and the last seq it received, and says it resumes, so that a node that does not
   * hold the session asks the others for it. The seq check of {@link #next} starts after {@code
   * received}.
   */
  static TestSocket resume(App app, String cookie, String session, long received) {
    return open(app, cookie, session, received, true).receivedUpTo(received);
  }

  private static TestSocket open(
      App app, String cookie, String session, long received, boolean isResume) {
    TestSocket socket = new TestSocket();
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (cookie != null) {
      builder.header("Cookie", "violetear_client=" + cookie);
    }
    socket.ws =
        builder
            .buildAsync(
                URI.create(
                    "ws://localhost:"
                        + app.port()
                        + "/_violetear/ws"
                        + (session == null ? "" : "?session=" + session)
                        + (received < 0 ? "" : "&received=" + received)
                        + (isResume ? "&resume=1" : "")),
                socket)
            .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .join();
    return socket;
  }

  /** Opens a socket and reads its welcome frame, returning the client id it carries. */
  static TestSocket welcomed(App app, String cookie) {
    return welcomed(app, cookie, null);
  }

  /** Opens a socket for a page session and reads its welcome frame. */
  static TestSocket welcomed(App app, String cookie, String session) {
    TestSocket socket = open(app, cookie, session);
    JsonNode welcome = socket.next();
    assertThat(welcome.get("t").asText()).as(welcome.toString()).isEqualTo("welcome");
    socket.id = welcome.get("clientId").asText();
    socket.lastSeq = welcome.get("lastSeq").asLong();
    return socket;
  }

  /** The client id from the welcome frame. */
  String id() {
    return id;
  }

  ClientId clientId() {
    return ClientId.of(id);
  }

  /** Sends a text frame and waits until it is written. */
  TestSocket send(String text) {
    // One send at a time: autoAck also sends, from the listener's thread.
    synchronized (this) {
      ws.sendText(text, true).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
    return this;
  }

  /** Acknowledges numbered frames as they arrive, every 64, as violetear.js does. */
  TestSocket autoAck() {
    isAutoAck = true;
    return this;
  }

  /** Stops reading from the network, like a client whose tab froze. */
  TestSocket stopReading() {
    isPaused = true;
    return this;
  }

  /** Sends a binary frame, which the protocol does not use. */
  TestSocket sendBinary(ByteBuffer data) {
    ws.sendBinary(data, true).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    return this;
  }

  /** Sends a call frame. */
  TestSocket call(long seq, String fn, Object... args) {
    ObjectNode frame = frame("t", "call", "fn", fn, "args", JSON.valueToTree(args), "seq", seq);
    return send(frame.toString());
  }

  /** Sends an emit frame. */
  TestSocket emit(long seq, String event, Object data) {
    return send(
        frame("t", "emit", "event", event, "data", JSON.valueToTree(data), "seq", seq).toString());
  }

  /**
   * Returns the next frame from the server, failing after the timeout. An invoke or emit must carry
   * the seq after the previous one's; it is checked and removed, so tests compare the rest.
   */
  JsonNode next() {
    boolean ackTaken = peeked != null;
    JsonNode frame = nextRaw();
    String type = frame.path("t").asText();
    if ((type.equals("invoke") || type.equals("emit")) && frame instanceof ObjectNode object) {
      assertThat(frame.path("seq").asLong())
          .as("the seq of " + frame + " follows " + lastReceived)
          .isEqualTo(lastReceived + 1);
      lastReceived++;
      object.remove("seq");
      // The ack the server may put in its frame is checked by expectAck, not compared here.
      JsonNode ack = object.remove("ack");
      if (ack != null && !ackTaken) {
        untakenAck = ack.asLong();
      }
    }
    return frame;
  }

  /** The seq of the last invoke or emit that arrived, read or not (counted with autoAck only). */
  long arrived() {
    synchronized (this) {
      return arrivedSeq;
    }
  }

  /** The seq of the last invoke or emit {@link #next} returned: what a reconnect says it has. */
  long received() {
    return lastReceived;
  }

  /** Starts the seq check of {@link #next} after {@code seq}, for a socket resuming a session. */
  TestSocket receivedUpTo(long seq) {
    lastReceived = seq;
    return this;
  }

  /** Acknowledges the server's frames up to {@code seq}, as violetear.js does. */
  TestSocket ack(long seq) {
    return send("{\"t\":\"ack\",\"seq\":" + seq + "}");
  }

  /** Returns the next frame from the server as it came, failing after the timeout. */
  JsonNode nextRaw() {
    if (peeked != null) {
      JsonNode frame = peeked;
      peeked = null;
      return frame;
    }
    String text;
    try {
      text = frames.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(text).as("a frame from the server within " + TIMEOUT_SECONDS + " s").isNotNull();
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** Asserts that the next frame equals {@code expected}, in any field order. */
  TestSocket expect(JsonNode expected) {
    assertThat(next()).isEqualTo(expected);
    return this;
  }

  /**
   * Asserts that the next acknowledgement covers exactly {@code seq}: an ack frame, or the ack in
   * an invoke or emit (read already, or next, which the test then still reads).
   */
  TestSocket expectAck(long seq) {
    assertThat(nextAck()).as("the next acknowledgement").isEqualTo(seq);
    return this;
  }

  /** The next acknowledgement from the server: see {@link #expectAck}. */
  private long nextAck() {
    if (untakenAck != 0) {
      long ack = untakenAck;
      untakenAck = 0;
      return ack;
    }
    JsonNode frame = nextRaw();
    String type = frame.path("t").asText();
    if (type.equals("ack")) {
      return frame.path("seq").asLong();
    }
    assertThat(frame.has("ack") && (type.equals("invoke") || type.equals("emit")))
        .as("an ack, or an invoke or emit carrying one, got " + frame)
        .isTrue();
    peeked = frame;
    return frame.path("ack").asLong();
  }

  /**
   * Reads acknowledgements until one covers {@code seq}. The server acknowledges cumulatively, once
   * per batch of frames it handled, so frames sent back to back may share one; each ack read must
   * be higher than the one before and nothing else may come between.
   *
   * @return how many acks it read
   */
  int expectAcksUpTo(long seq) {
    long last = 0;
    int count = 0;
    while (last != seq) {
      long acked = nextAck();
      assertThat(acked)
          .as("acks increase up to " + seq)
          .isGreaterThan(last)
          .isLessThanOrEqualTo(seq);
      last = acked;
      count++;
    }
    return count;
  }

  /**
   * Asserts that the server has sent nothing so far: pings it and requires its pong to be the next
   * thing that arrives. Jetty answers a ping after every frame the server handed to the socket
   * before reading it, so a frame already on its way fails this, where a look at the queue would
   * miss one that was a moment late. A frame still queued behind a write in the server's own
   * outbound queue may follow the pong; nothing else waits there when the socket is idle.
   */
  void expectNothingYet() {
    assertThat(peeked).as("a frame read ahead by expectAck").isNull();
    String marker = PONG + pings.incrementAndGet();
    ws.sendPing(ByteBuffer.wrap(marker.substring(PONG.length()).getBytes(StandardCharsets.UTF_8)))
        .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .join();
    String first;
    try {
      first = frames.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(first).as("the server's pong within " + TIMEOUT_SECONDS + " s").isNotNull();
    assertThat(first).as("what arrived before the pong: nothing was expected").isEqualTo(marker);
  }

  /**
   * Asserts that no frame has arrived so far, without waiting: a frame still on its way passes.
   * Only for a socket whose server side cannot read a ping now (a handler runs on its reading
   * thread); everywhere else use {@link #expectNothingYet}.
   */
  void expectNothingArrived() {
    assertThat(peeked).as("a frame read ahead by expectAck").isNull();
    assertThat(frames.peek()).as("a frame that arrived").isNull();
  }

  /** Waits for the server to close the socket and returns the status code. */
  int closeStatus() {
    return closeStatus.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
  }

  /**
   * Closes the socket cleanly, as a browser does: sends the close frame and waits for the server's
   * reply, so the server has read every frame sent before. Aborting sooner would reset the
   * connection while acks wait unread here, and the reset discards frames the server has not read
   * yet.
   */
  void closeCleanly() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
        .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .join();
    closeStatus();
  }

  /**
   * Closes the socket as violetear.js does when its page unloads for good (code 4001), and waits
   * for the server's reply.
   */
  void leave() {
    ws.sendClose(4001, "page closed").orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    closeStatus();
  }

  @Override
  public void close() {
    ws.abort();
  }

  /**
   * The welcome of a socket whose page session has processed nothing of the page ({@code lastSeq}
   * 0); {@code replay} is the seq of the last frame resent after it, 0 when none. The heartbeat is
   * the default, 15 s.
   */
  static ObjectNode welcome(String id, boolean resumed, long replay, int rate) {
    return welcome(id, resumed, replay, rate, 1_048_576);
  }

  /** The welcome above, of an app whose largest message is {@code maxBytes}. */
  static ObjectNode welcome(String id, boolean resumed, long replay, int rate, long maxBytes) {
    return frame(
        "t",
        "welcome",
        "clientId",
        id,
        "lastSeq",
        0,
        "resumed",
        resumed,
        "replay",
        replay,
        "rate",
        rate,
        "heartbeat",
        15_000,
        "maxBytes",
        maxBytes);
  }

  /** Builds a JSON object from key, value pairs; values are strings, numbers, null or JSON. */
  /** The error frame answering a frame the server could not read, without a seq to name. */
  static ObjectNode badFrame(String message) {
    return frame("t", "error", "type", "BadFrame", "message", message);
  }

  static ObjectNode frame(Object... keyValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
    }
    // Re-parsed, so that numbers have the node types a parsed frame has (1L reads as an int).
    return (ObjectNode) json(node.toString());
  }

  /** Parses JSON, for expected values. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      frames.add(text);
      partial.setLength(0);
      if (isAutoAck && text.startsWith("{\"seq\":")) {
        arrivedSeq = Long.parseLong(text.substring(7, text.indexOf(',')));
        if (arrivedSeq % ACK_EVERY == 0) {
          ack(arrivedSeq);
        }
      }
    }
    if (!isPaused) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    frames.add(PONG + StandardCharsets.UTF_8.decode(message));
    if (!isPaused) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeStatus.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeStatus.completeExceptionally(error);
  }
}
