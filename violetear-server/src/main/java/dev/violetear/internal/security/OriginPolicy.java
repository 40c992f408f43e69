// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.internal.wire.ErrorReports;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which pages may call the app, from the {@code Origin} header that browsers send on every
 * socket upgrade and every cross-origin POST: the app's own origin (judged from the request's
 * scheme and its {@code Host} header) and the origins of {@code AppConfig.allowedOrigins}. Without
 * this check any site a user visits could open a socket or call RPC functions with that user's
 * cookies, since browsers apply no same-origin rule to WebSockets.
 *
 * <p>A request without an {@code Origin} header is allowed: browsers always send one on these
 * requests, so it comes from another program, which could forge any header anyway. {@code Origin:
 * null} (sandboxed frames, pages opened from files) is refused unless "null" is listed.
 *
 * <pre>{@code
 * OriginPolicy origins = new OriginPolicy(List.of("https://app.example.com"));
 * String refusal = origins.refusal(ctx, "a call to Chat.send");   // null when allowed
 * }</pre>
 *
 * <p>Internal: {@code AppConfig} uses {@link #canonical} to check its arguments.
 */
public final class OriginPolicy {
  private static final Logger log = LoggerFactory.getLogger(OriginPolicy.class);

  /** Refused origins are logged once each; beyond this many, further ones only at debug level. */
  static final int MAX_LOGGED = 100;

  /**
   * Allowed origin and Host pairs remembered; a full memory starts over, so that a client sending
   * ever new Hosts costs a recomputation, never memory.
   */
  static final int MAX_REMEMBERED = 256;

  /** Longer Origin plus Host values are judged every time, not remembered. */
  static final int MAX_REMEMBERED_LENGTH = 512;

  private static final String HOST = "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.-]+)(?::([0-9]{1,5}))?";
  private static final Pattern ORIGIN = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://" + HOST);
  private static final Pattern HOST_HEADER = Pattern.compile(HOST);

  private final Set<String> allowed;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  // Every request of a page carries the same Origin and Host, and judging them takes two regular
  // expressions, so allowed pairs are looked up instead. Refusals are not kept: each is logged.
  private final Set<Pair> admitted = ConcurrentHashMap.newKeySet();

  private record Pair(String scheme, String host, String origin) {}

  /**
   * @param allowed origins besides the app's own, each already {@linkplain #canonical canonical}
   */
  public OriginPolicy(List<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /**
   * Checks one origin of {@code AppConfig.allowedOrigins} and returns the form requests are
   * compared in: lower case, without the scheme's default port.
   *
   * <pre>{@code
   * OriginPolicy.canonical("https://App.Example.com:443");   // "https://app.example.com"
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code origin} is not {@code scheme://host[:port]} or
   *     {@code "null"}
   */
  public static String canonical(String origin) {
    if (origin.equals("null")) {
      return origin;
    }
    if (origin.contains("*")) {
      throw new IllegalArgumentException(
          "allowedOrigins: '"
              + origin
              + "' has a wildcard; list each origin that may call the app, like"
              + " 'https://app.example.com'");
    }
    String canonical = parse(origin);
    if (canonical == null) {
      throw new IllegalArgumentException(
          "allowedOrigins: '"
              + origin
              + "' is not an origin; write scheme://host or scheme://host:port, like"
              + " 'https://app.example.com', with no path or trailing slash");
    }
    return canonical;
  }

  /**
   * Returns null when the request may call the app; otherwise the message that refuses it, after
   * logging the refusal (once per origin).
   *
   * @param what the refused request, for the log, like "a call to Chat.send" or "a socket"
   */
  public String refusal(Context ctx, String what) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      // Allowed whatever the Host (see above), so the own origin need not be worked out.
      return null;
    }
    String host = ctx.header("Host");
    if (host == null || host.isEmpty()) {
      String own =
          ownOrigin(ctx.scheme(), host, ctx.req().getServerName(), ctx.req().getServerPort());
      return refusal(origin, own, what);
    }
    return refusal(origin, ctx.scheme(), host, what);
  }

  /** {@link #refusal(Context, String)} for a request Jetty handles before any servlet sees it. */
  public String refusal(Request req, String what) {
    HttpFields headers = req.getHeaders();
    String origin = headers.get(HttpHeader.ORIGIN);
    if (origin == null) {
      return null;
    }
    String host = headers.get(HttpHeader.HOST);
    String scheme = req.getHttpURI().getScheme();
    if (host == null || host.isEmpty()) {
      return refusal(
          origin,
          ownOrigin(scheme, host, Request.getServerName(req), Request.getServerPort(req)),
          what);
    }
    return refusal(origin, scheme, host, what);
  }

  /**
   * {@link #refusal(Context, String)} for a request with an {@code Origin} and a {@code Host}
   * header, answered from memory when the pair was allowed before.
   */
  String refusal(String origin, String scheme, String host, String what) {
    Pair pair = new Pair(scheme, host, origin);
    if (admitted.contains(pair)) {
      return null;
    }
    String refusal = refusal(origin, ownOrigin(scheme, host, null, 0), what);
    if (refusal == null && origin.length() + host.length() <= MAX_REMEMBERED_LENGTH) {
      if (admitted.size() >= MAX_REMEMBERED) {
        admitted.clear();
      }
      admitted.add(pair);
    }
    return refusal;
  }

  /** {@link #refusal(Context, String)} with the request's own origin already worked out. */
  public String refusal(String origin, String own, String what) {
    if (origin == null || allows(origin, own)) {
      return null;
    }
    String shown = ErrorReports.shorten(origin);
    String message =
        "Origin '"
            + shown
            + "' may not call this app; add it with AppConfig.allowedOrigins(...) if it should";
    if (logged.size() < MAX_LOGGED && logged.add(shown)) {
      log.warn(
          "Refused {} from origin '{}', which is not the app's own origin '{}' nor one of"
              + " AppConfig.allowedOrigins; add it there if that site should reach the app. Further"
              + " refusals of this origin are logged at debug level",
          what,
          shown,
          own);
    } else {
      log.debug("Refused {} from origin '{}'", what, shown);
    }
    return message;
  }

  /** How many allowed pairs are remembered; never more than about {@link #MAX_REMEMBERED}. */
  int rememberedPairs() {
    return admitted.size();
  }

  /** How many refused origins have been logged; never more than about {@link #MAX_LOGGED}. */
  int loggedOrigins() {
    return logged.size();
  }

  private boolean allows(String origin, String own) {
    if (origin.equals("null")) {
      return allowed.contains("null");
    }
    String canonical = parse(origin);
    return canonical != null && (canonical.equals(own) || allowed.contains(canonical));
  }

  /**
   * The origin a browser would send for a page of this server: the request's scheme and host, the
   * latter from the {@code Host} header, or the server name and port when there is none (HTTP/2).
   * Null when neither can be read.
   */
  static String ownOrigin(String scheme, String hostHeader, String serverName, int serverPort) {
    String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
    // An upgrade request may be reported with the socket's scheme.
    s = s.equals("ws") ? "http" : s.equals("wss") ? "https" : s;
    String host = hostHeader;
    if (host == null || host.isEmpty()) {
      if (serverName == null || serverName.isEmpty()) {
        return null;
      }
      String name =
          serverName.contains(":") && !serverName.startsWith("[")
              ? "[" + serverName + "]"
              : serverName;
      host = serverPort > 0 ? name + ":" + serverPort : name;
    }
    Matcher m = HOST_HEADER.matcher(host.strip());
    return m.matches() ? format(s, m.group(1), m.group(2)) : null;
  }

  /** The canonical form of a {@code scheme://host[:port]} origin, or null when it is not one. */
  private static String parse(String origin) {
    Matcher m = ORIGIN.matcher(origin);
    return m.matches() ? format(m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3)) : null;
  }

  private static String format(String scheme, String host, String portText) {
    int port = portText == null ? -1 : Integer.parseInt(portText);
    if (port == 0 || port > 65_535) {
      return null;
    }
    if (port == defaultPort(scheme)) {
      port = -1;
    }
    return scheme + "://" + host.toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port);
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> -1;
    };
  }
}
