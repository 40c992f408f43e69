// SPDX-License-Identifier: Apache-2.0
package dev.violetear;

import dev.violetear.internal.Caller;
import java.util.Objects;

/**
 * Identifies one page of a client: one load of a page in one tab, kept across the reconnects of its
 * socket. Tabs of one browser share a {@link ClientId} but each has its own page id, so a handler
 * can tell them apart, count them (presence) and send to one of them.
 *
 * <pre>{@code
 * @Server.On("page_open")
 * public static void opened(ClientId id, PageId page) {
 *   App.current().clients().page(page).invoke(Chat::toast, "This tab is " + page.value());
 * }
 *
 * @Server.On("page_close")
 * public static void closed(PageId page) {
 *   tabs.remove(page); // closed, navigated away, or not back within the resume grace period
 * }
 * }</pre>
 *
 * <p>The server assigns it when a page first connects; a page whose session was forgotten (away
 * longer than the grace period, reloaded, or dropped for falling behind) gets a new one. Equal ids
 * have equal {@link #clientId()} and {@link #value()}. Instances are immutable and thread-safe.
 */
public final class PageId {
  private final ClientId clientId;
  private final String value;

  private PageId(ClientId clientId, String value) {
    this.clientId = clientId;
    this.value = value;
  }

  /**
   * Returns the page id of {@code clientId} with the given value; used by the framework and by
   * tests.
   *
   * @param clientId the client whose page it is
   * @param value the page's string form, as {@link #value()} returns it; not blank
   * @return the id
   * @throws IllegalArgumentException when {@code value} is blank
   */
  public static PageId of(ClientId clientId, String value) {
    Objects.requireNonNull(clientId, "clientId == null");
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("PageId value must not be blank");
    }
    return new PageId(clientId, value);
  }

  /**
   * Returns the page whose message the current thread is handling.
   *
   * @return the calling page's id
   * @throws IllegalStateException when called outside a handler that runs for a page
   */
  public static PageId caller() {
    PageId page = Caller.page();
    if (page == null) {
      throw new IllegalStateException(
          "PageId.caller() works only while the server handles a page's socket message: in a"
              + " @Server.Realtime method or a @Server.On handler of an event a page emitted or of"
              + " its lifecycle. An RPC call is not tied to a page; pass the PageId as a value to"
              + " code that runs elsewhere.");
    }
    return page;
  }

  /** {@return the client (browser) whose page this is} */
  public ClientId clientId() {
    return clientId;
  }

  /** {@return the page's opaque string form, unique among the pages of its client} */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PageId other
        && other.value.equals(value)
        && other.clientId.equals(clientId);
  }

  @Override
  public int hashCode() {
    return 31 * clientId.hashCode() + value.hashCode();
  }

  @Override
  public String toString() {
    return "PageId[" + clientId.value() + "/" + value + "]";
  }
}
