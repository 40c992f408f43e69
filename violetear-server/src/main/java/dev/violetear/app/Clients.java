// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.ClientId;
import dev.violetear.PageId;
import java.util.Objects;
import java.util.Set;

/**
 * The browsers of a running app, for the server to reach: one page, one client, a group, or
 * everyone. Get it from the app, or from {@link App#current()} inside a handler.
 *
 * <pre>{@code
 * @Server.Realtime
 * public static void enter() {
 *   Clients clients = App.current().clients();
 *   ClientId me = ClientId.caller();
 *   clients.join(me, "chat");
 *   clients.group("chat").emit("user_joined", nameOf(me));
 *   clients.to(me).invoke(Chat::toast, "Welcome!");
 * }
 * }</pre>
 *
 * <p>Sending needs a running app: {@link Audience} methods throw {@link IllegalStateException}
 * before {@link App#start(int)} and after {@link App#stop()}. Group membership belongs to the
 * client id, so it can change in any state and survives reconnects. Thread-safe.
 */
public final class Clients {
  private final App app;

  Clients(App app) {
    this.app = app;
  }

  /**
   * Returns one page (tab) of a client, while it lasts: sends to a page that is gone (closed, or
   * away longer than the grace period) are dropped, logged at DEBUG.
   *
   * <pre>{@code
   * clients.page(PageId.caller()).invoke(Chat::toast, "Only this tab sees this");
   * }</pre>
   *
   * @param page the page
   * @return that page alone
   */
  public Audience page(PageId page) {
    return Audience.page(app, Objects.requireNonNull(page, "page == null"));
  }

  /**
   * Returns every page of one client (tabs of one browser share its id).
   *
   * <pre>{@code
   * clients.to(id).invoke(Chat::toast, "Welcome!");
   * }</pre>
   *
   * @param id the client
   * @return the client's pages
   */
  public Audience to(ClientId id) {
    return Audience.client(app, Objects.requireNonNull(id, "id == null"));
  }

  /**
   * Returns the members of {@code group} at the time of each send.
   *
   * <pre>{@code
   * clients.group("room-7").emit("user_joined", "Ada");
   * }</pre>
   *
   * @param group the group's name
   * @return the group's members
   * @throws IllegalArgumentException for a blank group
   */
  public Audience group(String group) {
    return Audience.group(app, checkGroup(group));
  }

  /**
   * Returns every client of the app.
   *
   * <pre>{@code
   * clients.all().invoke(Chat::toast, "The server restarts in 5 minutes");
   * }</pre>
   *
   * @return every client
   */
  public Audience all() {
    return Audience.everyone(app);
  }

  /**
   * Adds a client to a group. Membership lasts until {@link #leave}, across reconnects; joining
   * twice has no further effect.
   *
   * <pre>{@code
   * clients.join(ClientId.caller(), "room-7");
   * }</pre>
   *
   * @param id the client to add
   * @param group the group's name
   * @throws IllegalArgumentException for a blank group
   */
  public void join(ClientId id, String group) {
    app.join(Objects.requireNonNull(id, "id == null"), checkGroup(group));
  }

  /**
   * Removes a client from a group; leaving a group one is not in does nothing.
   *
   * <pre>{@code
   * clients.leave(ClientId.caller(), "room-7");
   * }</pre>
   *
   * @param id the client to remove
   * @param group the group's name
   * @throws IllegalArgumentException for a blank group
   */
  public void leave(ClientId id, String group) {
    app.leave(Objects.requireNonNull(id, "id == null"), checkGroup(group));
  }

  /**
   * The members of a group at this moment. On several nodes (see {@link AppConfig#backplane}) every
   * node knows every member, and applies joins and leaves in the same order as the sends; a join
   * made an instant ago on another node may not be known here yet.
   *
   * <pre>{@code
   * if (!clients.members("chat").contains(id)) {
   *   clients.join(id, "chat");
   *   clients.group("chat").emit("user_joined", nameOf(id));
   * }
   * }</pre>
   *
   * @param group the group's name
   * @return its members, an unmodifiable snapshot; empty for a group without members
   * @throws IllegalArgumentException for a blank group
   */
  public Set<ClientId> members(String group) {
    return app.groups().members(checkGroup(group));
  }

  @Override
  public String toString() {
    return "Clients[" + app + "]";
  }

  private static String checkGroup(String group) {
    Objects.requireNonNull(group, "group == null");
    if (group.isBlank()) {
      throw new IllegalArgumentException("group must not be blank");
    }
    return group;
  }
}
