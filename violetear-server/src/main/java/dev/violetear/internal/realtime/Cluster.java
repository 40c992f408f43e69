// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.ClientId;
import dev.violetear.PageId;
import dev.violetear.app.Backplane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of a {@link Backplane}: sends and group changes are published instead of
 * applied, and what any node published is applied here when the backplane delivers it, so every
 * node applies the same changes in the same order. A send from one thread to one page still arrives
 * in the order it was made, as on one node. Thread-safe.
 *
 * <pre>{@code
 * Cluster cluster = new Cluster(backplane, clients, groups, sessions, mapper, timer);
 * backplane.start("Chat", cluster);
 * cluster.send(groupName, tail);   // delivered here and on every other node
 * }</pre>
 */
final class Cluster implements Backplane.Node {
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  // An address is a kind letter and its target: p<client>/<page>, c<client>, g<group>, or a.
  private static final char PAGE = 'p';
  private static final char CLIENT = 'c';
  private static final char GROUP = 'g';
  private static final String ALL = "a";

  private final Backplane backplane;
  private final Clients clients;
  private final Groups groups;
  private final PageSessions sessions;
  private final PageMoves moves;

  Cluster(
      Backplane backplane,
      Clients clients,
      Groups groups,
      PageSessions sessions,
      ObjectMapper mapper,
      AckTimer timer) {
    this.backplane = backplane;
    this.clients = clients;
    this.groups = groups;
    this.sessions = sessions;
    this.moves = new PageMoves(backplane, sessions, groups, mapper, timer);
  }

  /**
   * A session for a page that reconnected here naming one this node does not hold, to {@link
   * #claim}; null when the name is not valid or this node holds it.
   */
  PageSession adopting(ClientId id, String sessionName) {
    return sessions.adopting(id, sessionName);
  }

  /**
   * Claims {@code session} from the node that holds it (see {@link PageMoves}), then runs {@code
   * then} once, on another thread, with the session adopted or, when no node answered, fresh.
   */
  void claim(PageSession session, Runnable then) {
    moves.claim(session, then);
  }

  /**
   * Runs {@code then} too once the claim of {@code session} settles, after what it runs already.
   *
   * @return false, doing nothing, when no claim of it is under way (it settled)
   */
  boolean alsoAfterClaim(PageSession session, Runnable then) {
    return moves.also(session, then);
  }

  Backplane backplane() {
    return backplane;
  }

  /** Publishes a send to {@code to} (as {@link Realtime#invoke} takes it) of the frame's tail. */
  void send(Object to, String tail) {
    backplane.publish(address(to), tail);
  }

  void join(ClientId id, String group) {
    backplane.join(group, id.value());
  }

  void leave(ClientId id, String group) {
    backplane.leave(group, id.value());
  }

  static String address(Object to) {
    if (to instanceof ClientId id) {
      return CLIENT + id.value();
    } else if (to instanceof PageId page) {
      return PAGE + page.clientId().value() + "/" + page.value();
    } else if (to instanceof String group) {
      return GROUP + group;
    }
    return ALL;
  }

  @Override
  public void received(String address, String body) {
    if (address.isEmpty()) {
      log.warn("Ignored a backplane message without an address: another version of the app?");
      return;
    }
    String target = address.substring(1);
    char kind = address.charAt(0);
    if (kind == PageMoves.CLAIM) {
      moves.claimed(target, body);
      return;
    } else if (kind == PageMoves.HANDOFF) {
      moves.handedOver(target, body);
      return;
    }
    Object to;
    switch (kind) {
      case CLIENT -> to = ClientId.of(target);
      case PAGE -> {
        int slash = target.indexOf('/');
        to = PageId.of(ClientId.of(target.substring(0, slash)), target.substring(slash + 1));
      }
      case GROUP -> to = target;
      default -> {
        if (!address.equals(ALL)) {
          log.warn(
              "Ignored a backplane message to '{}', an address this node does not know: do all"
                  + " nodes run the same version of the app?",
              address);
          return;
        }
        to = null;
      }
    }
    // One step with the claims: a frame is collected for a page on its way here or, once that
    // page's session is settled, sent to it; never both, never neither.
    synchronized (moves) {
      moves.collect(to, body);
      clients.send(to, body, "a frame from the backplane");
    }
  }

  @Override
  public void joined(String group, String member) {
    groups.join(ClientId.of(member), group);
  }

  @Override
  public void left(String group, String member) {
    groups.leave(ClientId.of(member), group);
  }

  @Override
  public void resync(String why) {
    int pages = sessions.resetAll();
    log.warn(
        "Frames to pages may have been lost ({}): {} page session(s) of this node start afresh,"
            + " and their pages learn that the resume failed",
        why,
        pages);
  }
}
