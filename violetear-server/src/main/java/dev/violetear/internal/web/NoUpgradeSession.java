// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Keeps socket upgrades from creating HTTP sessions. Javalin copies the session's attributes into
 * every WebSocket context, and asking for them creates a session: a {@code JSESSIONID} cookie on
 * the upgrade and a server-side session, with its timer, kept after the socket is gone. The
 * framework identifies pages by its own signed cookie and never reads HTTP sessions, so an upgrade
 * sees the session that already exists, or an empty one that is never stored.
 *
 * <pre>{@code
 * handler.addFilter(new NoUpgradeSession(), SocketEndpoint.PATH, EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
final class NoUpgradeSession implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) {
      chain.doFilter(new Sessionless(http), response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static final class Sessionless extends HttpServletRequestWrapper {
    Sessionless(HttpServletRequest request) {
      super(request);
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }

    @Override
    public HttpSession getSession(boolean create) {
      HttpSession existing = super.getSession(false);
      if (existing != null || !create) {
        return existing;
      }
      return new EmptySession(getServletContext());
    }
  }

  /** A session with no attributes that refuses to hold any: nothing would ever read them. */
  private record EmptySession(ServletContext context) implements HttpSession {
    @Override
    public long getCreationTime() {
      return 0;
    }

    @Override
    public String getId() {
      return "";
    }

    @Override
    public long getLastAccessedTime() {
      return 0;
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {}

    @Override
    public int getMaxInactiveInterval() {
      return 0;
    }

    @Override
    public Object getAttribute(String name) {
      return null;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public void setAttribute(String name, Object value) {
      throw new UnsupportedOperationException(
          "a WebSocket upgrade has no HTTP session; keep per-page state in the app instead of"
              + " session attribute '"
              + name
              + "'");
    }

    @Override
    public void removeAttribute(String name) {}

    @Override
    public void invalidate() {}

    @Override
    public boolean isNew() {
      return true;
    }
  }
}
