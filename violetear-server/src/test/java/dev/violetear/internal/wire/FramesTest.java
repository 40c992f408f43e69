// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames' exact text, whose writer and buffer are reused from frame to frame. */
class FramesTest {
  private final ObjectMapper mapper = WireJson.mapper();
  private final Frames frames = new Frames(mapper, 200, 15_000, 1_048_576);

  /** A value whose serializer writes a frame of its own while the outer frame is being written. */
  @JsonSerialize(using = Nested.Writer.class)
  public record Nested(String text) {
    static Frames inner;

    /** Writes the inner frame as a string. */
    public static final class Writer extends JsonSerializer<Nested> {
      @Override
      public void serialize(Nested value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        String frame = inner.emit("inner", null, value.text());
        gen.writeString(frame);
      }
    }
  }

  @Test
  void anAckIsItsFixedTextWithTheSeq() {
    assertThat(Frames.ack(7)).isEqualTo("{\"t\":\"ack\",\"seq\":7}");
    assertThat(Frames.ackSeq(Frames.ack(123456789012L))).isEqualTo(123456789012L);
  }

  @Test
  void theSeqAtTheEndOfAPagesFrameIsReadWithoutParsingIt() {
    assertThat(Frames.trailingSeq("{\"t\":\"call\",\"args\":[[[\"seq\":42}")).isEqualTo(42);
    assertThat(Frames.trailingSeq("\"seq\":7}")).isEqualTo(7);
    assertThat(Frames.trailingSeq("{\"t\":\"call\",\"seq\":7")).isEqualTo(-1);
    assertThat(Frames.trailingSeq("{\"t\":\"call\",\"seq\":}")).isEqualTo(-1);
    assertThat(Frames.trailingSeq("{\"t\":\"call\",\"sEq\":7}")).isEqualTo(-1);
    assertThat(Frames.trailingSeq("{\"seq\":1234567890123456789}")).as("19 digits").isEqualTo(-1);
    assertThat(Frames.trailingSeq("7}")).isEqualTo(-1);
    assertThat(Frames.trailingSeq("")).isEqualTo(-1);
  }

  @Test
  void aSentFrameIsItsTailNumberedByEachPageSession() throws IOException {
    ObjectWriter text = mapper.writerFor(String.class);
    String tail =
        frames.invoke("Chat.toast", new ObjectWriter[] {text}, new Object[] {"h\u00e9 \"x\""});

    assertThat(Frames.numbered(1, tail))
        .isEqualTo(
            "{\"seq\":1,\"t\":\"invoke\",\"fn\":\"Chat.toast\",\"args\":[\"h\u00e9 \\\"x\\\"\"]}");
    assertThat(Frames.numbered(42, tail)).startsWith("{\"seq\":42,\"t\":\"invoke\"");
    assertThat(Frames.numbered(3, frames.emit("tick", null, List.of(1, 2))))
        .isEqualTo("{\"seq\":3,\"t\":\"emit\",\"event\":\"tick\",\"data\":[1,2]}");
  }

  @Test
  void framesWrittenOneAfterAnotherOnAThreadDoNotShareText() throws IOException {
    String big = "x".repeat(40_000);
    String first = frames.emit("a", null, big);
    String second = frames.emit("b", null, "small");

    assertThat(first).isEqualTo("\"t\":\"emit\",\"event\":\"a\",\"data\":\"" + big + "\"}");
    assertThat(second).isEqualTo("\"t\":\"emit\",\"event\":\"b\",\"data\":\"small\"}");
  }

  @Test
  void aFrameWrittenWhileAnotherIsBeingWrittenGetsAWriterOfItsOwn() throws IOException {
    Nested.inner = frames;
    String outer = frames.emit("outer", null, new Nested("hi"));

    assertThat(outer)
        .isEqualTo(
            "\"t\":\"emit\",\"event\":\"outer\",\"data\":"
                + "\"\\\"t\\\":\\\"emit\\\",\\\"event\\\":\\\"inner\\\",\\\"data\\\":\\\"hi\\\"}\"}");
    assertThat(frames.emit("after", null, 1))
        .isEqualTo("\"t\":\"emit\",\"event\":\"after\",\"data\":1}");
  }
}
