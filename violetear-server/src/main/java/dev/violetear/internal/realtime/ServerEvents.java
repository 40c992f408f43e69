// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.RpcException;
import dev.violetear.VioletearException;
import dev.violetear.internal.Caller;
import dev.violetear.internal.model.EventHandler;
import dev.violetear.internal.model.Names;
import dev.violetear.internal.rpc.Reflection;
import dev.violetear.internal.security.RequestId;
import dev.violetear.internal.wire.ConversionProblem;
import dev.violetear.internal.wire.ErrorReports;
import dev.violetear.internal.wire.TypeNames;
import dev.violetear.internal.wire.WireError;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@code @Server.On} handlers by event, prepared at startup: where each takes the {@link
 * ClientId} and the data, and a strict reader for data that comes from a browser. Handlers run on
 * the caller's thread; choosing the thread (and the order) is the caller's job.
 */
final class ServerEvents {
  private static final Logger log = LoggerFactory.getLogger(ServerEvents.class);

  /** One handler; {@code reader} is null when it takes no data. */
  private record Target(
      EventHandler handler, String name, ObjectReader reader, String dataName, String dataType) {}

  private final Map<String, List<Target>> byEvent = new LinkedHashMap<>();
  // The App the handlers run in, for App.current().
  private final Object app;

  ServerEvents(Object app, List<EventHandler> handlers, ObjectMapper mapper) {
    this.app = app;
    for (EventHandler h : handlers) {
      String name = Names.of(h.method());
      Reflection.makeCallable(name, h.method());
      Type type = h.dataType();
      Target target =
          type == null
              ? new Target(h, name, null, "", "")
              : new Target(
                  h,
                  name,
                  mapper.readerFor(mapper.constructType(type)),
                  h.method().getParameters()[h.dataIndex()].getName(),
                  TypeNames.of(type));
      byEvent.computeIfAbsent(h.event(), e -> new ArrayList<>()).add(target);
    }
  }

  /** The handlers of {@code event}, in the model's order; empty when there are none. */
  private List<Target> handlers(String event) {
    return byEvent.getOrDefault(event, List.of());
  }

  /** The data classes the app's handlers of {@code event} take, for checks of app.emit. */
  List<Type> dataTypes(String event) {
    List<Type> types = new ArrayList<>();
    for (Target t : handlers(event)) {
      if (t.reader() != null) {
        types.add(t.handler().dataType());
      }
    }
    return types;
  }

  /**
   * Runs the handlers of the app's {@code start}, stopping at the first failure.
   *
   * @throws VioletearException when a handler fails
   */
  void runStart() {
    for (Target t : handlers("start")) {
      try {
        call(t, null, null, null, null);
      } catch (Exception | LinkageError e) {
        Throwable cause = unwrap(e);
        throw new VioletearException(
            "@Server.On(\"start\") handler " + t.name() + " failed: " + cause, cause);
      }
    }
  }

  /** Runs every handler of the app's {@code stop}; failures are logged. */
  void runStop() {
    for (Target t : handlers("stop")) {
      try {
        call(t, null, null, null, null);
      } catch (Exception | LinkageError e) {
        log.error("@Server.On(\"stop\") handler {} failed", t.name(), unwrap(e));
      }
    }
  }

  /**
   * Runs the handlers of a lifecycle event of one page ({@code connect}, {@code disconnect}, {@code
   * page_open}, {@code page_close}); failures are logged.
   */
  void runClientLifecycle(String event, ClientId id, PageId page, Object principal) {
    for (Target t : handlers(event)) {
      try {
        call(t, id, page, principal, null);
      } catch (Exception | LinkageError e) {
        log.error(
            "{} failed handling '{}' of {} (request id {})",
            t.name(),
            event,
            ErrorReports.client(id),
            RequestId.next(),
            unwrap(e));
      }
    }
  }

  /**
   * Runs the handlers of an event that a browser emitted, as that client (with the principal of its
   * connection, or null). The data is converted for every handler before any runs, so bad data runs
   * none of them.
   *
   * @return the error to report to the browser, or null
   */
  WireError fromBrowser(
      String event, JsonNode data, ClientId sender, PageId page, Object principal) {
    List<Target> targets = handlers(event);
    Object[] values = new Object[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      if (t.reader() == null) {
        continue;
      }
      try {
        values[i] = t.reader().readValue(data);
      } catch (IOException | RuntimeException e) {
        return new WireError(
            "BadData",
            "Event '"
                + ErrorReports.shorten(event)
                + "': "
                + t.name()
                + " parameter '"
                + t.dataName()
                + "' expects "
                + t.dataType()
                + ": "
                + ConversionProblem.describe(e, data));
      }
    }
    WireError first = null;
    for (int i = 0; i < targets.size(); i++) {
      WireError error = run(targets.get(i), event, sender, page, principal, values[i]);
      if (first == null) {
        first = error;
      }
    }
    return first;
  }

  /** Runs the handlers of an event the app emitted, without a sender; failures are logged. */
  void fromApp(String event, Object data) {
    for (Target t : handlers(event)) {
      run(t, event, null, null, null, data);
    }
  }

  private WireError run(
      Target t, String event, ClientId sender, PageId page, Object principal, Object data) {
    try {
      call(t, sender, page, principal, data);
      return null;
    } catch (Exception | LinkageError e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RpcException rpc) {
        return new WireError(rpc.type(), rpc.getMessage());
      }
      return failed(t, event, sender, cause);
    }
  }

  /** The handler's own exception, without the reflection wrapper around it. */
  static Throwable unwrap(Throwable e) {
    return e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
  }

  private static WireError failed(Target t, String event, ClientId sender, Throwable cause) {
    String requestId = RequestId.next();
    log.error(
        "{} failed handling '{}' from {} (request id {})",
        t.name(),
        event,
        sender == null ? "the app" : ErrorReports.client(sender),
        requestId,
        cause);
    return new WireError(
        "ServerError",
        t.name()
            + " failed on the server (request id "
            + requestId
            + "). The details are in the server log.");
  }

  /**
   * Calls the handler as {@code id}'s {@code page} with {@code principal}, filling the parameters
   * it declares.
   */
  private void call(Target t, ClientId id, PageId page, Object principal, Object data)
      throws Exception {
    Method m = t.handler().method();
    Object[] args = new Object[m.getParameterCount()];
    int idIndex = t.handler().clientIdIndex();
    if (idIndex >= 0) {
      args[idIndex] = id;
    }
    int pageIndex = t.handler().pageIdIndex();
    if (pageIndex >= 0) {
      args[pageIndex] = page;
    }
    if (t.reader() != null) {
      args[t.handler().dataIndex()] = data;
    }
    Caller.with(app, id, page, principal, () -> m.invoke(null, args));
  }
}
