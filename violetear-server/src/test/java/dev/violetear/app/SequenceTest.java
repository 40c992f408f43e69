// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.idOf;
import static dev.violetear.app.TestApps.issueCookie;
import static dev.violetear.app.TestSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.Server;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A page's seqs must follow one another and its acks may name only frames the server sent: anything
 * else closes that socket with 1002 (protocol error) and keeps the session, so a correct page
 * resumes where it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SequenceTest {
  static final class Log {
    static final Seen seen = new Seen();

    @Server.Realtime
    static void entry(String text) {
      seen.add(ClientId.caller(), text);
    }

    @Client.Realtime
    static void note(String text) {}

    @Server.On("disconnect")
    static void disconnected(ClientId id) {
      seen.add(id, "disconnect");
    }
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Log.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void aFrameThatSkipsASeqClosesItsSocketWith1002AndDoesNotRun() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-gap")) {
      s.call(1, "Log.entry", "one").expectAck(1);
      s.call(3, "Log.entry", "three");
      assertThat(s.closeStatus()).isEqualTo(1002);
    }
    await().until(() -> Log.seen.of(id).contains("disconnect"));
    // The session kept its count: the page goes on with seq 2.
    try (TestSocket again = TestSocket.welcomed(app, cookie, "page-seq-gap")) {
      assertThat(again.lastSeq()).isEqualTo(1);
      again.call(2, "Log.entry", "two").expectAck(2);
    }
    await().until(() -> Log.seen.of(id).size() == 4);
    assertThat(Log.seen.of(id)).containsExactly("one", "disconnect", "two", "disconnect");
  }

  @Test
  void aFrameWithTheLargestSeqDoesNotSilenceThePagesLaterFrames() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-max")) {
      s.call(1, "Log.entry", "one").expectAck(1);
      s.call(Long.MAX_VALUE, "Log.entry", "max");
      assertThat(s.closeStatus()).isEqualTo(1002);
    }
    await().until(() -> Log.seen.of(id).contains("disconnect"));
    try (TestSocket again = TestSocket.welcomed(app, cookie, "page-seq-max")) {
      assertThat(again.lastSeq()).isEqualTo(1);
      again.call(2, "Log.entry", "two").expectAck(2);
    }
    await().until(() -> Log.seen.of(id).contains("two"));
    assertThat(Log.seen.of(id)).doesNotContain("max");
  }

  @Test
  void aResendIsAcknowledgedAgainWithoutRunningOrClosing() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-resend")) {
      s.call(1, "Log.entry", "one").expectAck(1);
      s.call(1, "Log.entry", "one again").expectAck(1);
      s.call(2, "Log.entry", "two").expectAck(2);
    }
    await().until(() -> Log.seen.of(id).contains("disconnect"));
    assertThat(Log.seen.of(id)).containsExactly("one", "two", "disconnect");
  }

  @Test
  void anAckOfASeqNeverSentClosesWith1002AndTheFramesWaitingAreStillResent() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-bad-ack")) {
      app.clients().to(ClientId.of(id)).invoke(Log::note, "a");
      app.clients().to(ClientId.of(id)).invoke(Log::note, "b");
      s.expect(note("a")).expect(note("b"));
      s.ack(99);
      assertThat(s.closeStatus()).isEqualTo(1002);
    }
    await().until(() -> Log.seen.of(id).contains("disconnect"));
    try (TestSocket again = TestSocket.open(app, cookie, "page-seq-bad-ack", 0)) {
      again.expect(TestSocket.welcome(id, true, 2, 200)).expect(note("a")).expect(note("b"));
    }
  }

  @Test
  void aSpacedAckOfASeqNeverSentIsRefusedAsWell() {
    String cookie = issueCookie(app);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-bad-spaced-ack")) {
      s.send("{ \"t\": \"ack\", \"seq\": 5 }");
      assertThat(s.closeStatus()).isEqualTo(1002);
    }
  }

  /**
   * violetear.js acknowledges the server's frames in the next call or emit it sends, so that a
   * request answered at once frees the server's copy without an ack frame of its own.
   */
  @Test
  void aCallOrAnEmitMayCarryTheAckOfTheFramesThePageHas() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-carried-ack")) {
      for (String text : new String[] {"a", "b", "c", "d"}) {
        app.clients().to(ClientId.of(id)).invoke(Log::note, text);
      }
      s.expect(note("a")).expect(note("b")).expect(note("c")).expect(note("d"));
      // A call as the runtime writes it, read without a tree.
      s.send("{\"t\":\"call\",\"fn\":\"Log.entry\",\"args\":[\"one\"],\"ack\":2,\"seq\":1}")
          .expectAck(1);
    }
    await().until(() -> Log.seen.of(id).contains("disconnect"));
    // A page that lost count (received=0) gets again only what it never acknowledged.
    try (TestSocket again =
        TestSocket.open(app, cookie, "page-seq-carried-ack", 0).receivedUpTo(2)) {
      again.expect(welcome(id, 1)).expect(note("c")).expect(note("d"));
      // An emit, read as a tree.
      again.send("{\"t\":\"emit\",\"event\":\"tick\",\"data\":null,\"ack\":3,\"seq\":2}");
      again.expectAck(2);
    }
    await().until(() -> Log.seen.of(id).size() == 3);
    try (TestSocket third =
        TestSocket.open(app, cookie, "page-seq-carried-ack", 0).receivedUpTo(3)) {
      third.expect(welcome(id, 2)).expect(note("d"));
      third.expectNothingYet();
    }
    assertThat(Log.seen.of(id)).startsWith("one", "disconnect", "disconnect");
  }

  @Test
  void aCallCarryingTheAckOfASeqNeverSentClosesWith1002AndDoesNotRun() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-carried-bad-ack")) {
      app.clients().to(ClientId.of(id)).invoke(Log::note, "a");
      s.expect(note("a"));
      s.send("{\"t\":\"call\",\"fn\":\"Log.entry\",\"args\":[\"no\"],\"ack\":9,\"seq\":1}");
      assertThat(s.closeStatus()).isEqualTo(1002);
    }
    await().until(() -> Log.seen.of(id).contains("disconnect"));
    assertThat(Log.seen.of(id)).containsExactly("disconnect");
    // The frame was not acknowledged: the page still has seq 1 to send, and "a" comes again.
    try (TestSocket again = TestSocket.open(app, cookie, "page-seq-carried-bad-ack", 0)) {
      again.expect(TestSocket.welcome(id, true, 1, 200)).expect(note("a"));
      again.call(1, "Log.entry", "yes").expectAck(1);
    }
    await().until(() -> Log.seen.of(id).contains("yes"));
  }

  @Test
  void anAckThatIsNotAWholeNumberIsABadFrameThatDoesNotRun() {
    String cookie = issueCookie(app);
    String id = idOf(cookie);
    try (TestSocket s = TestSocket.welcomed(app, cookie, "page-seq-carried-odd-ack")) {
      s.send("{\"t\":\"call\",\"fn\":\"Log.entry\",\"args\":[\"no\"],\"ack\":\"1\",\"seq\":1}");
      s.expect(
          TestSocket.badFrame(
              "the frame's 'ack' must be the last seq the page received, a whole number, got a"
                  + " string"));
      s.call(1, "Log.entry", "yes").expectAck(1);
    }
    await().until(() -> Log.seen.of(id).contains("disconnect"));
    assertThat(Log.seen.of(id)).containsExactly("yes", "disconnect");
  }

  /** The welcome of a page that resumes, whose frames were processed up to {@code lastSeq}. */
  private static JsonNode welcome(String id, int lastSeq) {
    return TestSocket.welcome(id, true, 4, 200).put("lastSeq", lastSeq);
  }

  private static JsonNode note(String text) {
    return frame("t", "invoke", "fn", "Log.note", "args", new String[] {text});
  }
}
