// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.violetear.RpcException;
import dev.violetear.internal.Caller;
import dev.violetear.internal.model.EventHandler;
import dev.violetear.internal.rpc.RpcFunction;
import dev.violetear.internal.security.RequestId;
import dev.violetear.internal.wire.ConversionProblem;
import dev.violetear.internal.wire.ErrorReports;
import dev.violetear.internal.wire.Frames;
import dev.violetear.internal.wire.WireError;
import dev.violetear.internal.wire.WireJson;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one frame from a browser, on that connection's serial queue: {@code call} runs a
 * {@code @Server.Realtime} method and {@code emit} runs the event's {@code @Server.On} handlers,
 * both as the sending client. Whatever a frame does wrong is answered with an error frame to that
 * client only, and the connection stays open; every frame with a seq is acknowledged after it was
 * processed, also when it failed, so the client never resends it.
 */
final class FrameDispatcher {
  private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

  // A @Server.NonBlocking call that holds the selector thread longer is logged.
  private static final long SLOW_IN_PLACE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final ObjectMapper mapper;
  // Built once: ObjectMapper.readTree would look up the tree deserializer again for every frame.
  private final ObjectReader treeReader;
  private final Frames frames;
  private final Map<String, RpcFunction> realtimes;
  private final ServerEvents events;
  // Methods already warned about (a result; holding the selector thread), so that a frequent call
  // does not flood the log.
  private final Set<String> warnedResults = ConcurrentHashMap.newKeySet();
  private final Set<String> warnedSlow = ConcurrentHashMap.newKeySet();
  private final boolean hasNonBlocking;

  // The App the handlers run in, for App.current().
  private final Object app;

  FrameDispatcher(
      Object app,
      ObjectMapper mapper,
      Frames frames,
      Map<String, RpcFunction> realtimes,
      ServerEvents events) {
    this.app = app;
    this.mapper = mapper;
    this.treeReader = mapper.reader();
    this.frames = frames;
    this.realtimes = Map.copyOf(realtimes);
    this.hasNonBlocking = realtimes.values().stream().anyMatch(RpcFunction::isNonBlocking);
    this.events = events;
  }

  /**
   * The {@code @Server.NonBlocking} method {@code text} calls, which may run on the selector thread
   * that read it, or null: the frame runs on the handler pool.
   */
  RpcFunction nonBlocking(String text) {
    if (!hasNonBlocking) {
      return null;
    }
    RpcFunction function = DirectCall.named(realtimes, text);
    return function != null && function.isNonBlocking() ? function : null;
  }

  /**
   * Dispatches a call of {@code function}, a {@code @Server.NonBlocking} method, on the selector
   * thread that read it, and warns when it held that thread long: no other socket it reads was read
   * meanwhile.
   */
  void dispatchInPlace(Connection c, String text, RpcFunction function) {
    long start = System.nanoTime();
    dispatch(c, text);
    long took = System.nanoTime() - start;
    if (took > SLOW_IN_PLACE_NANOS) {
      String name = function.name();
      String message =
          name
              + " took "
              + TimeUnit.NANOSECONDS.toMillis(took)
              + " ms on the web server's thread that reads sockets, and no other socket it reads"
              + " was read meanwhile. A @Server.NonBlocking method must not wait: remove the"
              + " annotation, or move what waits to another thread.";
      warnOnce(warnedSlow, name, message);
    }
  }

  void dispatch(Connection c, String text) {
    DirectCall direct = DirectCall.read(mapper, realtimes, text);
    if (direct != null) {
      run(c, direct);
      return;
    }
    JsonNode frame;
    try {
      frame = treeReader.readTree(text);
    } catch (JsonProcessingException e) {
      unreadable(c, text, e);
      return;
    }
    if (frame == null || !frame.isObject()) {
      reply(
          c,
          badFrame(
              "the frame must be a JSON object such as {\"t\":\"call\",...}, got "
                  + ConversionProblem.value(frame)),
          null);
      return;
    }
    JsonNode seqNode = frame.get("seq");
    if (seqNode != null && !seqNode.canConvertToExactIntegral()) {
      reply(
          c,
          badFrame(
              "the frame's 'seq' must be a whole number, got " + ConversionProblem.value(seqNode)),
          null);
      return;
    }
    if (seqNode != null && !seqNode.canConvertToLong()) {
      // Without a seq it could be read, such a frame would run again on every resend.
      reply(
          c,
          badFrame("the frame's 'seq' is out of range, got " + ConversionProblem.value(seqNode)),
          null);
      return;
    }
    Long seq = seqNode == null ? null : seqNode.asLong();
    if (frame.path("t").asText().equals("ping")) {
      // A heartbeat ping the socket thread's fast path did not recognise (other spacing).
      c.outbound().send(Frames.PONG);
      return;
    }
    if (frame.path("t").asText().equals("ack")) {
      // An acknowledgement the socket thread's fast path did not recognise (other spacing).
      if (seq == null) {
        reply(c, badFrame("the ack frame must carry the last 'seq' the page received"), null);
      } else {
        Sequence.acked(c, seq);
      }
      return;
    }
    JsonNode ack = frame.get("ack");
    if (ack != null && !(ack.canConvertToExactIntegral() && ack.canConvertToLong())) {
      reply(
          c,
          badFrame(
              "the frame's 'ack' must be the last seq the page received, a whole number, got "
                  + ConversionProblem.value(ack)),
          null);
      return;
    }
    if (ack != null && !Sequence.acked(c, ack.asLong())) {
      return;
    }
    if (seq != null) {
      if (!Sequence.admit(c, seq)) {
        return;
      }
      c.acks().started(seq);
    }
    WireError error = handle(c, frame);
    reply(c, error, seq);
    if (seq != null) {
      processed(c, seq);
    }
  }

  /**
   * Answers a frame that is not JSON or breaks a limit. When it still ends with its seq, as every
   * frame of violetear.js does, it counts as processed: the page forgets it instead of resending it
   * forever, and its next frame follows in the sequence.
   */
  private void unreadable(Connection c, String text, JsonProcessingException e) {
    String limit = WireJson.brokenLimit(e, mapper);
    JsonLocation at = e.getLocation();
    WireError error =
        badFrame(
            limit != null
                ? "the frame " + limit
                : "the frame is not valid JSON"
                    + (at == null
                        ? ""
                        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    long seq = Frames.trailingSeq(text);
    if (seq < 0) {
      reply(c, error, null);
    } else if (Sequence.admit(c, seq)) {
      c.acks().started(seq);
      reply(c, error, seq);
      processed(c, seq);
    }
  }

  /** Runs a call read without a tree, as {@link #dispatch} runs one read as a tree. */
  private void run(Connection c, DirectCall call) {
    long seq = call.seq();
    if (call.ack() >= 0 && !Sequence.acked(c, call.ack())) {
      return;
    }
    if (!Sequence.admit(c, seq)) {
      return;
    }
    c.acks().started(seq);
    reply(c, invoke(c, call.name(), call.function(), call::values), seq);
    processed(c, seq);
  }

  private static void processed(Connection c, long seq) {
    c.session().processed(seq);
    // Acknowledged with the rest of the batch, after the queue has handled it.
    c.acks().processed(seq);
  }

  private WireError handle(Connection c, JsonNode frame) {
    JsonNode type = frame.get("t");
    if (type == null) {
      return badFrame("the frame has no type 't'; expected call or emit");
    }
    if (type.isTextual() && type.asText().equals("call")) {
      return call(c, frame);
    }
    if (type.isTextual() && type.asText().equals("emit")) {
      return emit(c, frame);
    }
    return badFrame(
        "unknown frame type "
            + (type.isTextual()
                ? "'" + ErrorReports.shorten(type.asText()) + "'"
                : ConversionProblem.value(type))
            + "; expected call or emit");
  }

  private WireError call(Connection c, JsonNode frame) {
    JsonNode fn = frame.get("fn");
    if (fn == null || !fn.isTextual()) {
      return badFrame("the call frame must name its function in 'fn', like \"Chat.send\"");
    }
    String name = fn.asText();
    RpcFunction function = realtimes.get(name);
    if (function == null) {
      return new WireError("UnknownFunction", RpcFunction.unknownMessage(name, "@Server.Realtime"));
    }
    JsonNode args = frame.get("args");
    if (args == null || !args.isArray()) {
      return badFrame(
          "the call of "
              + name
              + " must have an array 'args', got "
              + (args == null ? "none" : ConversionProblem.value(args)));
    }
    return invoke(c, name, function, () -> function.readArguments(args));
  }

  /** Runs {@code function} as the connection's client, with the arguments {@code values} reads. */
  private WireError invoke(
      Connection c, String name, RpcFunction function, Supplier<Object[]> values) {
    if (function.isSignedIn() && c.principal() == null) {
      return new WireError("Unauthenticated", function.signedInMessage(true));
    }
    Object result;
    try {
      Object[] args = values.get();
      result =
          Caller.with(app, c.id(), c.session().page(), c.principal(), () -> function.invoke(args));
    } catch (Exception | LinkageError e) {
      Throwable cause = ServerEvents.unwrap(e);
      if (cause instanceof RpcException rpc) {
        // BadArguments from the conversion, or a typed error the method meant for its caller.
        return new WireError(rpc.type(), rpc.getMessage());
      }
      String requestId = RequestId.next();
      log.error(
          "{} failed for {} (request id {})", name, ErrorReports.client(c.id()), requestId, cause);
      return new WireError(
          "ServerError",
          name
              + " failed on the server (request id "
              + requestId
              + "). The details are in the server log.");
    }
    if (result != null) {
      warnOnce(
          warnedResults,
          name,
          name + " returned a value, but realtime calls have no result: it is lost");
    }
    return null;
  }

  private WireError emit(Connection c, JsonNode frame) {
    JsonNode eventNode = frame.get("event");
    if (eventNode == null || !eventNode.isTextual() || eventNode.asText().isEmpty()) {
      return badFrame("the emit frame must name its event in 'event', like \"game_started\"");
    }
    String event = eventNode.asText();
    if (EventHandler.isLifecycle(event)) {
      return new WireError(
          "ReservedEvent",
          "browsers cannot emit the lifecycle event '"
              + event
              + "': only the framework raises it. Emit a custom event instead, such as"
              + " 'user_joined'");
    }
    JsonNode data = frame.get("data");
    // An event nobody handles on the server is fine: it was for the browser's own handlers.
    return events.fromBrowser(
        event,
        data == null ? NullNode.getInstance() : data,
        c.id(),
        c.session().page(),
        c.principal());
  }

  /** Logs {@code message} as a warning the first time for {@code name}, then at debug level. */
  private static void warnOnce(Set<String> warned, String name, String message) {
    if (warned.add(name)) {
      log.warn(message);
    } else {
      log.debug(message);
    }
  }

  private void reply(Connection c, WireError error, Long seq) {
    if (error != null) {
      c.outbound().send(frames.error(error, seq));
    }
  }

  private static WireError badFrame(String message) {
    return new WireError("BadFrame", message);
  }
}
