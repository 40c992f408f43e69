// SPDX-License-Identifier: Apache-2.0
package dev.violetear.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one node's messages to the app's stream exactly once and in the order they were
 * published, whatever fails on the way: each message is numbered, and a Lua script appends it only
 * when it is the next of its node (a copy is a no-op, a message ahead of a lost one is refused).
 * Messages wait in an outbox until Redis confirms them; after a failure (a dropped connection, a
 * command that timed out, Redis still loading its data after a restart) the outbox is sent again,
 * in order, after a short backoff. Thread-safe.
 *
 * <pre>{@code
 * Publisher publisher = new Publisher(commands, keys, "node-1", "redis://host:6379", retention);
 * publisher.publish("m", "gchat", "{...}", null);
 * publisher.publish("j", "chat", "client-7", Keys.memberEntry("chat", "client-7"));
 * }</pre>
 */
final class Publisher {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  /** Messages kept for Redis at most; past it the oldest go and every node resyncs. */
  static final int MAX_OUTBOX = 100_000;

  private static final long MIN_BACKOFF_MILLIS = 50;
  private static final long MAX_BACKOFF_MILLIS = 1_000;

  // KEYS: log, numbers, members. ARGV: origin, seq, oldest id kept, kind, address, body, member
  // entry, and '1' to accept a jump (the outbox dropped messages). Returns 1 when appended, 0 for a
  // copy, and an error naming the last number when a message before it is missing.
  private static final String APPEND =
      "local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')\n"
          + "local seq = tonumber(ARGV[2])\n"
          + "if last > 0 and seq <= last then return 0 end\n"
          + "if last > 0 and seq ~= last + 1 and ARGV[8] ~= '1' then\n"
          + "  return redis.error_reply('VIOLETEAR_ORDER expected ' .. (last + 1))\n"
          + "end\n"
          + "redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])\n"
          + "if ARGV[4] == 'j' then redis.call('SADD', KEYS[3], ARGV[7])\n"
          + "elseif ARGV[4] == 'l' then redis.call('SREM', KEYS[3], ARGV[7]) end\n"
          + "redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[3], '*', 'o', ARGV[1], 's', ARGV[2],"
          + " 'k', ARGV[4], 'a', ARGV[5], 'b', ARGV[6])\n"
          + "return 1";

  private record Entry(long seq, String kind, String address, String body, String member) {}

  private final RedisAsyncCommands<String, String> commands;
  private final RedisBackplane.Keys keys;
  private final String origin;
  private final String server;
  private final long retentionMillis;
  private final String[] keyList;
  // The script goes by its digest; it is loaded first, and again after any failure (a Redis that
  // restarted without its data has forgotten it).
  private final String digest;
  private final ScheduledExecutorService retries;
  private final AtomicLong failed = new AtomicLong();

  // Guarded by this.
  private final ArrayDeque<Entry> outbox = new ArrayDeque<>();
  private long lastSeq;
  private boolean isRetrying;
  private boolean isFailing;
  // The number of the oldest message kept after the outbox dropped some: it may skip ahead, once.
  private long jumpSeq;
  private long backoffMillis = MIN_BACKOFF_MILLIS;
  private boolean mustLoad = true;

  Publisher(
      RedisAsyncCommands<String, String> commands,
      RedisBackplane.Keys keys,
      String origin,
      String server,
      long retentionMillis) {
    this.commands = commands;
    this.keys = keys;
    this.origin = origin;
    this.server = server;
    this.retentionMillis = retentionMillis;
    this.keyList = new String[] {keys.log(), keys.numbers(), keys.members()};
    this.digest = commands.digest(APPEND);
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "violetear-redis-retry");
              t.setDaemon(true);
              return t;
            });
  }

  /** Numbers a message and sends it, or keeps it for the retry under way. */
  synchronized void publish(String kind, String address, String body, String member) {
    Entry entry = new Entry(++lastSeq, kind, address, body, member == null ? "" : member);
    if (outbox.size() >= MAX_OUTBOX) {
      outbox.pollFirst();
      if (jumpSeq == 0) {
        log.error(
            "{} messages wait for {}; dropping the oldest, and the pages of every node will start"
                + " afresh",
            MAX_OUTBOX,
            server);
      }
      jumpSeq = outbox.isEmpty() ? entry.seq() : outbox.peekFirst().seq();
    }
    outbox.addLast(entry);
    if (!isRetrying) {
      dispatch(entry);
    }
  }

  // Under the lock, so that commands go out in the order of their numbers.
  private void dispatch(Entry e) {
    String jump = jumpSeq != 0 && e.seq() == jumpSeq ? "1" : "0";
    if (mustLoad) {
      // Before the commands that use it, on the same connection, so in order.
      mustLoad = false;
      commands.scriptLoad(APPEND);
    }
    commands
        .<Long>evalsha(
            digest,
            ScriptOutputType.INTEGER,
            keyList,
            origin,
            Long.toString(e.seq()),
            (System.currentTimeMillis() - retentionMillis) + "-0",
            e.kind(),
            e.address(),
            e.body(),
            e.member(),
            jump)
        .whenComplete((ok, error) -> completed(e, error));
  }

  private synchronized void completed(Entry e, Throwable error) {
    if (error == null) {
      // Appended (or a copy of one appended): so is every message before it.
      while (!outbox.isEmpty() && outbox.peekFirst().seq() <= e.seq()) {
        outbox.pollFirst();
      }
      if (jumpSeq != 0 && e.seq() >= jumpSeq) {
        jumpSeq = 0;
      }
      backoffMillis = MIN_BACKOFF_MILLIS;
      if (isFailing && outbox.isEmpty()) {
        isFailing = false;
        log.info("Publishing to {} works again", server);
      }
      return;
    }
    failed.incrementAndGet();
    mustLoad = true;
    if (!isFailing) {
      isFailing = true;
      log.warn(
          "Publishing to {} failed ({}); sending again in order until it works",
          server,
          error.getMessage());
    }
    if (!isRetrying) {
      isRetrying = true;
      long delay = backoffMillis;
      backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
      retries.schedule(this::retry, delay, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void retry() {
    isRetrying = false;
    for (Entry e : outbox) {
      dispatch(e);
    }
  }

  /** Messages sent again after a failure, since start. */
  long failed() {
    return failed.get();
  }

  /** Messages numbered so far. */
  synchronized long published() {
    return lastSeq;
  }

  void close() {
    retries.shutdownNow();
  }
}
