// SPDX-License-Identifier: Apache-2.0
package dev.violetear.browser;

import dev.violetear.internal.client.ClientRuntime;
import dev.violetear.internal.client.Codec;
import dev.violetear.internal.client.Json;
import java.util.Objects;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Client code's handle on {@code window.violetear}, the page's single source of truth: its event
 * bus and its connection to the server.
 *
 * <pre>{@code
 * @Client.Callback
 * public static void send(Event e) {
 *   Violetear.runtime().emit("chat", new Message(Dom.find("text").value()));
 * }
 *
 * @Client.On("ready")
 * public static void ready() {
 *   Violetear.runtime().on("typing", () -> Dom.find("hint").text("someone is typing"));
 * }
 * }</pre>
 *
 * <p>An event's data travels as the JSON type that its {@code @Client.On} and {@code @Server.On}
 * handlers declare (they must agree). Works only in the browser; on the JVM every method throws
 * {@link IllegalStateException}.
 */
public final class Violetear {
  private static final Violetear RUNTIME = new Violetear();

  private Violetear() {}

  /** {@return the runtime of this page} */
  public static Violetear runtime() {
    return RUNTIME;
  }

  /**
   * Raises a custom event without data: local {@code @Client.On} handlers run, and the server's
   * {@code @Server.On} handlers receive it with this client's id.
   *
   * @param event the event name, for example {@code "user_joined"}
   * @throws IllegalArgumentException for a lifecycle event name
   * @throws RuntimeException when the connection is down and the outgoing queue is full
   */
  public void emit(String event) {
    emit(event, (Object) null);
  }

  /**
   * Raises a custom event with data, locally and on the server (see {@link #emit(String)}).
   *
   * @param <T> the data type the event's handlers declare
   * @param event the event name
   * @param data the event's data, sent as JSON
   * @throws IllegalArgumentException for a lifecycle event name, or when no handler of the event
   *     declares a data type
   */
  public <T> void emit(String event, T data) {
    Objects.requireNonNull(event, "event == null");
    Browser.require();
    JSObject json = data == null ? Browser.run(Json::nul) : this.<T>codec(event).encode(data);
    Browser.exec(() -> emitRaw(event, json));
  }

  /**
   * Subscribes a handler without data to an event; it runs on its own green thread.
   *
   * @param event the event name, a custom or a lifecycle one
   * @param handler run each time the event is raised
   * @return the subscription, to cancel it
   */
  public Subscription on(String event, Runnable handler) {
    Objects.requireNonNull(event, "event == null");
    Objects.requireNonNull(handler, "handler == null");
    return subscribe(event, ignored -> handler.run());
  }

  /**
   * Subscribes a handler to an event's data, decoded as the type the event's annotated handlers
   * declare.
   *
   * @param <T> the data type the event's handlers declare
   * @param event the event name
   * @param handler run with the decoded data each time the event is raised
   * @return the subscription, to cancel it
   * @throws IllegalArgumentException when no handler of the event declares a data type
   */
  public <T> Subscription on(String event, Consumer<T> handler) {
    Objects.requireNonNull(event, "event == null");
    Objects.requireNonNull(handler, "handler == null");
    Browser.require();
    Codec<T> codec = codec(event);
    return subscribe(event, data -> handler.accept(codec.decode(data)));
  }

  /**
   * Cancels a subscription; the same as {@link Subscription#cancel()}.
   *
   * @param subscription what {@link #on(String, Runnable)} or {@link #on(String, Consumer)}
   *     returned
   */
  public void off(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription == null").cancel();
  }

  /** {@return the state of the connection to the server} */
  public ConnectionState state() {
    String s = Browser.run(Violetear::rawState);
    return switch (s) {
      case "open" -> ConnectionState.OPEN;
      case "closed" -> ConnectionState.CLOSED;
      case "idle" -> ConnectionState.IDLE;
      default -> ConnectionState.CONNECTING;
    };
  }

  /** {@return this client's id as the server issued it, or {@code null} until the first welcome} */
  public String clientId() {
    return Browser.run(Violetear::rawClientId);
  }

  private Subscription subscribe(String event, ClientRuntime.Body body) {
    JSObject unsubscribe = Browser.run(() -> ClientRuntime.onLocal(event, body));
    return () -> Browser.exec(() -> call(unsubscribe));
  }

  @SuppressWarnings("unchecked")
  private <T> Codec<T> codec(String event) {
    Codec<?> codec = Browser.run(() -> ClientRuntime.eventCodec(event));
    if (codec == null) {
      throw new IllegalArgumentException(
          "Event '"
              + event
              + "' has no declared data type: no"
              + " @Client.On or @Server.On handler of it takes a data parameter. Declare one, or"
              + " emit and subscribe without data.");
    }
    return (Codec<T>) codec;
  }

  @JSBody(
      params = {"event", "data"},
      script = "window.violetear.emit(event, data);")
  private static native void emitRaw(String event, JSObject data);

  @JSBody(params = "f", script = "f();")
  private static native void call(JSObject f);

  @JSBody(script = "return window.violetear.state;")
  private static native String rawState();

  @JSBody(script = "return window.violetear.clientId;")
  private static native String rawClientId();
}
