// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.ClientId;
import dev.violetear.internal.security.OriginPolicy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of an {@link App}, changed in the lambda given to {@link App#create(String,
 * java.util.function.Consumer)}.
 *
 * <pre>{@code
 * App app = App.create("Counter", config -> config
 *     .maxRequestBytes(64 * 1024)
 *     .handlerThreads(16)
 *     .bundleCacheDir(Path.of("target", "violetear-cache"))
 *     .clientIdSecret(secretFromEnvironment()));
 * }</pre>
 *
 * <p>Every setting has a default. The app reads the settings once, when it starts. Not thread-safe:
 * configure it only inside the lambda.
 */
public final class AppConfig {
  /** HMAC-SHA256 keys shorter than its output size weaken the signature. */
  private static final int MIN_SECRET_BYTES = 32;

  /** Bodies are read into one array, so the limit must leave room for its header. */
  private static final long MAX_REQUEST_BYTES_CEILING = Integer.MAX_VALUE - 8L;

  private static final int MAX_HANDLER_THREADS = 10_000;

  private static final int MAX_MESSAGES_PER_SECOND = 1_000_000;

  private long maxRequestBytes = 1_048_576;
  private int handlerThreads = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
  private Path bundleCacheDir = Path.of(".violetear", "cache");
  private byte[] clientIdSecret;
  private List<String> allowedOrigins = List.of();
  private int maxMessagesPerSecond = 200;
  private Duration resumeGrace = Duration.ofSeconds(30);
  private boolean compressSocketFrames;
  private Backplane backplane;
  private final Limits limits = new Limits();

  AppConfig() {
    clientIdSecret = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(clientIdSecret);
  }

  /**
   * Sets the largest request body an RPC call may send, and the largest message a browser may send
   * over the socket. Larger calls get HTTP 413 {@code PayloadTooLarge}; a larger socket message
   * closes that socket with status 1009. The default is 1 MiB (1,048,576 bytes).
   *
   * <pre>{@code
   * App.create("Upload", config -> config.maxRequestBytes(8 * 1024 * 1024));
   * }</pre>
   *
   * @param bytes the limit in bytes
   * @return this config
   * @throws IllegalArgumentException unless {@code bytes} is between 1 and 2,147,483,639
   */
  public AppConfig maxRequestBytes(long bytes) {
    if (bytes < 1 || bytes > MAX_REQUEST_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "maxRequestBytes must be between 1 and " + MAX_REQUEST_BYTES_CEILING + ", got " + bytes);
    }
    this.maxRequestBytes = bytes;
    return this;
  }

  /**
   * Sets the directory where compiled browser bundles are cached, so an unchanged app starts
   * without recompiling. The default is {@code .violetear/cache}, relative to the working
   * directory.
   *
   * <pre>{@code
   * App.create("Counter", config -> config.bundleCacheDir(Path.of("target", "violetear-cache")));
   * }</pre>
   *
   * <p>The directory is created when needed. Deleting it only costs one compile.
   *
   * @param directory the cache directory
   * @return this config
   */
  public AppConfig bundleCacheDir(Path directory) {
    this.bundleCacheDir = Objects.requireNonNull(directory, "directory == null");
    return this;
  }

  /**
   * Sets the key that signs the {@link ClientId} cookie. The default is a random key per app, so
   * client ids do not survive a restart and are not shared between server nodes; set the same
   * secret everywhere to keep them.
   *
   * <pre>{@code
   * byte[] secret = Base64.getDecoder().decode(System.getenv("VIOLETEAR_CLIENT_SECRET"));
   * App.create("Chat", config -> config.clientIdSecret(secret));
   * }</pre>
   *
   * <p>The array is copied. Keep the secret out of source control: whoever knows it can forge any
   * client id.
   *
   * @param secret the signing key, at least 32 random bytes
   * @return this config
   * @throws IllegalArgumentException when the secret is shorter than 32 bytes
   */
  public AppConfig clientIdSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret == null");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "clientIdSecret must be at least " + MIN_SECRET_BYTES + " bytes, got " + secret.length);
    }
    this.clientIdSecret = secret.clone();
    return this;
  }

  /**
   * Sets how many threads run {@code @Server.Realtime} calls and {@code @Server.On} handlers,
   * shared by all clients. The default is twice the number of processors, and at least 8.
   *
   * <pre>{@code
   * App.create("Game", config -> config.handlerThreads(32));   // handlers that wait on a database
   * }</pre>
   *
   * <p>Each client's messages run one after another, in order; a slow handler holds one thread and
   * delays only its own client's later messages. Handlers run only on these threads, never on the
   * web server's threads that read the sockets, so never more run at once than this number. Raise
   * the number when handlers block on I/O.
   *
   * @param threads the size of the handler pool
   * @return this config
   * @throws IllegalArgumentException unless {@code threads} is between 1 and 10,000
   */
  public AppConfig handlerThreads(int threads) {
    if (threads < 1 || threads > MAX_HANDLER_THREADS) {
      throw new IllegalArgumentException(
          "handlerThreads must be between 1 and " + MAX_HANDLER_THREADS + ", got " + threads);
    }
    this.handlerThreads = threads;
    return this;
  }

  /**
   * Lets pages from other origins call the app: their RPC calls and sockets are accepted besides
   * those of the app's own origin. By default only the app's own origin may (the scheme, host and
   * port the browser used to reach it); a call or socket from any other site is refused with 403
   * {@code ForbiddenOrigin}. Requests without an {@code Origin} header, which browsers always send
   * on these requests, come from other programs and are accepted.
   *
   * <pre>{@code
   * App.create("Shop", config -> config.allowedOrigins("https://shop.example.com",
   *     "https://admin.example.com:8443"));
   * }</pre>
   *
   * <p>Each origin is written {@code scheme://host} or {@code scheme://host:port}, exactly as a
   * browser sends it, without a path. {@code "null"} admits pages that have no origin (sandboxed
   * frames, files opened from disk); anyone can make such a page, so allow it only for tests.
   * Behind a proxy that terminates TLS, list the public {@code https://} origin here. Each call
   * replaces the previous list; calling it with no origins restores the default.
   *
   * @param origins the other origins allowed, for example {@code "https://shop.example.com"}
   * @return this config
   * @throws IllegalArgumentException when an origin has a path, query, user or wildcard, or is not
   *     {@code scheme://host[:port]}
   */
  public AppConfig allowedOrigins(String... origins) {
    Objects.requireNonNull(origins, "origins == null");
    List<String> canonical = new ArrayList<>();
    for (int i = 0; i < origins.length; i++) {
      canonical.add(
          OriginPolicy.canonical(Objects.requireNonNull(origins[i], "origins[" + i + "] == null")));
    }
    this.allowedOrigins = List.copyOf(canonical);
    return this;
  }

  /**
   * Sets how many messages one socket may send per second, with a burst of that many at once. The
   * welcome frame announces it and violetear.js paces its sends below it. The first message over
   * the budget closes the socket with status 1008; that message and the later ones are dropped
   * unacknowledged, so a browser sends them again, in order, once it has reconnected (with backoff)
   * and nothing is lost. The server logs one warning per closed socket with the number of messages
   * dropped. The default is 200.
   *
   * <pre>{@code
   * App.create("Drawing", config -> config.maxMessagesPerSecond(1000));   // pointer streams
   * }</pre>
   *
   * <p>The check is per socket, before any handler runs, so a flooding client costs the others
   * nothing.
   *
   * @param messages the budget per socket per second
   * @return this config
   * @throws IllegalArgumentException unless {@code messages} is between 1 and 1,000,000
   */
  public AppConfig maxMessagesPerSecond(int messages) {
    if (messages < 1 || messages > MAX_MESSAGES_PER_SECOND) {
      throw new IllegalArgumentException(
          "maxMessagesPerSecond must be between 1 and "
              + MAX_MESSAGES_PER_SECOND
              + ", got "
              + messages);
    }
    this.maxMessagesPerSecond = messages;
    return this;
  }

  /**
   * Sets how long the server keeps a page's session after its connection drops. A page that
   * reconnects in time resumes it: the calls and emits the server sent meanwhile (and those the
   * page had not acknowledged) arrive once, in order, and its own unacknowledged messages run at
   * most once. A page that comes back later starts a fresh session and its
   * {@code @Client.On("resume_failed")} handlers run; what was waiting for it is dropped (logged).
   * The default is 30 seconds; longer keeps more memory for pages that never come back.
   *
   * <pre>{@code
   * App.create("Chat", config -> config.resumeGrace(Duration.ofMinutes(2)));   // flaky networks
   * }</pre>
   *
   * @param grace how long a dropped page's session is kept
   * @return this config
   * @throws IllegalArgumentException unless {@code grace} is between 0 and 1 hour
   */
  public AppConfig resumeGrace(Duration grace) {
    if (grace == null || grace.isNegative() || grace.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "resumeGrace must be between 0 and 1 hour, such as Duration.ofSeconds(30), got " + grace);
    }
    this.resumeGrace = grace;
    return this;
  }

  /**
   * Runs the app as one of several nodes behind a load balancer: sends to pages, clients, groups
   * and everyone, and group changes, go through {@code backplane} to every node, so a page receives
   * what any node sends it, in order. Without one (the default) the app is a single node and keeps
   * all this in memory. Give every node the same {@link #clientIdSecret}, so that each accepts the
   * cookies the others issued.
   *
   * <pre>{@code
   * App.create("Chat", config -> config
   *     .clientIdSecret(secretFromEnvironment())
   *     .backplane(RedisBackplane.at("redis://redis.internal:6379")));
   * }</pre>
   *
   * @param backplane what connects the nodes, such as {@code RedisBackplane} from {@code
   *     violetear-redis}; the app starts and closes it
   * @return this config
   */
  public AppConfig backplane(Backplane backplane) {
    this.backplane = Objects.requireNonNull(backplane, "backplane == null");
    return this;
  }

  /** {@return what connects the app's nodes, or null for a single node} */
  Backplane backplane() {
    return backplane;
  }

  /**
   * Sets whether the socket accepts the permessage-deflate compression that browsers offer. Off by
   * default: the frames of an interactive app are small (a call, an acknowledgement), where
   * compression saves a few bytes but costs the server several times the CPU per message and a
   * compressor's state per socket (measured by {@code bin/bench}; the README's Benchmarks section
   * gives the figures). Turn it on when pages receive large, repetitive frames (long lists,
   * documents) over slow networks, where bandwidth matters more than server CPU.
   *
   * <pre>{@code
   * App.create("Reports", config -> config.compressSocketFrames(true));   // large tables
   * }</pre>
   *
   * <p>Either way the page works the same: the browser offers compression and uses it only when the
   * server agrees. RPC responses and scripts are HTTP and unaffected.
   *
   * @param compress whether to negotiate permessage-deflate with pages that offer it
   * @return this config
   */
  public AppConfig compressSocketFrames(boolean compress) {
    this.compressSocketFrames = compress;
    return this;
  }

  /**
   * Changes the limits that keep one client from using up what all clients share: open sockets per
   * client and per address, and the proxies whose forwarded addresses are trusted. See {@link
   * Limits} for each and its default.
   *
   * <pre>{@code
   * App.create("Chat", config -> config.limits(limits -> limits.socketsPerClient(16)));
   * }</pre>
   *
   * @param change sets the limits to change
   * @return this config
   */
  public AppConfig limits(Consumer<Limits> change) {
    Objects.requireNonNull(change, "change == null").accept(limits);
    return this;
  }

  Limits limits() {
    return limits;
  }

  boolean compressSocketFrames() {
    return compressSocketFrames;
  }

  Duration resumeGrace() {
    return resumeGrace;
  }

  long maxRequestBytes() {
    return maxRequestBytes;
  }

  int handlerThreads() {
    return handlerThreads;
  }

  Path bundleCacheDir() {
    return bundleCacheDir;
  }

  List<String> allowedOrigins() {
    return allowedOrigins;
  }

  int maxMessagesPerSecond() {
    return maxMessagesPerSecond;
  }

  byte[] clientIdSecret() {
    return clientIdSecret.clone();
  }
}
