// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.violetear.ClientId;
import dev.violetear.Server;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The server's side of the heartbeat ({@code Limits.heartbeat}): a socket whose peer went silent (a
 * half-open connection: no close, no answer to pings) is dropped after two intervals, while one
 * that answers the server's pings stays open however long it sends nothing else, and one that sends
 * frames is not pinged at all. The interval is 500 ms, so that a drop takes one to one and a half
 * seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketHeartbeatTest {
  private static final Duration HEARTBEAT = Duration.ofMillis(500);

  static final class Desk {
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static final Seen seen = new Seen();

    @Server.Realtime
    static void note() {
      seen.add(ClientId.caller(), "note");
    }

    /** Holds the socket's thread, where a frame that finds its connection idle runs. */
    @Server.Realtime
    static void hold() throws InterruptedException {
      gate.await(30, TimeUnit.SECONDS);
    }
  }

  App app;

  @BeforeAll
  void start() {
    app =
        TestApps.start(
            config -> config.limits(limits -> limits.heartbeat(HEARTBEAT)),
            a -> a.register(Desk.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void anIntervalOutOfRangeIsRefusedNamingTheRange() {
    Limits limits = new Limits();
    assertThatThrownBy(() -> limits.heartbeat(Duration.ofMillis(99)))
        .hasMessage(
            "Limits.heartbeat(PT0.099S): the interval must be between 100 ms and 10 minutes, such"
                + " as Duration.ofSeconds(15)");
    assertThatThrownBy(() -> limits.heartbeat(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limits.heartbeat(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(limits.heartbeat()).as("the default").isEqualTo(Duration.ofSeconds(15));
    limits.heartbeat(Duration.ofMillis(100)).heartbeat(Duration.ofMinutes(10));
    assertThat(limits.heartbeat()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aSocketThatNeverAnswersIsDroppedAfterTwoIntervalsWithoutACloseHandshake() {
    long opened = System.nanoTime();
    try (ByteSocket silent = ByteSocket.open(app, null)) {
      await().until(() -> app.stats().connections() == 1);
      // Reads nothing and answers no ping until the server has let go of it.
      await().atMost(Duration.ofSeconds(5)).until(() -> app.stats().connections() == 0);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
      assertThat(took)
          .as("ms until the silent socket was dropped: over two intervals, about three at most")
          .isGreaterThanOrEqualTo(2 * HEARTBEAT.toMillis());
      // Aborted: what it received (welcome, pings) ends without a close frame.
      assertThat(silent.awaitCloseCode()).isEqualTo(-1);
    }
  }

  @Test
  void aSocketThatAnswersPingsStaysOpenThroughSeveralIntervalsOfSilence() {
    try (TestSocket quiet = TestSocket.welcomed(app, null)) {
      // Each silent socket is dropped after more than two intervals; the quiet one sent nothing
      // but the pongs its client library answers with all that time.
      for (int i = 0; i < 2; i++) {
        try (ByteSocket silent = ByteSocket.open(app, null)) {
          await().until(() -> app.stats().connections() == 2);
          await().atMost(Duration.ofSeconds(5)).until(() -> app.stats().connections() == 1);
        }
      }
      quiet.call(1, "Desk.note").expectAck(1);
      assertThat(app.stats().connections()).isEqualTo(1);
    }
  }

  @Test
  void onlyASocketSilentForAWholeIntervalIsPinged() {
    ScheduledExecutorService page = Executors.newSingleThreadScheduledExecutor();
    try (ByteSocket talking = ByteSocket.open(app, null);
        ByteSocket quiet = ByteSocket.open(app, null)) {
      List<String> talkingTexts = new CopyOnWriteArrayList<>();
      AtomicInteger talkingPings = readFrames(talking, false, talkingTexts);
      AtomicInteger quietPings = readFrames(quiet, true, new CopyOnWriteArrayList<>());
      // The page's own ping frame, five times an interval: every tick finds a frame since the last.
      byte[] ping = "{\"t\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
      page.scheduleAtFixedRate(
          () -> talking.send(true, ByteSocket.TEXT, ping),
          0,
          HEARTBEAT.toMillis() / 5,
          TimeUnit.MILLISECONDS);
      // The quiet socket's pong resets its count, so it is pinged at every other tick.
      await().atMost(Duration.ofSeconds(10)).until(() -> quietPings.get() >= 2);
      assertThat(talkingTexts).as("the talking socket is served").contains("{\"t\":\"pong\"}");
      assertThat(talkingPings.get())
          .as("pings sent to a socket that brought a frame within every interval")
          .isZero();
      assertThat(app.stats().connections()).isEqualTo(2);
    } finally {
      page.shutdownNow();
    }
  }

  /**
   * Reads {@code socket}'s frames on a daemon thread until it closes, keeping its texts and
   * answering pings with pongs when {@code answer}; returns the count of pings read.
   */
  private static AtomicInteger readFrames(ByteSocket socket, boolean answer, List<String> texts) {
    AtomicInteger pings = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              try {
                while (true) {
                  ByteSocket.Frame frame = socket.next();
                  if (frame.opcode() == ByteSocket.PING) {
                    pings.incrementAndGet();
                    if (answer) {
                      socket.send(true, ByteSocket.PONG, frame.payload());
                    }
                  } else if (frame.opcode() == ByteSocket.TEXT) {
                    texts.add(frame.text());
                  }
                }
              } catch (UncheckedIOException e) {
                // The socket closed: the test is over.
              }
            });
    reader.setDaemon(true);
    reader.start();
    return pings;
  }

  @Test
  void aPagesPingIsAnsweredAtOnceWithAPongAndNeitherTakesASeqNorRunsAHandler() {
    try (TestSocket s = TestSocket.welcomed(app, null)) {
      s.send("{\"t\":\"ping\"}").expect(TestSocket.frame("t", "pong"));
      // Spaced otherwise, it is read as JSON on the handlers' side and answered the same.
      s.send("{ \"t\": \"ping\" }").expect(TestSocket.frame("t", "pong"));
      // Seq 1 is still the page's first frame: it runs, and is the next thing acknowledged.
      s.call(1, "Desk.note").expectAck(1);
      assertThat(Desk.seen.of(s.id())).containsExactly("note");
    }
  }

  @Test
  void aSocketWhoseHandlerHoldsItsThreadIsNotTakenForSilent() {
    Desk.gate = new CountDownLatch(1);
    try (TestSocket busy = TestSocket.welcomed(app, null)) {
      // Runs on the socket's own thread: the pongs to the server's pings wait unread meanwhile.
      busy.call(1, "Desk.hold");
      try (ByteSocket silent = ByteSocket.open(app, null)) {
        await().until(() -> app.stats().connections() == 2);
        // The silent socket's drop shows that the ticks that would drop the busy one have passed.
        await().atMost(Duration.ofSeconds(5)).until(() -> app.stats().connections() == 1);
      }
      Desk.gate.countDown();
      busy.expectAck(1);
      busy.call(2, "Desk.note").expectAck(2);
    } finally {
      Desk.gate.countDown();
    }
  }
}
