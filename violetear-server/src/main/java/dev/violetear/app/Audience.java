// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.ClientCall;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.io.Serializable;
import java.util.Objects;

/**
 * Who receives a call or an event from the server: one page, one client, a group or everyone,
 * picked with {@link Clients#page}, {@link Clients#to}, {@link Clients#group} or {@link
 * Clients#all}. Calls name a {@code @Client.Realtime} method by a method reference, so javac checks
 * the arguments.
 *
 * <pre>{@code
 * Clients clients = App.current().clients();
 * clients.page(PageId.caller()).invoke(Chat::toast, "Hi");  // the calling tab only
 * clients.to(id).invoke(Chat::toast, "Welcome!");           // one client, every tab
 * clients.group("room-7").emit("user_joined", "Ada");       // a @Client.On("user_joined") handler
 * clients.all().invoke(Board::cursor, "ada", 10.5, 20.0);   // every client
 * }</pre>
 *
 * <p>Fire-and-forget: each method queues one frame per page and returns at once, never waiting for
 * the network. Frames reach each page in the order they were sent; a page that is away (a dropped
 * connection, a page kept in the browser's back/forward cache) receives them when it comes back
 * within {@link AppConfig#resumeGrace}. A client with no page session (it never connected, or its
 * last page left more than the grace period ago) receives nothing, which is logged at DEBUG; a
 * group without members receives nothing either. Arguments and data travel as JSON of the declared
 * parameter types. Thread-safe.
 */
public final class Audience {
  private enum Kind {
    PAGE,
    CLIENT,
    GROUP,
    ALL
  }

  private final App app;
  private final Kind kind;
  private final Object target;

  private Audience(App app, Kind kind, Object target) {
    this.app = app;
    this.kind = kind;
    this.target = target;
  }

  static Audience page(App app, PageId page) {
    return new Audience(app, Kind.PAGE, page);
  }

  static Audience client(App app, ClientId id) {
    return new Audience(app, Kind.CLIENT, id);
  }

  static Audience group(App app, String group) {
    return new Audience(app, Kind.GROUP, group);
  }

  static Audience everyone(App app) {
    return new Audience(app, Kind.ALL, "");
  }

  /**
   * Calls a {@code @Client.Realtime} method without parameters.
   *
   * <pre>{@code
   * clients.all().invoke(Game::reset);
   * }</pre>
   *
   * @param method a reference to the {@code @Client.Realtime} method
   * @throws IllegalArgumentException for a lambda, or a method that is not {@code @Client.Realtime}
   *     in a registered class
   * @throws IllegalStateException when the app is not running
   */
  public void invoke(ClientCall.Of0 method) {
    send(method);
  }

  /**
   * Calls a {@code @Client.Realtime} method with one argument.
   *
   * <pre>{@code
   * clients.to(id).invoke(Chat::toast, "Welcome!");
   * }</pre>
   *
   * @param <A> the type of the method's parameter
   * @param method a reference to the {@code @Client.Realtime} method
   * @param a the argument
   * @throws IllegalArgumentException as {@link #invoke(ClientCall.Of0)}, or for an argument that
   *     does not serialize (or is null for a primitive parameter)
   * @throws IllegalStateException when the app is not running
   */
  public <A> void invoke(ClientCall.Of1<A> method, A a) {
    send(method, a);
  }

  /**
   * Calls a {@code @Client.Realtime} method with two arguments.
   *
   * <pre>{@code
   * clients.to(id).invoke(Chat::toast, "Welcome!", "info");
   * }</pre>
   *
   * <p>As {@link #invoke(ClientCall.Of1, Object)}.
   *
   * @param <A> the type of the method's first parameter
   * @param <B> the type of the method's second parameter
   * @param method a reference to the {@code @Client.Realtime} method
   * @param a the first argument
   * @param b the second argument
   */
  public <A, B> void invoke(ClientCall.Of2<A, B> method, A a, B b) {
    send(method, a, b);
  }

  /**
   * Calls a {@code @Client.Realtime} method with three arguments.
   *
   * <pre>{@code
   * clients.all().invoke(Board::cursor, "ada", 10.5, 20.0);
   * }</pre>
   *
   * <p>As {@link #invoke(ClientCall.Of1, Object)}.
   *
   * @param <A> the type of the method's first parameter
   * @param <B> the type of the method's second parameter
   * @param <C> the type of the method's third parameter
   * @param method a reference to the {@code @Client.Realtime} method
   * @param a the first argument
   * @param b the second argument
   * @param c the third argument
   */
  public <A, B, C> void invoke(ClientCall.Of3<A, B, C> method, A a, B b, C c) {
    send(method, a, b, c);
  }

  /**
   * Calls a {@code @Client.Realtime} method with four arguments, the most a typed reference takes
   * (the app refuses to start with a {@code @Client.Realtime} method of more: group them in a
   * record).
   *
   * <pre>{@code
   * clients.group("board").invoke(Board::line, 0, 0, 100, 50);
   * }</pre>
   *
   * <p>As {@link #invoke(ClientCall.Of1, Object)}.
   *
   * @param <A> the type of the method's first parameter
   * @param <B> the type of the method's second parameter
   * @param <C> the type of the method's third parameter
   * @param <D> the type of the method's fourth parameter
   * @param method a reference to the {@code @Client.Realtime} method
   * @param a the first argument
   * @param b the second argument
   * @param c the third argument
   * @param d the fourth argument
   */
  public <A, B, C, D> void invoke(ClientCall.Of4<A, B, C, D> method, A a, B b, C c, D d) {
    send(method, a, b, c, d);
  }

  /**
   * Sends a custom event to the {@code @Client.On(event)} handlers.
   *
   * <pre>{@code
   * clients.group("chat").emit("chat_message", new Message("Ada", "Hello"));
   * }</pre>
   *
   * @param event the custom event's name, for example {@code "chat_message"}
   * @param data the event's data, or null; of the type the event's handlers declare
   * @throws IllegalArgumentException for a lifecycle event name ({@code start}, {@code stop},
   *     {@code connect}, {@code disconnect}, {@code ready}), an invalid name, or data of another
   *     type than the handlers declare
   * @throws IllegalStateException when the app is not running
   */
  public void emit(String event, Object data) {
    Objects.requireNonNull(event, "event == null");
    app.live().emitTo(target(), event, data);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case PAGE, CLIENT -> "Audience[" + target + "]";
      case GROUP -> "Audience[group '" + target + "']";
      case ALL -> "Audience[everyone]";
    };
  }

  private void send(Serializable method, Object... args) {
    Objects.requireNonNull(method, "method == null");
    app.live().invoke(target(), method, args);
  }

  /** The internal form of the target: a PageId, a ClientId, a group name, or null for everyone. */
  private Object target() {
    return kind == Kind.ALL ? null : target;
  }
}
