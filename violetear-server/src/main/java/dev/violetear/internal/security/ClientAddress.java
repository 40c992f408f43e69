// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The address a request comes from, as per-address limits count it: the connection's peer, or, when
 * the peer is a trusted proxy, the last {@code X-Forwarded-For} address that is not one. A client
 * can write any header, so forwarded headers from other peers are ignored; walking from the right
 * skips only what the trusted proxies appended.
 *
 * <pre>{@code
 * ClientAddress addresses = new ClientAddress(List.of("10.0.0.5"));
 * String from = addresses.of(request);   // "203.0.113.7" behind 10.0.0.5
 * }</pre>
 */
public final class ClientAddress {
  // Strict, so that InetAddress never sees a host name, which it would resolve (a header could
  // then make the server wait on DNS): IPv4 here, IPv6 bracketed, which InetAddress parses only.
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final Set<String> trusted;

  /**
   * Trusts {@code X-Forwarded-For} from {@code trustedProxies}, IP literals (see {@link
   * #literals}).
   */
  public ClientAddress(List<String> trustedProxies) {
    this.trusted = Set.copyOf(literals(trustedProxies));
  }

  /**
   * Checks and canonicalizes IP address literals, so that {@code "::1"} and {@code
   * "0:0:0:0:0:0:0:1"} name one proxy.
   *
   * @throws IllegalArgumentException for a value that is not an IPv4 or IPv6 literal
   */
  public static List<String> literals(List<String> addresses) {
    List<String> out = new ArrayList<>();
    for (String a : addresses) {
      String canonical = canonical(a);
      if (canonical == null) {
        throw new IllegalArgumentException(
            "trustedProxies: '"
                + a
                + "' is not an IP address; name each proxy by its address, such as \"10.0.0.5\""
                + " or \"::1\" (host names are not resolved)");
      }
      out.add(canonical);
    }
    return List.copyOf(out);
  }

  /** Whether {@code address}, an IP literal, is one of the trusted proxies. */
  public boolean isTrustedProxy(String address) {
    String canonical = canonical(address);
    return canonical != null && trusted.contains(canonical);
  }

  /** The address {@code req} comes from (see the class). */
  public String of(Request req) {
    String peer = canonical(Request.getRemoteAddr(req));
    if (peer == null) {
      return Request.getRemoteAddr(req);
    }
    if (!trusted.contains(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : req.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR)) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = canonical(hops.get(i));
      if (hop == null) {
        // A hop that is not an address cannot be counted; the proxy that sent it stands for it.
        return peer;
      }
      if (!trusted.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }

  /** The canonical text of an IP literal, or null when {@code text} is not one. */
  private static String canonical(String text) {
    if (text == null) {
      return null;
    }
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (IPV4.matcher(bare).matches()) {
      return bare;
    }
    if (!IPV6.matcher(bare).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName("[" + bare + "]").getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
