// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Namespace of the annotations for methods that run on the server (the JVM), and for data that
 * stays there ({@link Only}).
 *
 * <pre>{@code
 * @Server.Rpc
 * public static Total add(int delta) { return new Total(count.addAndGet(delta)); }
 * }</pre>
 *
 * <p>Client code calls these methods with their declared signature; in the browser bundle their
 * bodies are replaced by stubs that reach the server, so whatever server-only code they use (JDBC,
 * files, the {@code App}) never reaches the browser.
 */
public final class Server {
  private Server() {}

  /**
   * Marks a {@code static} method as a remote procedure: browsers call it over HTTP ({@code POST
   * /_violetear/rpc/Class.method}) and wait for its result.
   *
   * <pre>{@code
   * @Server.Rpc
   * public static List<Item> add(String text) {
   *   if (text.isBlank()) throw new RpcException("EmptyItem", "Write something first");
   *   ...
   * }
   * }</pre>
   *
   * <p>Rules, checked when the app starts: the method is {@code static} and not {@code private};
   * every parameter and the return type are JSON types (primitives and boxes, {@code String},
   * enums, records, arrays, {@code List}, {@code Set}, {@code Map<String, T>}, {@code Optional},
   * nested freely). Throw {@link RpcException} to send a typed error the caller can show; any other
   * exception becomes a generic server error whose details stay in the server log.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface Rpc {}

  /**
   * Marks a {@code static void} method that browsers call over the app's WebSocket,
   * fire-and-forget: the caller does not wait and gets no result.
   *
   * <pre>{@code
   * @Server.Realtime
   * public static void cursor(double x, double y) {
   *   App.current().clients().all().invoke(Board::showCursor, ClientId.caller().value(), x, y);
   * }
   * }</pre>
   *
   * <p>Calls from one client run one after another, in the order the client made them, on one of
   * the app's handler threads; at most {@code handlerThreads} run at once, and a method may block
   * (a database call, say) without delaying other clients' calls. {@link ClientId#caller()} is the
   * calling client. Rules, checked when the app starts: {@code static}, not {@code private}, not
   * overloaded, JSON parameter types. A non-void declaration is reported as a warning at start, and
   * a returned value is logged as lost, because realtime calls have no result.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface Realtime {}

  /**
   * Runs a {@code @Server.Realtime} method on the web server's thread that read its call, instead
   * of handing the call to one of the app's handler threads: for a method that never blocks, that
   * saves a thread hand-off per call, about a third of the server's CPU time and latency per call
   * when calls come one at a time.
   *
   * <pre>{@code
   * @Server.Realtime
   * @Server.NonBlocking
   * public static void cursor(double x, double y) {   // computes and sends, never waits
   *   App.current().clients().all().invoke(Board::showCursor, ClientId.caller().value(), x, y);
   * }
   * }</pre>
   *
   * <p>That thread reads every socket of its share of the server, so while such a method runs no
   * other socket there is read: the method must not wait for anything (no database, file or network
   * call, no {@code sleep}, no lock another thread holds long). Sending to pages, emitting and
   * updating shared states never wait and are fine. A call that takes over 10 ms is logged as a
   * warning naming the method. Calls keep their order: a call that arrives while its client has
   * other work queued waits its turn and then runs on a handler thread. Rules, checked when the app
   * starts: only on {@code @Server.Realtime} methods.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface NonBlocking {}

  /**
   * Lets only signed-in callers run a {@code @Server.Rpc} or {@code @Server.Realtime} method: those
   * the app's guard accepted with a principal (see {@code App.guard}).
   *
   * <pre>{@code
   * @Server.Rpc
   * @Server.SignedIn
   * public static List<Notice> post(String text) {
   *   User author = Principal.current(User.class).orElseThrow();
   *   ...
   * }
   * }</pre>
   *
   * <p>An RPC call without a principal gets HTTP 401 {@code Unauthenticated} and the method does
   * not run; a realtime call without one gets an {@code Unauthenticated} error frame, and the
   * socket stays open. A socket keeps the principal of its handshake, so a browser that signs in
   * after its socket opened reaches such realtime methods only after it reconnects. Rules, checked
   * when the app starts: only on {@code @Server.Rpc} and {@code @Server.Realtime} methods, and only
   * in an app that has a guard.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface SignedIn {}

  /**
   * Marks a {@code static} method that runs on the server when an event happens.
   *
   * <pre>{@code
   * @Server.On("connect")
   * public static void joined(ClientId id) {
   *   App.current().clients().all().emit("user_joined", id.value());
   * }
   *
   * @Server.On("chat")
   * public static void said(ClientId from, Message message) { ... }
   * }</pre>
   *
   * <p>Lifecycle events: {@code start} and {@code stop} (the app; no parameters), {@code connect}
   * and {@code disconnect} (a browser; no parameter or one {@link ClientId}). Any other name is a
   * custom event, raised by {@code app.emit(name, data)} or by a browser's emit; its handlers take
   * up to one {@link ClientId} (the sender, or none for {@code app.emit}) and up to one data
   * parameter of a JSON type. Every handler of one event, server or client, declares the same data
   * type. A client runs its {@code connect} handlers before the server dispatches any of its
   * messages, and its {@code disconnect} handlers after the last one.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @Repeatable(On.List.class)
  public @interface On {
    /** {@return the event name, for example {@code "connect"} or {@code "game_started"}} */
    String value();

    /** Holds several {@link On} annotations on one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
      /** {@return the {@link On} annotations of the method} */
      On[] value();
    }
  }

  /**
   * Keeps a record component on the server: the record reaches pages without it, whatever carries
   * it (a shared state's changes and snapshots, an RPC result, a call or an event sent to pages),
   * and the page's copy holds the component's default instead: {@code null}, {@code 0}, {@code
   * false}, or {@code Optional.empty()} for an {@code Optional}.
   *
   * <pre>{@code
   * record Table(List<String> players, int pot, @Server.Only List<Card> deck) {}
   *
   * static final State<Table> table = State.shared(new Table(List.of(), 0, Deck.shuffled()));
   *
   * @Server.Rpc
   * public static void draw() {
   *   table.update(t -> t.withoutTopCard());   // pages see nothing when only the deck changed
   * }
   * }</pre>
   *
   * <p>A change to a shared state that differs only in server-only components sends pages nothing:
   * they would see no difference. The server's copy keeps the real value; {@code State.get()} on
   * the server reads it. Rules, checked when the app starts: a record with a server-only component,
   * at any depth, may only go from the server to pages, never back, because a page never holds the
   * value to send: it may not be the type of a {@code @Server.Rpc} or {@code @Server.Realtime}
   * parameter, the data of an event a {@code @Server.On} method handles (pages may emit it), or the
   * record of a form route.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Only {}

  /**
   * Deprecated alias of {@code @Server.On("connect")}, kept for migration; using it logs a
   * deprecation warning once when the app starts.
   *
   * <pre>{@code
   * @Server.Connect   // write @Server.On("connect") instead
   * public static void joined(ClientId id) { ... }
   * }</pre>
   *
   * @deprecated use {@code @Server.On("connect")}
   */
  @Deprecated
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface Connect {}
}
