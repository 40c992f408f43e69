// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.forms;

import dev.violetear.markup.Document;
import java.util.Objects;

/**
 * How a form route answers a post: a redirect after success, or a page (the form again, with its
 * errors) and its status.
 *
 * <pre>{@code
 * FormAnswer.redirect("/guestbook");            // 303 See Other
 * FormAnswer.page(422, Guestbook.page(form));   // the form again, with errors
 * }</pre>
 *
 * @param status the HTTP status: 303 for a redirect
 * @param location where a redirect goes, or null for a page
 * @param page the page to show, or null for a redirect
 */
public record FormAnswer(int status, String location, Document page) {
  /** A 303 See Other to {@code location}. */
  public static FormAnswer redirect(String location) {
    return new FormAnswer(303, Objects.requireNonNull(location, "location == null"), null);
  }

  /** {@code page} with {@code status}. */
  public static FormAnswer page(int status, Document page) {
    return new FormAnswer(status, null, Objects.requireNonNull(page, "page == null"));
  }

  /** {@return whether this is a redirect} */
  public boolean isRedirect() {
    return location != null;
  }
}
