// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for hostile-input tests: it opens with any request headers (an {@code Origin},
 * as a browser sends), records every text frame and the close status and reason, and can keep
 * sending after the server has given up on it. {@link TestSocket} is the well-behaved client.
 */
final class RawSocket implements WebSocket.Listener, AutoCloseable {
  private static final long TIMEOUT_SECONDS = 10;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
  private final List<String> received = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private volatile int closeStatus;
  private WebSocket ws;

  private RawSocket() {}

  /**
   * Opens a socket to {@code app} with {@code headers} (name, value pairs).
   *
   * @throws java.util.concurrent.CompletionException when the server refuses the upgrade; its cause
   *     is a {@link java.net.http.WebSocketHandshakeException} carrying the HTTP response
   */
  static RawSocket open(App app, String... headers) {
    RawSocket socket = new RawSocket();
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    socket.ws =
        builder
            .buildAsync(URI.create("ws://localhost:" + app.port() + "/_violetear/ws"), socket)
            .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .join();
    return socket;
  }

  /** Sends a text frame and waits until it is written; false when the socket can no longer send. */
  boolean send(String text) {
    try {
      ws.sendText(text, true).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Floods the server until it closes the socket for exceeding its rate limit, without writing into
   * the closing socket (a write there can reset the connection before its close frame is read).
   * Sends {@code burst} frames at once, then one at a time, each only after the server acknowledged
   * everything before it, so the message over the budget is the last one sent.
   *
   * @param frame the frame with seq {@code n}, for n = 1, 2, ...
   * @param max the most frames to send
   * @return how many frames were sent
   */
  int floodUntilClosed(java.util.function.LongFunction<String> frame, int burst, int max) {
    return floodUntilClosed(frame, burst, max, java.time.Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  /**
   * Floods as {@link #floodUntilClosed(java.util.function.LongFunction, int, int)}, waiting at most
   * {@code ackWait} for each ack: the server holds an ack up to 10 ms while a page keeps sending,
   * so waiting out each one paces a flood at about 100 frames a second, no faster than a budget of
   * 100 refills. After a shorter wait the over-budget message may not be the last one sent.
   */
  int floodUntilClosed(
      java.util.function.LongFunction<String> frame,
      int burst,
      int max,
      java.time.Duration ackWait) {
    int sent = 0;
    while (sent < burst && send(frame.apply(sent + 1))) {
      sent++;
    }
    while (sent < max && !isClosed()) {
      int expected = sent;
      long deadline = System.nanoTime() + ackWait.toNanos();
      while (!isClosed() && lastAcked() < expected && System.nanoTime() < deadline) {
        awaitClosed(java.time.Duration.ofMillis(1));
      }
      if (isClosed() || !send(frame.apply(sent + 1))) {
        break;
      }
      sent++;
    }
    awaitClosed(java.time.Duration.ofSeconds(TIMEOUT_SECONDS));
    return sent;
  }

  /** The highest seq acknowledged so far: acks are cumulative, one may cover many frames. */
  private synchronized long lastAcked() {
    return received.stream()
        .filter(f -> f.startsWith("{\"t\":\"ack\",\"seq\":"))
        .mapToLong(f -> Long.parseLong(f.substring(f.lastIndexOf(':') + 1, f.length() - 1)))
        .max()
        .orElse(0);
  }

  /** Returns the next frame not yet returned, failing after the timeout. */
  String next() {
    try {
      String frame = unread.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(frame).as("a frame from the server within " + TIMEOUT_SECONDS + " s").isNotNull();
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every frame received so far, in order, whether or not {@link #next} returned it. */
  synchronized List<String> received() {
    return List.copyOf(received);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  /** Waits up to {@code timeout} for the socket to close; true when it has. */
  boolean awaitClosed(java.time.Duration timeout) {
    try {
      closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits for the server to close the socket and returns its status. */
  int closeStatus() {
    closeReason();
    return closeStatus;
  }

  /** Waits for the server to close the socket and returns its reason. */
  String closeReason() {
    return closed.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
  }

  /** Closes the socket cleanly: the server sees every frame sent before. */
  void closeCleanly() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
        .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .join();
  }

  @Override
  public void close() {
    ws.abort();
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String frame = partial.toString();
      partial.setLength(0);
      synchronized (this) {
        received.add(frame);
      }
      unread.add(frame);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeStatus = statusCode;
    closed.complete(reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }
}
