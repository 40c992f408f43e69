// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.violetear.ClientId;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the server's socket frames (DESIGN §5): {@code welcome}, {@code ack}, {@code pong}, {@code
 * error}, {@code invoke} and {@code emit}. Values go through the wire mapper, with the writer of
 * their declared type where one is known, so longs beyond 2^53 become strings as in RPC results.
 */
public final class Frames {
  private final ObjectMapper mapper;
  // The socket's message budget, announced in the welcome so that browsers pace themselves.
  private final int maxMessagesPerSecond;
  // The heartbeat interval in ms, announced in the welcome so that browsers check the socket.
  private final long heartbeatMillis;
  private final long maxMessageBytes;

  /**
   * Frames whose welcome announces {@code maxMessagesPerSecond}, a heartbeat of {@code
   * heartbeatMillis} and messages of at most {@code maxMessageBytes}.
   *
   * <pre>{@code
   * Frames frames = new Frames(WireJson.mapper(), 200, 15_000, 1_048_576);
   * }</pre>
   */
  public Frames(
      ObjectMapper mapper, int maxMessagesPerSecond, long heartbeatMillis, long maxMessageBytes) {
    this.mapper = mapper;
    this.maxMessagesPerSecond = maxMessagesPerSecond;
    this.heartbeatMillis = heartbeatMillis;
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * The welcome; {@code lastSeq} is the last frame of this page the server processed, {@code
   * resumed} whether the page's session outlived its previous connection, {@code replay} the seq of
   * the last frame resent right after the welcome (0 when none: the page runs its {@code connect}
   * handlers after it), {@code rate} the most messages a second the socket may send, {@code
   * heartbeat} the interval in ms after which a page that heard nothing pings, {@code maxBytes} the
   * largest message the socket accepts (a larger one closes it with 1009), so that the page refuses
   * it instead.
   */
  public String welcome(ClientId id, long lastSeq, boolean resumed, long replay) {
    return write(
        gen -> {
          gen.writeStringField("t", "welcome");
          gen.writeStringField("clientId", id.value());
          gen.writeNumberField("lastSeq", lastSeq);
          gen.writeBooleanField("resumed", resumed);
          gen.writeNumberField("replay", replay);
          gen.writeNumberField("rate", maxMessagesPerSecond);
          gen.writeNumberField("heartbeat", heartbeatMillis);
          gen.writeNumberField("maxBytes", maxMessageBytes);
        });
  }

  /**
   * A page's check that its socket still carries frames, sent when it has heard nothing for a
   * heartbeat interval; read without a parser in exactly this form, answered with {@link #PONG}.
   */
  public static final String PING = "{\"t\":\"ping\"}";

  /** The answer to {@link #PING}: unnumbered and never acknowledged, it only shows life. */
  public static final String PONG = "{\"t\":\"pong\"}";

  private static final String ACK_PREFIX = "{\"t\":\"ack\",\"seq\":";

  /**
   * Reads a browser's acknowledgement, {@code {"t":"ack","seq":n}} exactly as violetear.js writes
   * it, without a JSON parser: it arrives for every few frames the page receives.
   *
   * @return its seq, or -1 when {@code text} is anything else (the dispatcher then reads it)
   */
  public static long ackSeq(String text) {
    if (!text.startsWith(ACK_PREFIX) || !text.endsWith("}")) {
      return -1;
    }
    return seq(text, ACK_PREFIX.length(), text.length() - 1);
  }

  /**
   * Reads the decimal seq in {@code text} from {@code start} to {@code end} (exclusive).
   *
   * @return the seq, or -1 unless those are 1 to 18 digits
   */
  public static long seq(String text, int start, int end) {
    if (end <= start || end - start > 18) {
      return -1;
    }
    long seq = 0;
    for (int i = start; i < end; i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      seq = seq * 10 + (ch - '0');
    }
    return seq;
  }

  private static final String SEQ_TAIL = "\"seq\":";

  /**
   * Reads the seq at the end of a page's frame, {@code ..."seq":n}} as violetear.js writes it,
   * without a JSON parser: a frame the server cannot read still names its place in the sequence.
   *
   * @return the seq, or -1 when {@code text} does not end that way
   */
  public static long trailingSeq(String text) {
    int end = text.length() - 1;
    if (end < 0 || text.charAt(end) != '}') {
      return -1;
    }
    int digits = end;
    while (digits > 0 && Character.isDigit(text.charAt(digits - 1))) {
      digits--;
    }
    if (!text.startsWith(SEQ_TAIL, digits - SEQ_TAIL.length())) {
      return -1;
    }
    return seq(text, digits, end);
  }

  /** The acknowledgement of the page's frames up to {@code seq}; one is built per batch. */
  public static String ack(long seq) {
    return ACK_PREFIX + seq + "}";
  }

  /** An error frame; {@code seq} is null when the frame had no readable seq. */
  public String error(WireError error, Long seq) {
    return write(
        gen -> {
          gen.writeStringField("t", "error");
          gen.writeStringField("type", error.type());
          gen.writeStringField("message", error.message());
          if (seq != null) {
            gen.writeNumberField("seq", seq);
          }
        });
  }

  /**
   * A call of a client function, without its opening brace: each page session prefixes its own seq
   * (see {@link #numbered}), so a frame sent to many pages is serialized once.
   *
   * @throws IOException when an argument does not serialize as its declared type
   */
  public String invoke(String fn, ObjectWriter[] writers, Object[] args) throws IOException {
    return writeChecked(
        1,
        gen -> {
          gen.writeStringField("t", "invoke");
          gen.writeStringField("fn", fn);
          gen.writeArrayFieldStart("args");
          for (int i = 0; i < args.length; i++) {
            value(gen, writers[i], args[i]);
          }
          gen.writeEndArray();
        });
  }

  /**
   * An event for the browsers' handlers, without its opening brace as {@link #invoke}; {@code
   * writer} is null when the data type is unknown.
   *
   * @throws IOException when the data does not serialize
   */
  public String emit(String event, ObjectWriter writer, Object data) throws IOException {
    return writeChecked(
        1,
        gen -> {
          gen.writeStringField("t", "emit");
          gen.writeStringField("event", event);
          gen.writeFieldName("data");
          value(gen, writer == null ? mapper.writer() : writer, data);
        });
  }

  private static void value(JsonGenerator gen, ObjectWriter writer, Object value)
      throws IOException {
    if (value == null) {
      gen.writeNull();
    } else {
      writer.writeValue(gen, value);
    }
  }

  /** Writes the fields of one JSON object. */
  private interface Body {
    void write(JsonGenerator gen) throws IOException;
  }

  /**
   * The frame with seq {@code seq} whose text without the opening brace is {@code tail}, as made by
   * {@link #invoke} or {@link #emit}: one exactly sized copy.
   */
  public static String numbered(long seq, String tail) {
    return "{\"seq\":" + seq + "," + tail;
  }

  /**
   * As {@link #numbered(long, String)}, also acknowledging the page's frames up to {@code ack}, so
   * that a call answered at once costs the socket one write, not a frame and an ack.
   */
  public static String numbered(long seq, long ack, String tail) {
    return "{\"seq\":" + seq + ",\"ack\":" + ack + "," + tail;
  }

  private String write(Body body) {
    try {
      return writeChecked(0, body);
    } catch (IOException e) {
      throw new UncheckedIOException("strings and numbers always serialize", e);
    }
  }

  /** Writes one JSON object and returns its text from {@code start}. */
  private String writeChecked(int start, Body body) throws IOException {
    TextWriter out = TextWriter.borrow();
    try {
      try (JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
        gen.writeStartObject();
        body.write(gen);
        gen.writeEndObject();
      }
      return out.text(start);
    } finally {
      out.release();
    }
  }
}
