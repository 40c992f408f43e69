// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultProxyTest {
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @Test
  void bytesPassThroughUnchangedBothWays() throws IOException {
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port());
        Socket client = connect(proxy)) {
      send(client, "hello, proxy");

      assertThat(receive(client, 12)).isEqualTo("hello, proxy");
      await()
          .atMost(PATIENCE)
          .until(() -> proxy.bytesForwarded().equals(new ForwardedBytes(12, 12)));
      assertThat(proxy.connections()).isEqualTo(1);
      assertThat(echo.received()).isEqualTo(12);
    }
  }

  @Test
  void retargetSendsNewConnectionsToAnotherUpstreamAndLeavesOpenOnesWhereTheyAre()
      throws IOException {
    try (EchoServer first = new EchoServer();
        EchoServer second = new EchoServer();
        FaultProxy proxy = FaultProxy.start(first.port());
        Socket before = connect(proxy)) {
      roundTrip(before);

      proxy.retarget(second.port());
      try (Socket after = connect(proxy)) {
        roundTrip(after);
        roundTrip(before);
        assertThat(first.accepted()).isEqualTo(1);
        assertThat(second.accepted()).isEqualTo(1);
        assertThat(first.received()).isEqualTo(2);
        assertThat(second.received()).isEqualTo(1);
      }
    }
    try (FaultProxy proxy = FaultProxy.start(1)) {
      assertThatThrownBy(() -> proxy.retarget(0)).hasMessageContaining("use 1 to 65535");
    }
  }

  @Test
  void oneMegabytePassesThroughInOrderAndTheHalfCloseFollows() throws Exception {
    byte[] payload = randomBytes(1024 * 1024);
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port());
        Socket client = connect(proxy)) {
      CompletableFuture<Void> written = writeInBackground(client, payload, true);

      assertThat(client.getInputStream().readNBytes(payload.length)).isEqualTo(payload);
      assertThat(client.getInputStream().read()).isEqualTo(-1);
      written.get(10, TimeUnit.SECONDS);
      await().atMost(PATIENCE).until(() -> proxy.bytesForwarded().total() == 2L * payload.length);
      await().atMost(PATIENCE).until(() -> proxy.connections() == 0);
    }
  }

  @Test
  void clientCloseEndsTheProxiedConnection() throws IOException {
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port())) {
      try (Socket client = connect(proxy)) {
        roundTrip(client);
      }

      await().atMost(PATIENCE).until(() -> proxy.connections() == 0);
      await().atMost(PATIENCE).until(() -> echo.openConnections() == 0);
    }
  }

  @Test
  void cutAllClosesBothSidesAndNewConnectionsStillWork() throws IOException {
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port());
        Socket first = connect(proxy);
        Socket second = connect(proxy)) {
      roundTrip(first);
      roundTrip(second);
      assertThat(proxy.connections()).isEqualTo(2);

      proxy.cutAll();

      assertThat(proxy.connections()).isZero();
      assertClosedByProxy(first);
      assertClosedByProxy(second);
      await().atMost(PATIENCE).until(() -> echo.openConnections() == 0);
      try (Socket third = connect(proxy)) {
        roundTrip(third);
        assertThat(proxy.connections()).isEqualTo(1);
      }
    }
  }

  @Test
  void refuseNewClosesNewConnectionsAtOnceAndKeepsOpenOnes() throws IOException {
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port());
        Socket open = connect(proxy)) {
      roundTrip(open);

      proxy.refuseNew(true);
      try (Socket refused = connect(proxy)) {
        assertClosedByProxy(refused);
      }
      roundTrip(open);
      assertThat(proxy.connections()).isEqualTo(1);
      assertThat(echo.accepted()).isEqualTo(1);

      proxy.refuseNew(false);
      try (Socket accepted = connect(proxy)) {
        roundTrip(accepted);
      }
    }
  }

  @Test
  void stallHoldsDataUntilReleasedThenDeliversAllInOrder() throws Exception {
    // More than the proxy buffers per direction, so the sender is also held back by TCP.
    byte[] payload = randomBytes(512 * 1024);
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port());
        Socket client = connect(proxy)) {
      roundTrip(client);
      // The echo can reach the client a moment before the proxy counts it.
      ForwardedBytes before = new ForwardedBytes(1, 1);
      await().atMost(PATIENCE).until(() -> proxy.bytesForwarded().equals(before));

      proxy.stall(true);
      CompletableFuture<Void> written = writeInBackground(client, payload, false);

      await()
          .during(QUIET)
          .atMost(PATIENCE)
          .until(() -> proxy.bytesForwarded().equals(before) && echo.received() == 1);
      assertThat(proxy.connections()).isEqualTo(1);

      proxy.stall(false);

      assertThat(client.getInputStream().readNBytes(payload.length)).isEqualTo(payload);
      written.get(10, TimeUnit.SECONDS);
      assertThat(echo.received()).isEqualTo(1L + payload.length);
    }
  }

  @Test
  void delayAddsAtLeastTheDelayInEachDirection() throws IOException {
    Duration delay = Duration.ofMillis(150);
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port());
        Socket client = connect(proxy)) {
      roundTrip(client);

      proxy.delay(delay);
      long start = System.nanoTime();
      roundTrip(client);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      // Lower bound only: a busy machine may take much longer.
      assertThat(elapsed).isGreaterThanOrEqualTo(delay.multipliedBy(2));
    }
  }

  @Test
  void delayKeepsTheOrderOfManySmallWrites() throws IOException {
    StringBuilder expected = new StringBuilder();
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port());
        Socket client = connect(proxy)) {
      proxy.delay(Duration.ofMillis(20));
      for (int i = 0; i < 200; i++) {
        String message = String.format("m%04d;", i);
        expected.append(message);
        send(client, message);
      }

      assertThat(receive(client, expected.length())).isEqualTo(expected.toString());

      proxy.delay(Duration.ZERO);
      roundTrip(client);
    }
  }

  @Test
  void maxConnectionsResetsConnectionsBeyondTheLimit() throws IOException {
    try (EchoServer echo = new EchoServer();
        FaultProxy proxy = FaultProxy.start(echo.port(), config -> config.maxConnections(2));
        Socket first = connect(proxy);
        Socket second = connect(proxy)) {
      roundTrip(first);
      roundTrip(second);

      try (Socket third = connect(proxy)) {
        assertClosedByProxy(third);
      }
      assertThat(proxy.connections()).isEqualTo(2);
      assertThat(echo.accepted()).isEqualTo(2);
    }
  }

  @Test
  void unreachableUpstreamResetsTheClient() throws IOException {
    int deadPort;
    try (ServerSocket placeholder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = placeholder.getLocalPort();
    }
    try (FaultProxy proxy = FaultProxy.start(deadPort);
        Socket client = connect(proxy)) {
      assertClosedByProxy(client);
      await().atMost(PATIENCE).until(() -> proxy.connections() == 0);
    }
  }

  @Test
  void closeReleasesThePortResetsClientsAndEndsAllThreads() throws IOException {
    try (EchoServer echo = new EchoServer();
        Socket client = new Socket()) {
      FaultProxy proxy = FaultProxy.start(echo.port());
      int port = proxy.port();
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      client.setSoTimeout((int) PATIENCE.toMillis());
      roundTrip(client);

      proxy.close();
      proxy.close();

      assertClosedByProxy(client);
      assertThat(proxyThreads(port)).isEmpty();
      try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(rebound.getLocalPort()).isEqualTo(port);
      }
      try (FaultProxy again = FaultProxy.start(echo.port(), config -> config.listenPort(port));
          Socket next = connect(again)) {
        assertThat(again.port()).isEqualTo(port);
        roundTrip(next);
      }
    }
  }

  @Test
  void controlsAfterCloseDoNothing() {
    FaultProxy proxy = FaultProxy.start(1);
    proxy.close();

    proxy.cutAll();
    proxy.refuseNew(true);
    proxy.stall(true);
    proxy.delay(Duration.ofSeconds(1));

    assertThat(proxy.connections()).isZero();
    assertThat(proxy.bytesForwarded()).isEqualTo(new ForwardedBytes(0, 0));
    assertThat(proxy).hasToString("FaultProxy[127.0.0.1:" + proxy.port() + " -> 127.0.0.1:1]");
  }

  @Test
  void httpRequestsPassThroughAndWaitOutAStall() throws Exception {
    try (HttpUpstream upstream = new HttpUpstream();
        FaultProxy proxy = FaultProxy.start(upstream.port())) {
      HttpClient http = httpClient();
      HttpRequest hello = get(proxy, "/hello");

      assertThat(http.send(hello, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("hi");

      proxy.stall(true);
      CompletableFuture<HttpResponse<String>> stalled =
          http.sendAsync(hello, HttpResponse.BodyHandlers.ofString());
      await().during(QUIET).atMost(PATIENCE).until(() -> !stalled.isDone());
      proxy.stall(false);

      assertThat(stalled.get(10, TimeUnit.SECONDS).body()).isEqualTo("hi");
      assertThat(proxy.bytesForwarded().clientToUpstream()).isPositive();
      assertThat(proxy.bytesForwarded().upstreamToClient()).isPositive();
    }
  }

  @Test
  void cutAllFailsAnHttpResponseMidBodyAndTheNextRequestWorks() throws Exception {
    CountDownLatch finishBody = new CountDownLatch(1);
    try (HttpUpstream upstream = new HttpUpstream();
        FaultProxy proxy = FaultProxy.start(upstream.port())) {
      upstream.server.createContext(
          "/slow",
          exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("first half, ".getBytes(UTF_8));
            body.flush();
            try {
              finishBody.await(30, TimeUnit.SECONDS);
              body.write("second half".getBytes(UTF_8));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (IOException e) {
              // The proxy cut the connection: nothing left to send to.
            } finally {
              exchange.close();
            }
          });
      HttpClient http = httpClient();
      try {
        CompletableFuture<HttpResponse<String>> response =
            http.sendAsync(get(proxy, "/slow"), HttpResponse.BodyHandlers.ofString());
        await().atMost(PATIENCE).until(() -> proxy.bytesForwarded().upstreamToClient() > 0);

        proxy.cutAll();

        assertThat(response)
            .failsWithin(PATIENCE)
            .withThrowableOfType(ExecutionException.class)
            .withCauseInstanceOf(IOException.class);
      } finally {
        finishBody.countDown();
      }
      HttpResponse<String> next =
          http.send(get(proxy, "/hello"), HttpResponse.BodyHandlers.ofString());
      assertThat(next.statusCode()).isEqualTo(200);
      assertThat(next.body()).isEqualTo("hi");
    }
  }

  // ---- fixtures ----

  /** A loopback echo server: every connection gets back what it sends, and its half-close. */
  private static final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    EchoServer() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      daemon("echo-accept", this::acceptLoop);
    }

    int port() {
      return server.getLocalPort();
    }

    long received() {
      return received.get();
    }

    long accepted() {
      return accepted.get();
    }

    int openConnections() {
      return open.size();
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          accepted.incrementAndGet();
          open.add(socket);
          daemon("echo-" + socket.getPort(), () -> echo(socket));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void echo(Socket socket) {
      try (socket) {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.addAndGet(n);
          out.write(buffer, 0, n);
        }
        socket.shutdownOutput();
      } catch (IOException e) {
        // Reset by the proxy: exactly what the fault tests cause.
      } finally {
        open.remove(socket);
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  /** A loopback HTTP server answering {@code GET /hello} with {@code hi}. */
  private static final class HttpUpstream implements AutoCloseable {
    final HttpServer server;
    private final ExecutorService executor =
        Executors.newCachedThreadPool(
            body -> {
              Thread thread = new Thread(body, "http-upstream");
              thread.setDaemon(true);
              return thread;
            });

    HttpUpstream() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(executor);
      server.createContext(
          "/hello",
          exchange -> {
            byte[] body = "hi".getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(PATIENCE)
        .build();
  }

  private static HttpRequest get(FaultProxy proxy, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static Socket connect(FaultProxy proxy) throws IOException {
    Socket socket = new Socket();
    // Before connecting: a proxy that refuses resets right after the handshake, and setting an
    // option on a socket that was reset fails with the reset itself (seen once in CI).
    socket.setSoTimeout((int) PATIENCE.toMillis());
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
    return socket;
  }

  private static void roundTrip(Socket client) throws IOException {
    send(client, "!");
    assertThat(receive(client, 1)).isEqualTo("!");
  }

  private static void send(Socket client, String text) throws IOException {
    client.getOutputStream().write(text.getBytes(UTF_8));
  }

  private static String receive(Socket client, int length) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InputStream in = client.getInputStream();
    while (bytes.size() < length) {
      int b = in.read();
      if (b < 0) {
        fail("Stream ended after '%s'", bytes.toString(UTF_8));
      }
      bytes.write(b);
    }
    return bytes.toString(UTF_8);
  }

  /** The proxy closed this socket: a read ends the stream or fails, and does not time out. */
  private static void assertClosedByProxy(Socket client) {
    int read;
    try {
      read = client.getInputStream().read();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("The connection is still open after " + PATIENCE, e);
    } catch (IOException e) {
      return;
    }
    assertThat(read).as("first byte read after the proxy closed the connection").isEqualTo(-1);
  }

  private static CompletableFuture<Void> writeInBackground(
      Socket client, byte[] data, boolean thenHalfClose) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    daemon(
        "test-writer",
        () -> {
          try {
            client.getOutputStream().write(data);
            if (thenHalfClose) {
              client.shutdownOutput();
            }
            done.complete(null);
          } catch (IOException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  private static Set<String> proxyThreads(int port) {
    String prefix = "violetear-fault-proxy-" + port + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }
}
