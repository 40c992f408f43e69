// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A page as violetear.js runs it, without a browser, for the chaos test: it keeps its session
 * across reconnects to any node, numbers its calls and resends those the server has not run, drops
 * the server's frames it already has, and acknowledges. It records what reached it (the text of
 * each {@code say}) and anything that breaks the protocol's promises.
 */
final class ChaosPage implements WebSocket.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  final String name;
  private final String cookie;
  // Guarded by this.
  private final List<String> said = new ArrayList<>();
  private final List<String> faults = new ArrayList<>();
  private final ArrayDeque<long[]> unacked = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket ws;
  private boolean isLive;
  private boolean hadWelcome;
  private long lastReceived;
  private long lastAcked;
  private long nextSeq = 1;
  private long calls;
  private int connects;

  ChaosPage(String name, String cookie) {
    this.name = name;
    this.cookie = cookie;
  }

  /** Opens a socket to {@code node}, resuming the page's session after its first welcome. */
  void connect(App node) {
    String url;
    synchronized (this) {
      url =
          "ws://localhost:"
              + node.port()
              + "/_violetear/ws?session="
              + name
              + "&received="
              + lastReceived
              + (hadWelcome ? "&resume=1" : "");
      lastAcked = lastReceived;
      partial.setLength(0);
    }
    // onOpen makes it the page's socket, before its first frame can arrive.
    CLIENT
        .newWebSocketBuilder()
        .header("Cookie", "violetear_client=" + cookie)
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(url), this)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  /** Cuts the socket as a network drop does: no close frame. */
  void cut() {
    WebSocket socket;
    synchronized (this) {
      socket = ws;
      ws = null;
      isLive = false;
    }
    if (socket != null) {
      socket.abort();
    }
  }

  /** Makes a call that records {@code n} on the server; queued while the page is offline. */
  synchronized void call() {
    long n = ++calls;
    long seq = nextSeq++;
    unacked.addLast(new long[] {seq, n});
    if (isLive) {
      send(callFrame(seq, n));
    }
  }

  /** Whether the page is connected and welcomed, with nothing of its own unacknowledged. */
  synchronized boolean isSettled() {
    return isLive && unacked.isEmpty();
  }

  synchronized long calls() {
    return calls;
  }

  synchronized int connects() {
    return connects;
  }

  synchronized List<String> said() {
    return List.copyOf(said);
  }

  synchronized List<String> faults() {
    return List.copyOf(faults);
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    synchronized (this) {
      ws = webSocket;
    }
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    synchronized (this) {
      partial.append(data);
      if (last && webSocket == ws) {
        frame(partial.toString());
      }
      if (last) {
        partial.setLength(0);
      }
    }
    webSocket.request(1);
    return null;
  }

  // Under the lock.
  private void frame(String text) {
    JsonNode f;
    try {
      f = JSON.readTree(text);
    } catch (Exception e) {
      faults.add("unreadable frame " + text);
      return;
    }
    String type = f.path("t").asText();
    if (f.has("ack")) {
      acked(f.get("ack").asLong());
    }
    switch (type) {
      case "welcome" -> welcome(f);
      case "ack" -> acked(f.path("seq").asLong());
      case "invoke" -> invoke(f);
      case "error" -> faults.add("error frame " + text);
      default -> {}
    }
  }

  private void welcome(JsonNode f) {
    if (hadWelcome && !f.path("resumed").asBoolean()) {
      faults.add("resume failed on connect " + (connects + 1));
    }
    hadWelcome = true;
    connects++;
    long ran = f.path("lastSeq").asLong();
    acked(ran);
    isLive = true;
    // Resent in order: the server ran none of these (it said which it ran).
    for (long[] c : unacked) {
      send(callFrame(c[0], c[1]));
    }
  }

  private void invoke(JsonNode f) {
    long seq = f.path("seq").asLong();
    if (seq <= lastReceived) {
      return;
    }
    if (seq != lastReceived + 1) {
      faults.add("seq " + seq + " after " + lastReceived);
    }
    lastReceived = seq;
    said.add(f.path("args").path(0).asText());
    if (lastReceived - lastAcked >= 16) {
      ack();
    }
  }

  /** Acknowledges what arrived, as the page does every few frames and before it goes quiet. */
  synchronized void ack() {
    if (isLive && lastReceived > lastAcked) {
      lastAcked = lastReceived;
      send("{\"t\":\"ack\",\"seq\":" + lastReceived + "}");
    }
  }

  private void acked(long seq) {
    while (!unacked.isEmpty() && unacked.peekFirst()[0] <= seq) {
      unacked.pollFirst();
    }
  }

  // Under the lock, so frames go out in order; a failed send is a cut the page notices later.
  private void send(String text) {
    if (ws == null) {
      isLive = false;
      return;
    }
    try {
      ws.sendText(text, true).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      isLive = false;
    }
  }

  private String callFrame(long seq, long n) {
    return "{\"t\":\"call\",\"fn\":\"Chaos.record\",\"args\":[\""
        + name
        + "\","
        + n
        + "],\"seq\":"
        + seq
        + "}";
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    synchronized (this) {
      if (webSocket == ws) {
        isLive = false;
        if (statusCode != 4000) {
          faults.add("closed by the server with " + statusCode + " " + reason);
        }
      }
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    synchronized (this) {
      if (webSocket == ws) {
        isLive = false;
      }
    }
  }
}
