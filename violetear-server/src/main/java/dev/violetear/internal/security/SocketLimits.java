// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.ClientId;
import dev.violetear.internal.wire.ErrorReports;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the open sockets of each client and each address, so that neither holds more than its
 * limit ({@code Limits.socketsPerClient}, {@code Limits.socketsPerAddress}): the handshake checks
 * without counting, to refuse early with HTTP 429; an opening socket counts itself or is refused,
 * so that racing handshakes cannot pass the limit together. A refusal is logged once per client or
 * address until its count falls to zero. Thread-safe.
 *
 * <pre>{@code
 * SocketLimits limits = new SocketLimits(50, 1_000);
 * String refusal = limits.open(id, "203.0.113.7");   // null: counted
 * limits.closed(id, "203.0.113.7");
 * }</pre>
 */
public final class SocketLimits {
  private static final Logger log = LoggerFactory.getLogger(SocketLimits.class);

  private final int perClient;
  private final int perAddress;
  private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();
  // The clients and addresses refused since their count was last zero: logged once.
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public SocketLimits(int perClient, int perAddress) {
    this.perClient = perClient;
    this.perAddress = perAddress;
  }

  /**
   * What one more socket of {@code id} from {@code address} would exceed, or null; counts nothing.
   */
  public String full(ClientId id, String address) {
    if (byClient.getOrDefault(id.value(), 0) >= perClient) {
      return refuse("client:" + id.value(), clientLimit(), ErrorReports.client(id));
    }
    if (byAddress.getOrDefault(address, 0) >= perAddress) {
      return refuse("address:" + address, addressLimit(), "address " + address);
    }
    return null;
  }

  /**
   * Counts a socket of {@code id} from {@code address} that opened.
   *
   * @return null when it counts, else the limit it would exceed (it must then close)
   */
  public String open(ClientId id, String address) {
    if (!increment(byClient, id.value(), perClient)) {
      return refuse("client:" + id.value(), clientLimit(), ErrorReports.client(id));
    }
    if (!increment(byAddress, address, perAddress)) {
      decrement(byClient, id.value(), "client:" + id.value());
      return refuse("address:" + address, addressLimit(), "address " + address);
    }
    return null;
  }

  /** Uncounts a socket that {@link #open} counted. */
  public void closed(ClientId id, String address) {
    decrement(byClient, id.value(), "client:" + id.value());
    decrement(byAddress, address, "address:" + address);
  }

  private String clientLimit() {
    return "too many open sockets for this client (Limits.socketsPerClient: " + perClient + ")";
  }

  private String addressLimit() {
    return "too many open sockets from this address (Limits.socketsPerAddress: " + perAddress + ")";
  }

  private String refuse(String key, String reason, String who) {
    if (warned.add(key)) {
      log.warn(
          "Refused a socket of {}: {}. Its page retries with backoff; more are refused, without"
              + " another warning, until its sockets have all closed",
          who,
          reason);
    }
    return reason;
  }

  private static boolean increment(ConcurrentHashMap<String, Integer> counts, String key, int max) {
    boolean[] counted = {false};
    counts.compute(
        key,
        (k, n) -> {
          int open = n == null ? 0 : n;
          if (open >= max) {
            return n;
          }
          counted[0] = true;
          return open + 1;
        });
    return counted[0];
  }

  private void decrement(ConcurrentHashMap<String, Integer> counts, String key, String warnedKey) {
    Integer left = counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    if (left == null) {
      warned.remove(warnedKey);
    }
  }
}
