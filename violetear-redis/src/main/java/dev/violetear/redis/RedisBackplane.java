// SPDX-License-Identifier: Apache-2.0
package dev.violetear.redis;

import dev.violetear.app.Backplane;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an app as several nodes that share one Redis server: every send, group change and resume
 * goes into one Redis stream per app, which every node reads in the same order.
 *
 * <pre>{@code
 * App app = App.create("Chat", config -> config
 *     .clientIdSecret(secretFromEnvironment())   // the same on every node
 *     .backplane(RedisBackplane.at("redis://redis.internal:6379")));
 * }</pre>
 *
 * <p>What it promises, and what it needs for that:
 *
 * <ul>
 *   <li>Every node delivers what any node sent exactly once, in one order: each message carries its
 *       node and a number, so a command Redis ran twice (retried after a dropped connection) is
 *       delivered once, and a gap is noticed.
 *   <li>A dropped connection or a restarted Redis is survived: commands wait (up to 10 seconds) and
 *       go out once Redis is back, the reader picks up where it stopped, and one line is logged
 *       each way. Give Redis persistence ({@code appendonly yes}) and a restart loses nothing.
 *   <li>When messages were lost all the same (Redis restarted without its data, or a node fell
 *       further behind than the stream keeps, five minutes by default), the node's pages start
 *       afresh: their {@code @Client.On("resume_failed")} handlers run and reload what they show.
 *       Nothing is silently missing.
 * </ul>
 *
 * <p>Redis keys are {@code violetear:{<app>}:log}, {@code :members} and {@code :epoch}; the braces
 * keep them in one slot of a Redis Cluster. Lettuce logs its own reconnect attempts under {@code
 * io.lettuce.core.protocol}; set that logger to WARN for a quieter log.
 */
public final class RedisBackplane implements Backplane {
  private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_QUEUED_COMMANDS = 100_000;

  private final RedisURI uri;
  private final Duration retention;
  private final String origin = newOrigin();

  private ClientResources resources;
  private RedisClient client;
  private StatefulRedisConnection<String, String> writer;
  private volatile Publisher publisher;
  private StreamReader reader;
  private Keys keys;

  private RedisBackplane(RedisURI uri, Duration retention) {
    this.uri = uri;
    this.retention = retention;
  }

  /**
   * A backplane through the Redis server at {@code url}; nothing connects until the app starts.
   *
   * <pre>{@code
   * RedisBackplane.at("redis://localhost:6379")
   * RedisBackplane.at("rediss://:password@redis.internal:6380/0")   // TLS, a password, database 0
   * }</pre>
   *
   * @param url a Redis URL: {@code redis://[[user]:password@]host[:port][/database]}, or {@code
   *     rediss://} for TLS
   * @return the backplane, for {@code AppConfig.backplane}
   * @throws IllegalArgumentException when {@code url} is not a Redis URL
   */
  public static RedisBackplane at(String url) {
    Objects.requireNonNull(url, "url == null");
    try {
      return new RedisBackplane(RedisURI.create(url), Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Not a Redis URL: '"
              + url
              + "' ("
              + e.getMessage()
              + "). Write it as redis://host:6379, or rediss://host:6380 for TLS.",
          e);
    }
  }

  /**
   * Returns a backplane like this one whose stream keeps messages for {@code retention}: a node
   * that falls further behind, or is cut from Redis for longer, has its pages start afresh. The
   * default is five minutes.
   *
   * <pre>{@code
   * RedisBackplane.at("redis://localhost:6379").retention(Duration.ofMinutes(15))
   * }</pre>
   *
   * @param retention how long the stream keeps a message; at least one second
   * @return a new backplane with that retention
   * @throws IllegalArgumentException when {@code retention} is shorter than a second
   */
  public RedisBackplane retention(Duration retention) {
    if (retention == null || retention.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "retention must be at least one second, such as Duration.ofMinutes(5), got " + retention);
    }
    return new RedisBackplane(uri, retention);
  }

  @Override
  public synchronized void start(String app, Node node) {
    if (client != null) {
      throw new IllegalStateException(this + " is started already: give each app its own");
    }
    keys = Keys.of(app);
    resources =
        ClientResources.builder()
            // Back within a few seconds of Redis, not Lettuce's default of up to 30.
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
            .requestQueueSize(MAX_QUEUED_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .build());
    try {
      writer = client.connect();
      publisher = new Publisher(writer.async(), keys, origin, describe(), retention.toMillis());
      reader = new StreamReader(client.connect(), keys, node, describe());
      client.addListener(reader);
      reader.start();
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException(
          "Could not reach Redis at "
              + describe()
              + " ("
              + e.getMessage()
              + "). Check that Redis runs there and that the URL given to RedisBackplane.at is"
              + " right.",
          e);
    }
    log.info("{} joined the other nodes of {} through {}", origin, app, describe());
  }

  @Override
  public void publish(String address, String body) {
    started().publish("m", address, body, null);
  }

  @Override
  public void join(String group, String member) {
    started().publish("j", group, member, Keys.memberEntry(group, member));
  }

  @Override
  public void leave(String group, String member) {
    started().publish("l", group, member, Keys.memberEntry(group, member));
  }

  private Publisher started() {
    Publisher p = publisher;
    if (p == null) {
      throw new IllegalStateException(this + " is not started: the app starts it");
    }
    return p;
  }

  @Override
  public Health health() {
    StreamReader r = reader;
    boolean connected = writer != null && writer.isOpen() && r != null && r.isConnected();
    return new Health(
        describe(),
        connected,
        publisher == null ? 0 : publisher.published(),
        r == null ? 0 : r.delivered(),
        r == null ? 0 : r.resyncs());
  }

  @Override
  public synchronized void close() {
    if (reader != null) {
      reader.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (writer != null) {
      writer.close();
    }
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (resources != null) {
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** The server's address without credentials, for logs. */
  private String describe() {
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public String toString() {
    return "RedisBackplane[" + describe() + "]";
  }

  private static String newOrigin() {
    byte[] bytes = new byte[9];
    new SecureRandom().nextBytes(bytes);
    return "node-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The app's keys, in one Redis Cluster slot; numbers holds each node's last number. */
  record Keys(String log, String members, String epoch, String numbers) {
    static Keys of(String app) {
      String prefix = "violetear:{" + app + "}:";
      return new Keys(prefix + "log", prefix + "members", prefix + "epoch", prefix + "numbers");
    }

    /** A member of a group as the members set holds it: the member's length, the member, group. */
    static String memberEntry(String group, String member) {
      return member.length() + ":" + member + group;
    }

    /** The group and member of a {@link #memberEntry}. */
    static List<String> groupAndMember(String entry) {
      int colon = entry.indexOf(':');
      int length = Integer.parseInt(entry.substring(0, colon));
      String member = entry.substring(colon + 1, colon + 1 + length);
      return List.of(entry.substring(colon + 1 + length), member);
    }
  }
}
