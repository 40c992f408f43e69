// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.VioletearException;
import dev.violetear.app.RealtimeStats;
import dev.violetear.internal.hooks.RunningApp;
import dev.violetear.internal.hooks.ServerHooks;
import dev.violetear.internal.model.AppModel;
import dev.violetear.internal.model.RealtimeMethod;
import dev.violetear.internal.rpc.RpcFunction;
import dev.violetear.internal.wire.Frames;
import dev.violetear.internal.wire.WireJson;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The realtime side of a running app: its connections, the server's event handlers, calls into
 * browsers and the handler threads. {@code App} validates arguments and lifecycle state, then
 * delegates here. Thread-safe; sends only queue frames and return.
 *
 * <pre>{@code
 * Realtime realtime = Realtime.create(app, "Chat", model, groups, settings);
 * realtime.invoke(id, (ClientCall.Of1<String>) Chat::toast, "Welcome");
 * realtime.closeConnections(Duration.ofSeconds(2));
 * realtime.shutdown(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Internal: used by {@code App} only.
 */
public final class Realtime {
  /** Status of the close frame sent to every client when the app stops. */
  private static final int GOING_AWAY = 1001;

  // The model's rule for event names; kept equal to AppModel's.

  private final ObjectMapper mapper = WireJson.mapper();
  private final Frames frames;
  private final Clients clients;
  private final Groups groups;
  // Null for a single node: sends then go straight to this node's pages.
  private final Cluster cluster;
  private final PageSessions pageSessions;
  private final BufferBudget budget;
  private final ServerEvents events;
  private final ClientCalls calls;
  private final FrameDispatcher dispatcher;
  private final Map<String, Type> eventTypes;
  private final Map<String, ObjectWriter> eventWriters = new HashMap<>();
  private final HandlerPool pool;
  private final AckTimer ackTimer;
  // app.emit runs the server's handlers in the order of the calls, off the caller's thread.
  private final SerialQueue appEvents;
  // Null unless a test registered ServerHooks; checked on the few paths a test may slow or fail.
  private final ServerHooks hooks;
  private final RunningApp handle = this::dropConnections;
  private final PageConnections connections;
  private final SharedStates shared;

  private Realtime(
      Object app, String appName, AppModel model, Groups groups, RealtimeSettings settings) {
    this.frames =
        new Frames(
            mapper,
            settings.maxMessagesPerSecond(),
            settings.heartbeat().toMillis(),
            settings.maxMessageBytes());
    this.budget = settings.budget();
    this.pageSessions =
        new PageSessions(
            settings.resumeGrace(),
            settings.maxPageSessions(),
            PageSessions.MAX_PENDING,
            budget,
            this::pageGone);
    this.clients = new Clients(pageSessions, groups);
    this.groups = groups;
    this.events = new ServerEvents(app, model.serverEvents(), mapper);
    this.calls = new ClientCalls(model.clients(), mapper, frames);
    Map<String, RpcFunction> realtimes = new LinkedHashMap<>();
    for (RealtimeMethod r : model.realtimes()) {
      realtimes.put(r.name(), RpcFunction.of(r.name(), r.method(), mapper));
    }
    this.dispatcher = new FrameDispatcher(app, mapper, frames, realtimes, events);
    this.eventTypes = model.eventTypes();
    eventTypes.forEach(
        (event, type) -> {
          if (type != null) {
            eventWriters.put(event, mapper.writerFor(mapper.constructType(type)));
          }
        });
    // Last, so that nothing above can fail and leave threads behind.
    this.pool = new HandlerPool(appName, settings.threads());
    this.ackTimer = new AckTimer(appName, Acks.HOLD_NANOS);
    this.cluster =
        settings.backplane() == null
            ? null
            : new Cluster(settings.backplane(), clients, groups, pageSessions, mapper, ackTimer);
    // Pages that stay away are reported gone within a second of their grace period.
    ackTimer.repeat(pageSessions::sweep, pageSessions.sweepIntervalNanos());
    this.appEvents = pool.newQueue("the app's events");
    this.hooks = ServerHooks.load();
    // To this node's pages only: another node holds its own copy of each shared state, and its
    // pushes would make a page's value jump between the copies.
    this.shared = new SharedStates(model, mapper, frames, clients, groups);
    this.connections =
        new PageConnections(
            pageSessions, cluster, budget, ackTimer, pool, events, frames, hooks, shared);
  }

  /**
   * Prepares the realtime side of {@code model}; the socket endpoint then feeds it connections. A
   * page that reconnects within the settings' grace resumes its session; the welcome tells browsers
   * the message rate and size the socket accepts and how often to check it; the frames held for
   * pages stay within the settings' budget. Handlers run in {@code app}, for {@code App.current()}.
   *
   * @throws VioletearException when a handler method cannot be made callable
   */
  public static Realtime create(
      Object app, String appName, AppModel model, Groups groups, RealtimeSettings settings) {
    Realtime realtime = new Realtime(app, appName, model, groups, settings);
    if (realtime.cluster != null) {
      try {
        // Before the web server opens, so that what other nodes send has pages to reach.
        realtime.cluster.backplane().start(appName, realtime.cluster);
      } catch (RuntimeException e) {
        realtime.shutdown(Duration.ZERO);
        throw new VioletearException(
            "The app could not join its other nodes through "
                + realtime.cluster.backplane()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    if (realtime.hooks != null) {
      realtime.hooks.started(realtime.handle);
    }
    return realtime;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * The test hooks found when the app started, or null when none is installed (as in production).
   */
  public ServerHooks hooks() {
    return hooks;
  }

  // ---- connections (from SocketEndpoint, on Jetty's threads) ---------------------------------

  /**
   * Registers a new socket and queues its connect handlers, then its welcome frame (see {@link
   * PageConnections#open}).
   */
  Connection open(
      ClientId id,
      Object principal,
      String key,
      Outbound.Wire socket,
      String pageSessionId,
      long received,
      boolean isResume) {
    return connections.open(id, principal, key, socket, pageSessionId, received, isResume);
  }

  /** Whether a socket of {@code id} naming page session {@code name} would resume it. */
  boolean resumes(ClientId id, String name) {
    return pageSessions.resumes(id, name);
  }

  /**
   * Queues a frame behind everything its connection has queued, for the handler pool. Called on the
   * selector thread that read the frame (see {@link SelectorReads}), which must never block: only
   * acknowledgements, pings and calls of {@code @Server.NonBlocking} methods when the connection
   * has nothing queued run here.
   *
   * @return false when {@code limit} frames already wait
   */
  boolean receive(Connection c, String text, int limit) {
    // Acknowledgements skip the queue: they only free the session's buffer.
    long acked = Frames.ackSeq(text);
    if (acked >= 0) {
      Sequence.acked(c, acked);
      return true;
    }
    // So do the page's heartbeat pings: the answer only has to show that the socket carries frames.
    if (text.equals(Frames.PING)) {
      c.outbound().send(Frames.PONG);
      return true;
    }
    RpcFunction inPlace = dispatcher.nonBlocking(text);
    if (inPlace != null) {
      return c.inbound().offerInline(() -> dispatcher.dispatchInPlace(c, text, inPlace), limit);
    }
    return c.inbound().offer(() -> dispatcher.dispatch(c, text), limit);
  }

  /**
   * Unregisters a closed socket and queues its disconnect handlers (see {@link
   * PageConnections#closed}).
   */
  void closed(Connection c, boolean left) {
    connections.closed(c, left);
  }

  // Called when a page is gone, which is after the constructor has set connections.
  private void pageGone(PageSessions.Ended ended) {
    connections.pageGone(ended);
  }

  // ---- the app's API ---------------------------------------------------------------------------

  /**
   * Calls a client method in every page of {@code to}: a {@link ClientId}, one {@link PageId}, a
   * group's name, or null for every client.
   */
  public void invoke(Object to, Serializable method, Object... args) {
    ClientCalls.Call call = calls.prepare(method, args);
    send(to, call.tail(), call.name());
  }

  /** Runs the server's handlers of {@code event} on the handler threads, in call order. */
  public void emit(String event, Object data) {
    EventChecks.name(event);
    for (Type type : events.dataTypes(event)) {
      EventChecks.data(mapper, event, data, type);
    }
    appEvents.add(() -> events.fromApp(event, data));
  }

  /** Delivers {@code event} to the browser handlers of every page of {@code to}, as invoke. */
  public void emitTo(Object to, String event, Object data) {
    send(to, emitFrame(event, data), "event '" + event + "'");
  }

  private void send(Object to, String tail, String what) {
    if (cluster != null) {
      cluster.send(to, tail);
    } else {
      clients.send(to, tail, what);
    }
  }

  /** Adds {@code id} to {@code group}, on every node when there are several. */
  public void join(ClientId id, String group) {
    if (cluster != null) {
      cluster.join(id, group);
    } else {
      groups.join(id, group);
    }
  }

  /** Removes {@code id} from {@code group}, on every node when there are several. */
  public void leave(ClientId id, String group) {
    if (cluster != null) {
      cluster.leave(id, group);
    } else {
      groups.leave(id, group);
    }
  }

  /**
   * Runs the app's {@code start} handlers on the calling thread.
   *
   * @throws VioletearException when one fails; the later ones do not run
   */
  public void runStart() {
    shared.start();
    events.runStart();
  }

  /** Runs the app's {@code stop} handlers on the calling thread; failures are logged. */
  public void runStop() {
    events.runStop();
  }

  /**
   * Closes every connection (1001) once its queued frames are written, waiting up to {@code flush}
   * for the sockets to close.
   */
  public void closeConnections(Duration flush) {
    List<Connection> open = clients.all();
    for (Connection c : open) {
      c.closeAfterFlush(GOING_AWAY, "the server is stopping");
    }
    try {
      CompletableFuture.allOf(
              open.stream().map(Connection::closed).toArray(CompletableFuture[]::new))
          .get(flush.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // The web server's own stop closes whatever is left.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A snapshot of the connections and page sessions. */
  public RealtimeStats stats() {
    long[] counts = new long[3];
    pageSessions.forEach(
        page -> {
          if (page.current() != null) {
            counts[0]++;
          }
          counts[1]++;
          counts[2] += page.pending();
        });
    return new RealtimeStats(
        (int) counts[0],
        (int) counts[1],
        counts[2],
        pageSessions.dropped(),
        budget.buffered(),
        cluster == null ? null : cluster.backplane().health());
  }

  /** Closes every socket at once with 1012, for fault-injection tests (see ServerHooks). */
  void dropConnections() {
    for (Connection c : clients.all()) {
      c.closeAfterFlush(1012, "connection dropped by a fault-injection test");
    }
  }

  /** Lets queued handlers (disconnects, emits) finish for up to {@code grace}, then stops. */
  public void shutdown(Duration grace) {
    shared.stop();
    if (hooks != null) {
      hooks.stopped(handle);
    }
    pool.shutdown(grace);
    ackTimer.shutdown();
    if (cluster != null) {
      cluster.backplane().close();
    }
  }

  // ---- checks ----------------------------------------------------------------------------------

  private String emitFrame(String event, Object data) {
    EventChecks.name(event);
    EventChecks.data(mapper, event, data, eventTypes.get(event));
    try {
      return frames.emit(event, eventWriters.get(event), data);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "The data of event '"
              + event
              + "' does not serialize to JSON: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
  }
}
