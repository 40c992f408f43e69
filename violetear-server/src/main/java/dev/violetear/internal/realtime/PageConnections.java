// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.internal.hooks.ServerHooks;
import dev.violetear.internal.wire.Frames;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The sockets of pages as they open and close: each is attached to its page's session (resumed,
 * fresh, or moved here from another node), its first handlers and welcome are queued in order after
 * the session's previous connection, and a page that is gone gets its page_close handlers.
 * Thread-safe; Jetty's threads call in.
 *
 * <pre>{@code
 * Connection c = connections.open(id, principal, key, socket, "page-0001", received, false);
 * connections.closed(c, false);
 * }</pre>
 */
final class PageConnections {
  private final PageSessions pageSessions;
  // Null for a single node.
  private final Cluster cluster;
  private final BufferBudget budget;
  private final AckTimer ackTimer;
  private final HandlerPool pool;
  private final ServerEvents events;
  private final Frames frames;
  // Null unless a test registered ServerHooks.
  private final ServerHooks hooks;
  private final SharedStates shared;

  PageConnections(
      PageSessions pageSessions,
      Cluster cluster,
      BufferBudget budget,
      AckTimer ackTimer,
      HandlerPool pool,
      ServerEvents events,
      Frames frames,
      ServerHooks hooks,
      SharedStates shared) {
    this.pageSessions = pageSessions;
    this.cluster = cluster;
    this.budget = budget;
    this.ackTimer = ackTimer;
    this.pool = pool;
    this.events = events;
    this.frames = frames;
    this.hooks = hooks;
    this.shared = shared;
  }

  /**
   * Registers a new socket and queues its connect handlers, then its welcome frame. A socket that
   * resumes a page session starts only after the session's previous connection has finished, and
   * first receives the session's frames after {@code received} that the page has not acknowledged.
   */
  Connection open(
      ClientId id,
      Object principal,
      String key,
      Outbound.Wire socket,
      String pageSessionId,
      long received,
      boolean isResume) {
    if (cluster != null) {
      // A page back again while its session is still on its way here waits for it too.
      PageSession waiting = pageSessions.movingIn(id, pageSessionId);
      if (waiting != null) {
        return openMoved(id, principal, key, socket, waiting, received, false);
      }
      if (isResume && !pageSessions.resumes(id, pageSessionId)) {
        PageSession moving = cluster.adopting(id, pageSessionId);
        if (moving != null) {
          return openMoved(id, principal, key, socket, moving, received, true);
        }
      }
    }
    PageSession page;
    Connection c;
    PageSession.Opened opened;
    do {
      // Again when the session ended between the lookup and the attach: the next is fresh.
      page = pageSessions.attach(id, pageSessionId);
      c = connection(id, principal, key, socket, page);
      // Attached at once, so that connect handlers can already send to it; the outbound queue
      // holds those frames, after the resent ones, until the welcome has gone first.
      opened = page.open(c, received);
    } while (opened == null);
    CompletableFuture<Void> previous = opened.previous();
    if (!previous.isDone()) {
      c.inbound().hold();
    }
    PageSession.Resume resume = opened.resume();
    welcome(c, () -> resume);
    Connection connection = c;
    previous.whenComplete((v, e) -> connection.inbound().release());
    return c;
  }

  /**
   * Opens the socket of a page whose session another node holds: its handlers and welcome wait
   * until the session has moved here, or (no node answered) a fresh one starts. The first socket
   * claims the session ({@code claims}); one that comes while the claim is under way waits for it.
   */
  private Connection openMoved(
      ClientId id,
      Object principal,
      String key,
      Outbound.Wire socket,
      PageSession page,
      long received,
      boolean claims) {
    Connection c = connection(id, principal, key, socket, page);
    c.inbound().hold();
    AtomicReference<PageSession.Resume> resume = new AtomicReference<>();
    welcome(c, resume::get);
    Runnable attach =
        () -> {
          PageSession.Opened opened = page.open(c, received);
          if (opened == null) {
            // Dropped while it moved (messages were lost): the page tries again, afresh.
            resume.set(new PageSession.Resume(false, 0));
            c.outbound().closeNow(Outbound.TRY_AGAIN_LATER, "the page's session was reset");
            c.inbound().release();
            return;
          }
          resume.set(opened.resume());
          if (c.closed().isDone()) {
            // Closed while it waited: the session stays here for the page's next connection.
            page.detach(c);
          }
          opened.previous().whenComplete((v, e) -> c.inbound().release());
        };
    if (claims) {
      cluster.claim(page, attach);
    } else if (!cluster.alsoAfterClaim(page, attach)) {
      // The claim settled in between: the session is here now.
      attach.run();
    }
    return c;
  }

  private Connection connection(
      ClientId id, Object principal, String key, Outbound.Wire socket, PageSession page) {
    String owner = Connection.describe(id);
    Outbound outbound = new Outbound(socket, owner, budget);
    Acks acks = new Acks(outbound, Acks.HOLD_NANOS, System::nanoTime, ackTimer::hold);
    return new Connection(
        id,
        principal,
        key,
        pool.newQueue(owner, acks::afterBatch),
        outbound,
        acks,
        new CompletableFuture<>(),
        page,
        new CompletableFuture<>());
  }

  /**
   * Queues a connection's first handlers (page_open unless it resumes, then connect) and its
   * welcome; {@code resume} is read when they run.
   */
  private void welcome(Connection c, Supplier<PageSession.Resume> resume) {
    ClientId id = c.id();
    Object principal = c.principal();
    PageSession session = c.session();
    c.inbound()
        .add(
            () -> {
              PageSession.Resume r = resume.get();
              if (!r.resumed()) {
                events.runClientLifecycle("page_open", id, session.page(), principal);
              }
              events.runClientLifecycle("connect", id, session.page(), principal);
              if (hooks != null) {
                hooks.beforeWelcome();
              }
              // The shared states' values follow the welcome within its replay: the page holds
              // them before its connect handlers run.
              long replayTo = Math.max(r.replayTo(), shared.snapshot(session));
              c.outbound().open(frames.welcome(id, session.lastSeq(), r.resumed(), replayTo));
            });
  }

  /**
   * Unregisters a closed socket and queues its disconnect handlers after its last frame; when the
   * page said it left ({@code left}), its page_close handlers follow them.
   */
  void closed(Connection c, boolean left) {
    c.session().detach(c);
    c.outbound().discard();
    c.inbound()
        .add(
            () -> {
              try {
                events.runClientLifecycle("disconnect", c.id(), c.session().page(), c.principal());
              } finally {
                c.finished().complete(null);
              }
            });
    c.closed().complete(null);
    pageSessions.detached(c.session(), c.finished(), left);
  }

  /**
   * Queues the page_close handlers of a page that is gone, after its last connection's disconnect
   * handlers and before any later connection of the same page name starts.
   */
  void pageGone(PageSessions.Ended ended) {
    PageSession page = ended.page();
    SerialQueue queue = pool.newQueue(Connection.describe(page.id()));
    ended
        .after()
        .whenComplete(
            (v, e) ->
                queue.add(
                    () -> {
                      try {
                        events.runClientLifecycle(
                            "page_close", page.id(), page.page(), page.principal());
                      } finally {
                        ended.done().complete(null);
                      }
                    }));
  }
}
