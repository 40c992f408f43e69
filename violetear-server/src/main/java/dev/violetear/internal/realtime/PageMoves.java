// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.app.Backplane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a page's session to the node its page reconnected to, through the backplane's one order:
 * the new node publishes a claim; the node that holds the session lets go of it when the claim
 * reaches it (frames after the claim are the new node's), waits for its last connection's handlers
 * and publishes the session's state; the new node collects the frames for the page from its claim
 * on, then resumes the page with the state followed by those frames. Nothing is lost, repeated or
 * reordered, because both nodes cut the stream at the same point. When no node answers in time (no
 * node holds the session: it expired, or its node is gone), the page starts afresh. Thread-safe;
 * the backplane's thread and the timer call in.
 *
 * <pre>{@code
 * moves.claim(session, () -> attach(connection));   // runs once, adopted or fresh
 * }</pre>
 */
final class PageMoves {
  private static final Logger log = LoggerFactory.getLogger(PageMoves.class);

  /**
   * How long a claim waits for an answer once it came back through the backplane (every node has it
   * by then): room for the holder's handlers and a backplane reconnect.
   */
  static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How long a claim waits at most, for a backplane that is down when it is published. */
  static final long CLAIM_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

  static final char CLAIM = 'k';
  static final char HANDOFF = 'h';

  private final Backplane backplane;
  private final PageSessions sessions;
  private final Groups groups;
  private final ObjectMapper mapper;
  private final AckTimer timer;
  // Guarded by this, which also covers a frame's delivery (see Cluster.received): a frame is
  // either collected for a claim or, once the claim is settled, sent to its session.
  private final Map<String, Claim> claims = new HashMap<>();

  PageMoves(
      Backplane backplane, PageSessions sessions, Groups groups, ObjectMapper mapper, AckTimer t) {
    this.backplane = backplane;
    this.sessions = sessions;
    this.groups = groups;
    this.mapper = mapper;
    this.timer = t;
  }

  /** A session this node asked for: the frames for its client since the claim went out. */
  private static final class Claim {
    final PageSession session;
    // The sockets of the page that wait for it, oldest first.
    final List<Runnable> thens = new ArrayList<>();
    // Set when the claim comes back through the backplane: the point where frames become ours.
    boolean isCollecting;
    // Tails sent to the client's pages since then, each with the page value it was sent to (null
    // when sent to the client, a group or everyone).
    final List<String[]> since = new ArrayList<>();

    Claim(PageSession session, Runnable then) {
      this.session = session;
      thens.add(then);
    }
  }

  /**
   * Asks the other nodes for {@code session} (not yet sent to: see {@link PageSessions#adopting});
   * {@code then} runs once it is adopted or, after the timeout, starts afresh.
   */
  void claim(PageSession session, Runnable then) {
    String id = UUID.randomUUID().toString();
    synchronized (this) {
      claims.put(id, new Claim(session, then));
    }
    backplane.publish(CLAIM + session.key(), id);
    timer.after(() -> settle(id, null), CLAIM_TIMEOUT_NANOS);
  }

  /**
   * Runs {@code then} too when the claim of {@code session} settles (a second socket of the page
   * came meanwhile).
   *
   * @return false when no claim of it waits any more
   */
  synchronized boolean also(PageSession session, Runnable then) {
    for (Claim c : claims.values()) {
      if (c.session == session) {
        c.thens.add(then);
        return true;
      }
    }
    return false;
  }

  /** A claim for the session kept under {@code key} came through (on the backplane's thread). */
  void claimed(String key, String claimId) {
    synchronized (this) {
      Claim own = claims.get(claimId);
      if (own != null) {
        own.isCollecting = true;
        timer.after(() -> settle(claimId, null), ANSWER_TIMEOUT_NANOS);
        return;
      }
      for (Claim c : claims.values()) {
        // Ours is still on its way: the page went on to a third node. That one starts afresh.
        if (c.session.key().equals(key)) {
          return;
        }
      }
    }
    CompletableFuture<PageSession.Moved> moving = sessions.moveOut(key);
    if (moving == null) {
      return;
    }
    moving.whenComplete(
        (moved, e) -> {
          if (moved != null) {
            backplane.publish(HANDOFF + claimId, write(moved));
          } else {
            log.error("Handing a page's session to another node failed", e);
          }
        });
  }

  /** The state of the session a claim asked for came through (on the backplane's thread). */
  void handedOver(String claimId, String body) {
    PageSession.Moved moved;
    try {
      moved = read(body);
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("Ignored a page's session from another node that does not read: {}", e.toString());
      return;
    }
    settle(claimId, moved);
  }

  /**
   * Collects a frame for every waiting claim of its recipients; called with this object's lock held
   * (see {@link Cluster#received}).
   */
  void collect(Object to, String tail) {
    for (Claim c : claims.values()) {
      if (!c.isCollecting) {
        continue;
      }
      ClientId id = c.session.id();
      if (to instanceof PageId page) {
        if (page.clientId().equals(id)) {
          c.since.add(new String[] {page.value(), tail});
        }
      } else if (to == null
          || id.equals(to)
          || to instanceof String group && groups.members(group).contains(id)) {
        c.since.add(new String[] {null, tail});
      }
    }
  }

  private synchronized void settle(String claimId, PageSession.Moved moved) {
    Claim c = claims.remove(claimId);
    if (c == null) {
      return;
    }
    if (moved != null) {
      List<String> since = new ArrayList<>();
      for (String[] frame : c.since) {
        if (frame[0] == null || frame[0].equals(moved.page())) {
          since.add(frame[1]);
        }
      }
      c.session.adopt(moved, since);
    }
    sessions.activate(c.session);
    c.thens.forEach(Runnable::run);
  }

  private String write(PageSession.Moved moved) {
    ObjectNode root = mapper.createObjectNode();
    root.put("page", moved.page());
    root.put("lastSeq", moved.lastSeq());
    root.put("lastSent", moved.lastSent());
    ArrayNode frames = root.putArray("frames");
    for (PendingFrames.Frame f : moved.frames()) {
      frames.addArray().add(f.seq()).add(f.tail());
    }
    return root.toString();
  }

  private PageSession.Moved read(String body) throws JsonProcessingException {
    JsonNode root = mapper.readTree(body);
    List<PendingFrames.Frame> frames = new ArrayList<>();
    for (JsonNode f : root.path("frames")) {
      frames.add(new PendingFrames.Frame(f.get(0).asLong(), f.get(1).asText()));
    }
    return new PageSession.Moved(
        root.get("page").asText(),
        root.get("lastSeq").asLong(),
        root.get("lastSent").asLong(),
        frames);
  }
}
