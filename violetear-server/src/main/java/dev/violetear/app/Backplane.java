// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

/**
 * Carries what crosses clients between the nodes of one app: every send to a page, a client, a
 * group or everyone, and every change of a group's members. Without one (the default) an app is a
 * single node and sends go straight to its pages. With one, each node publishes its sends and
 * delivers to its own pages what any node published, all nodes in the same order.
 *
 * <pre>{@code
 * App app = App.create("Chat", config -> config
 *     .clientIdSecret(secretFromEnvironment())        // the same on every node
 *     .backplane(RedisBackplane.at("redis://redis.internal:6379")));
 * }</pre>
 *
 * <p>Apps pick an implementation, such as {@code RedisBackplane} from {@code violetear-redis}; they
 * do not call these methods. An implementation delivers every published message to every node
 * exactly once and in one total order, the same on every node, and delivers join and leave in that
 * order too; when it cannot (its store lost data, a node fell behind what it keeps) it calls {@link
 * Node#resync} instead of delivering out of order or leaving a gap.
 */
public interface Backplane extends AutoCloseable {
  /**
   * Connects and starts delivering to {@code node}: first {@link Node#joined} for every member of
   * every group at this point of the order, then everything published from that point on by any
   * node, this one included. Returns once connected.
   *
   * @param app the app's name: nodes of the same app share their messages, other apps' are apart
   * @param node where this node receives
   * @throws RuntimeException when it cannot connect; the app then does not start
   */
  void start(String app, Node node);

  /**
   * Publishes a message to every node; returns at once, never waiting for the network.
   *
   * @param address to whom, in the app's terms; opaque to the backplane
   * @param body what; opaque to the backplane
   */
  void publish(String address, String body);

  /**
   * Adds {@code member} to {@code group} on every node, in order with the messages.
   *
   * @param group the group's name
   * @param member the member, opaque to the backplane
   */
  void join(String group, String member);

  /**
   * Removes {@code member} from {@code group} on every node, in order with the messages.
   *
   * @param group the group's name
   * @param member the member, opaque to the backplane
   */
  void leave(String group, String member);

  /** {@return how the backplane is doing, for {@link App#stats()}} */
  Health health();

  /** Stops delivering and disconnects; no message published after it is delivered. */
  @Override
  void close();

  /**
   * Where a node receives what the backplane delivers, in its one order, on one thread at a time.
   */
  interface Node {
    /**
     * A message any node published.
     *
     * @param address to whom, as published
     * @param body what, as published
     */
    void received(String address, String body);

    /**
     * A member joined a group.
     *
     * @param group the group's name
     * @param member the member
     */
    void joined(String group, String member);

    /**
     * A member left a group.
     *
     * @param group the group's name
     * @param member the member
     */
    void left(String group, String member);

    /**
     * Messages may have been lost (say, the store restarted without its data, or this node fell
     * behind what it keeps): the node tells its pages to start afresh. Delivery goes on after it.
     *
     * @param why what happened, for the log
     */
    void resync(String why);
  }

  /**
   * How a backplane is doing.
   *
   * @param name what it is, for example {@code "redis://127.0.0.1:6379"} or {@code "in-memory"}
   * @param isConnected whether it can publish and deliver right now
   * @param published messages this node published
   * @param delivered messages delivered to this node
   * @param resyncs times this node's pages had to start afresh because messages were lost
   */
  record Health(String name, boolean isConnected, long published, long delivered, long resyncs) {
    /** The health of an app without a backplane: one node, always connected. */
    static final Health IN_MEMORY = new Health("in-memory", true, 0, 0, 0);
  }
}
