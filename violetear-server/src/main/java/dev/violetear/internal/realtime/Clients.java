// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sends that address clients: one id, a group, or all. A frame goes to every page session of
 * its clients, connected or away within the grace period (see {@link PageSession#send}), so a page
 * that reconnects in time still receives it; a send never waits for the network. Thread-safe.
 */
final class Clients {
  private static final Logger log = LoggerFactory.getLogger(Clients.class);

  private final PageSessions sessions;
  private final Groups groups;

  Clients(PageSessions sessions, Groups groups) {
    this.sessions = sessions;
    this.groups = groups;
  }

  /**
   * Sends a frame to every page of {@code id}; {@code tail} is its text without the opening brace
   * (see {@link PageSession#send}) and {@code what} names it in logs.
   */
  void sendTo(ClientId id, String tail, String what) {
    Set<PageSession> pages = sessions.of(id);
    if (pages.isEmpty()) {
      log.debug("Dropped {} for {}: it has no page", what, Connection.describe(id));
    }
    for (PageSession page : pages) {
      page.send(tail);
    }
  }

  /** Sends a frame to one page, as {@link #sendTo}; nothing when that page is gone. */
  void sendToPage(PageId page, String tail, String what) {
    PageSession session = sessions.find(page);
    if (session == null) {
      log.debug("Dropped {} for {}: the page is gone", what, page);
      return;
    }
    session.send(tail);
  }

  /** Sends a frame to every page of every member of {@code group}, as {@link #sendTo}. */
  void sendToGroup(String group, String tail, String what) {
    for (ClientId id : groups.members(group)) {
      sendTo(id, tail, what);
    }
  }

  /**
   * Sends a frame to {@code to}: a {@link ClientId}, a {@link PageId}, a group's name, or null for
   * every page.
   */
  void send(Object to, String tail, String what) {
    if (to instanceof ClientId id) {
      sendTo(id, tail, what);
    } else if (to instanceof PageId page) {
      sendToPage(page, tail, what);
    } else if (to instanceof String group) {
      sendToGroup(group, tail, what);
    } else {
      sendToAll(tail);
    }
  }

  /** Sends a frame to every page, connected or away within the grace period. */
  void sendToAll(String tail) {
    sessions.forEach(page -> page.send(tail));
  }

  /** Returns the open connections at this moment. */
  List<Connection> all() {
    List<Connection> all = new ArrayList<>();
    sessions.forEach(
        page -> {
          Connection c = page.current();
          if (c != null) {
            all.add(c);
          }
        });
    return all;
  }
}
