// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.internal.hooks.OpenSocket;
import dev.violetear.internal.wire.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket at {@code /_violetear/ws}, as Jetty's WebSocket core delivers its frames: text
 * messages go to the connection's queue, pings are answered, anything else closes the socket. Jetty
 * calls it on the selector thread that read the frame ({@link SelectorReads}), so nothing here may
 * block or run the app's code, and it asks for the next frame only after this one is queued, so the
 * reading state needs no lock.
 *
 * <p>It talks to Jetty's core session directly rather than through Jetty's listener API, which
 * finds listener methods through a public lookup that a module-path app could not grant to an
 * internal package, and which adds a layer per message.
 */
final class PageSocket implements FrameHandler, Outbound.Wire, OpenSocket {
  private static final Logger log = LoggerFactory.getLogger(PageSocket.class);
  private static final int UNSUPPORTED_DATA = 1003;
  private static final int BAD_PAYLOAD = 1007;
  private static final int MESSAGE_TOO_BIG = 1009;
  // quietTicks while a frame is read: then the socket does not wait for its peer.
  private static final int READING = -1;
  private static final VarHandle QUIET_TICKS;

  static {
    try {
      QUIET_TICKS = MethodHandles.lookup().findVarHandle(PageSocket.class, "quietTicks", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The code the runtime closes with when its page unloads for good (see violetear.js). */
  static final int PAGE_GONE = 4001;

  private final SocketEndpoint endpoint;
  private final ClientId id;
  private final Object principal;
  private final String pageSessionId;
  private final long received;
  private final boolean isResume;
  private final String address;
  private final String key;

  private volatile CoreSession session;
  private volatile Connection connection;
  private volatile boolean isCloseReported;
  // The server asked to close or abort: a close code then is not the page's word.
  private volatile boolean isClosedHere;
  // The page closed its socket because it is unloading for good.
  private volatile boolean hasLeft;

  // Heartbeat ticks since the socket last asked Jetty for a frame, or READING; see tick(). Set
  // with release stores on the frame path, which cost no fence, and counted with CAS by the tick.
  @SuppressWarnings("unused")
  private int quietTicks;

  // Guarded by this: the connection has been ended.
  private boolean isEnded;

  // Read state, touched by one frame at a time: a text message arriving in several frames.
  private byte[] message;
  private int length;

  PageSocket(
      SocketEndpoint endpoint,
      ClientId id,
      Object principal,
      String address,
      String pageSessionId,
      long received,
      boolean isResume,
      String key) {
    this.endpoint = endpoint;
    this.id = id;
    this.principal = principal;
    this.address = address;
    this.pageSessionId = pageSessionId;
    this.received = received;
    this.isResume = isResume;
    this.key = key;
  }

  ClientId id() {
    return id;
  }

  Object principal() {
    return principal;
  }

  /** Where the socket comes from, for per-address limits. */
  String address() {
    return address;
  }

  String pageSessionId() {
    return pageSessionId;
  }

  long received() {
    return received;
  }

  /** Whether the page said it had a welcome before: some node may hold its session. */
  boolean isResume() {
    return isResume;
  }

  String key() {
    return key;
  }

  @Override
  public void onOpen(CoreSession session, Callback callback) {
    this.session = session;
    connection = endpoint.opened(this);
    // A socket that failed while it was registered may have reported its close before the
    // connection existed; without this its page session would wait for it forever.
    if (isCloseReported || session.isClosed()) {
      log.debug("Socket {} closed while it was being registered", key);
      ended();
    }
    callback.succeeded();
    demand();
  }

  @Override
  public void onFrame(Frame frame, Callback callback) {
    QUIET_TICKS.setRelease(this, READING);
    switch (frame.getOpCode()) {
      case OpCode.TEXT -> text(frame, callback);
      case OpCode.CONTINUATION -> {
        if (message != null) {
          text(frame, callback);
        } else {
          // The rest of a binary message, already refused.
          callback.succeeded();
          demand();
        }
      }
      case OpCode.BINARY -> {
        callback.succeeded();
        session.close(UNSUPPORTED_DATA, "frames are JSON text", Callback.NOOP);
      }
      case OpCode.PING -> {
        ByteBuffer payload = frame.hasPayload() ? BufferUtil.copy(frame.getPayload()) : null;
        callback.succeeded();
        session.sendFrame(new Frame(OpCode.PONG, payload), Callback.NOOP, false);
        demand();
      }
      case OpCode.CLOSE -> callback.succeeded();
      default -> {
        callback.succeeded();
        demand();
      }
    }
  }

  private void text(Frame frame, Callback callback) {
    ByteBuffer payload = frame.getPayload();
    int n = payload == null ? 0 : payload.remaining();
    if (message == null && frame.isFin()) {
      byte[] bytes = new byte[n];
      if (n > 0) {
        payload.get(bytes);
      }
      callback.succeeded();
      deliver(bytes, n);
      return;
    }
    long max = endpoint.maxMessageBytes();
    if (length + (long) n > max) {
      callback.succeeded();
      message = null;
      length = 0;
      session.close(MESSAGE_TOO_BIG, "messages may have at most " + max + " bytes", Callback.NOOP);
      return;
    }
    if (message == null) {
      message = new byte[Math.max(n, 256)];
    } else if (message.length < length + n) {
      message = Arrays.copyOf(message, (int) Math.min(max, Math.max(length + n, 2L * length)));
    }
    if (n > 0) {
      payload.get(message, length, n);
    }
    length += n;
    callback.succeeded();
    if (!frame.isFin()) {
      demand();
      return;
    }
    byte[] bytes = message;
    int total = length;
    message = null;
    length = 0;
    deliver(bytes, total);
  }

  private void deliver(byte[] bytes, int n) {
    String text = Utf8.decode(bytes, n);
    if (text == null) {
      session.close(BAD_PAYLOAD, "frames must be UTF-8 text", Callback.NOOP);
      return;
    }
    Connection c = connection;
    if (c != null) {
      endpoint.received(c, text, this);
    }
    demand();
  }

  /** Asks Jetty for the next frame; the heartbeat counts the silence from here. */
  private void demand() {
    QUIET_TICKS.setRelease(this, 0);
    session.demand();
  }

  /**
   * Counts a heartbeat tick and returns how many have passed since the socket last waited for a
   * frame, so 3 means more than two whole intervals of silence from the peer. Returns 0 while a
   * frame is being read: the peer is not silent then.
   */
  int tick() {
    int ticks = (int) QUIET_TICKS.getVolatile(this);
    if (ticks == READING || !QUIET_TICKS.compareAndSet(this, ticks, ticks + 1)) {
      return 0;
    }
    return ticks + 1;
  }

  @Override
  public void onError(Throwable cause, Callback callback) {
    log.debug("Socket {} failed", key, cause);
    callback.succeeded();
  }

  @Override
  public void onClosed(CloseStatus status, Callback callback) {
    log.debug("Socket {} closed: {} {}", key, status.getCode(), status.getReason());
    int code = status.getCode();
    // Only the runtime's own code: Jetty reports its idle timeout and its stop as 1001.
    hasLeft = !isClosedHere && code == PAGE_GONE;
    isCloseReported = true;
    endpoint.closeReported(key);
    ended();
    callback.succeeded();
  }

  /** Ends the connection once, whichever of registration and the close report comes last. */
  private void ended() {
    Connection c = connection;
    if (c == null) {
      return;
    }
    synchronized (this) {
      if (isEnded) {
        return;
      }
      isEnded = true;
    }
    endpoint.closed(this, c, hasLeft);
  }

  // ---- Outbound.Wire ---------------------------------------------------------------------------

  @Override
  public void sendText(String text, Callback callback) {
    session.sendFrame(new Frame(OpCode.TEXT, text), callback, false);
  }

  @Override
  public void close(int code, String reason) {
    isClosedHere = true;
    session.close(code, reason, Callback.NOOP);
  }

  /** Sends a ping, so that a quiet but healthy connection is not closed as idle. */
  void ping() {
    session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
  }

  /**
   * Drops the connection without a close handshake, which a peer that is gone would never answer;
   * the close is reported as for any other.
   */
  void abort() {
    session.abort();
  }

  // ---- OpenSocket, for tests' fault hooks ------------------------------------------------------

  @Override
  public void disconnect() {
    isClosedHere = true;
    abort();
  }

  @Override
  public void write(String text) {
    sendText(text, Callback.NOOP);
  }
}
