// SPDX-License-Identifier: Apache-2.0
package dev.violetear.redis;

import dev.violetear.app.Backplane;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an app's Redis stream on its own thread and delivers each message once, in the stream's
 * order, to the node: it drops the copies of a command Redis ran twice and has the node's pages
 * start afresh when messages were lost. It keeps its own copy of every group's members, so that it
 * can give them back to a Redis that lost its data.
 *
 * <pre>{@code
 * StreamReader reader = new StreamReader(client.connect(), keys, node, "redis://host:6379");
 * client.addListener(reader);   // a reconnect makes it check whether Redis kept its data
 * reader.start();               // the members now, then every message from this point on
 * }</pre>
 */
final class StreamReader implements RedisConnectionStateListener, Runnable {
  private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
  private static final Duration BLOCK = Duration.ofSeconds(1);
  private static final int BATCH = 1_000;
  private static final long MAX_BACKOFF_MILLIS = 2_000;
  private static final long EPOCH_CHECK_NANOS = 5_000_000_000L;

  // The last message's id, the epoch and every member, read in one step: a starting node then
  // reads the stream after exactly the point its members describe. A missing epoch (a new or
  // emptied Redis) is set here.
  private static final String SNAPSHOT =
      "local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)\n"
          + "local id = '0-0'\n"
          + "if #last > 0 then id = last[1][1] end\n"
          + "local epoch = redis.call('GET', KEYS[3])\n"
          + "if not epoch then epoch = ARGV[1]; redis.call('SET', KEYS[3], epoch) end\n"
          + "return {id, epoch, redis.call('SMEMBERS', KEYS[2])}";

  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final RedisBackplane.Keys keys;
  private final Backplane.Node node;
  private final String server;
  private final Origins origins = new Origins();
  // Member entries (see Keys.memberEntry) as the log has them so far; only the reading thread.
  private final Set<String> members = new HashSet<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong resyncs = new AtomicLong();
  private final Thread thread;
  private volatile boolean isClosing;
  // Set by a reconnect: Redis may have restarted, and the reader checks whether it kept its data.
  private volatile boolean isReconnected;
  private String lastId;
  private String epoch;
  private volatile long failingSinceNanos;
  private long epochCheckedNanos = System.nanoTime();

  StreamReader(
      StatefulRedisConnection<String, String> connection,
      RedisBackplane.Keys keys,
      Backplane.Node node,
      String server) {
    this.connection = connection;
    this.redis = connection.sync();
    this.keys = keys;
    this.node = node;
    this.server = server;
    this.thread = new Thread(this, "violetear-redis-reader");
    thread.setDaemon(true);
  }

  /** Delivers the members at this point of the log, then reads on from it on its thread. */
  void start() {
    List<Object> snapshot =
        redis.eval(
            SNAPSHOT,
            ScriptOutputType.MULTI,
            new String[] {keys.log(), keys.members(), keys.epoch()},
            UUID.randomUUID().toString());
    lastId = (String) snapshot.get(0);
    epoch = (String) snapshot.get(1);
    for (Object entry : (List<?>) snapshot.get(2)) {
      String member = (String) entry;
      members.add(member);
      List<String> gm = RedisBackplane.Keys.groupAndMember(member);
      node.joined(gm.get(0), gm.get(1));
    }
    thread.start();
  }

  @Override
  public void run() {
    while (!isClosing) {
      try {
        if (isReconnected) {
          isReconnected = false;
          try {
            checkEpoch();
          } catch (RuntimeException e) {
            // Redis went again before the check: check after the next reconnect.
            isReconnected = true;
            throw e;
          }
        }
        List<StreamMessage<String, String>> batch =
            redis.xread(
                XReadArgs.Builder.block(BLOCK).count(BATCH),
                XReadArgs.StreamOffset.from(keys.log(), lastId));
        recovered();
        long now = System.nanoTime();
        if (batch.isEmpty() && now - epochCheckedNanos > EPOCH_CHECK_NANOS) {
          // While quiet, now and then: a Redis emptied without a restart (FLUSHALL) is noticed.
          epochCheckedNanos = now;
          checkEpoch();
        }
        for (StreamMessage<String, String> message : batch) {
          lastId = message.getId();
          deliver(message.getBody());
        }
      } catch (RuntimeException e) {
        if (isClosing) {
          return;
        }
        failing(e);
      }
    }
  }

  private void deliver(Map<String, String> fields) {
    String origin = fields.get("o");
    long seq = Long.parseLong(fields.getOrDefault("s", "0"));
    switch (origins.check(origin, seq)) {
      case DUPLICATE -> {
        return;
      }
      case GAP -> resync("messages from another node were lost on the way through " + server);
      case NEXT -> {}
    }
    String kind = fields.getOrDefault("k", "");
    String address = fields.getOrDefault("a", "");
    String body = fields.getOrDefault("b", "");
    try {
      switch (kind) {
        case "m" -> node.received(address, body);
        case "j" -> {
          members.add(RedisBackplane.Keys.memberEntry(address, body));
          node.joined(address, body);
        }
        case "l" -> {
          members.remove(RedisBackplane.Keys.memberEntry(address, body));
          node.left(address, body);
        }
        default ->
            log.warn("Ignored a message of kind '{}' in {}: a newer node?", kind, keys.log());
      }
      delivered.incrementAndGet();
    } catch (RuntimeException e) {
      log.error("Delivering a message from {} failed; reading on", server, e);
    }
  }

  /** After a reconnect: a Redis that lost its data gets the members back, and the pages resync. */
  private void checkEpoch() {
    String now = redis.get(keys.epoch());
    if (epoch.equals(now)) {
      return;
    }
    redis.setnx(keys.epoch(), UUID.randomUUID().toString());
    epoch = redis.get(keys.epoch());
    if (!members.isEmpty()) {
      redis.sadd(keys.members(), members.toArray(String[]::new));
    }
    resync(server + " restarted without its data");
  }

  private void resync(String why) {
    resyncs.incrementAndGet();
    // The pages start afresh, so what came before the loss no longer matters to them: one loss
    // makes one resync, however many nodes' messages it took.
    origins.forgiveGaps();
    node.resync(why);
  }

  private void failing(RuntimeException e) {
    long now = System.nanoTime();
    if (failingSinceNanos == 0) {
      failingSinceNanos = now;
      log.warn(
          "Lost {} ({}); reconnecting, and delivering what the nodes sent meanwhile once it is"
              + " back",
          server,
          e.getMessage());
    }
    long failingMillis = (now - failingSinceNanos) / 1_000_000;
    try {
      Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, 50 + failingMillis / 4));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      isClosing = true;
    }
  }

  private void recovered() {
    if (failingSinceNanos != 0) {
      log.info(
          "{} is back after {} ms", server, (System.nanoTime() - failingSinceNanos) / 1_000_000);
      failingSinceNanos = 0;
    }
  }

  @Override
  public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
    isReconnected = true;
  }

  boolean isConnected() {
    return connection.isOpen() && failingSinceNanos == 0;
  }

  long delivered() {
    return delivered.get();
  }

  long resyncs() {
    return resyncs.get();
  }

  /** Stops reading; waits briefly for the thread to end. */
  void close() {
    isClosing = true;
    connection.close();
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
