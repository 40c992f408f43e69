// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import dev.violetear.internal.wire.ErrorReports;
import io.javalin.http.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a posted form comes from a page the app trusts, so that another site cannot make
 * its visitors' browsers post to the app with their cookies. A plain form post needs no CORS
 * preflight, so this check is what stops such a post:
 *
 * <ul>
 *   <li>with an {@code Origin} header (every current browser sends one on a POST), it must be the
 *       app's own origin or an allowed one, as for RPC calls ({@link OriginPolicy});
 *   <li>without one, the origin of the {@code Referer} must be, when there is a Referer;
 *   <li>without either, a {@code Sec-Fetch-Site} other than {@code same-origin} (or {@code none},
 *       typed by the user) refuses it;
 *   <li>a request with none of these does not come from a browser page, and any program could forge
 *       the headers anyway: it is admitted.
 * </ul>
 *
 * <pre>{@code
 * String refusal = new FormOrigin(origins).refusal(ctx, "a form posted to /sign");   // null: ok
 * }</pre>
 */
public final class FormOrigin {
  /** The origin part of a URL: scheme and authority, without path, query or fragment. */
  private static final Pattern URL_ORIGIN = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)");

  private final OriginPolicy origins;

  public FormOrigin(OriginPolicy origins) {
    this.origins = origins;
  }

  /**
   * Returns null when the post may reach the app; otherwise the message that refuses it, which
   * names the foreign origin (logged once per origin).
   *
   * @param what the refused request, for the log, like "a form posted to /sign"
   */
  public String refusal(Context ctx, String what) {
    if (ctx.header("Origin") != null) {
      return origins.refusal(ctx, what);
    }
    String own =
        OriginPolicy.ownOrigin(
            ctx.scheme(), ctx.header("Host"), ctx.req().getServerName(), ctx.req().getServerPort());
    String referer = ctx.header("Referer");
    if (referer != null) {
      Matcher m = URL_ORIGIN.matcher(referer);
      return origins.refusal(m.lookingAt() ? m.group(1) : referer, own, what);
    }
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return "A page of another site (Sec-Fetch-Site: "
          + ErrorReports.shorten(site)
          + ") may not post forms to this app; only the app's own pages may";
    }
    return null;
  }
}
