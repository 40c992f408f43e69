// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.forms;

import java.util.List;
import java.util.Map;

/**
 * What a form route does with the fields of one post, once the request was admitted and its body
 * read: convert them, run the app's handler and decide the answer. The web server runs it as the
 * posting client, so the app's code can read {@code App.current()}, the client and its principal.
 *
 * <pre>{@code
 * FormAnswer answer = Caller.with(app, client, principal, () -> action.submit(fields));
 * }</pre>
 *
 * <p>Internal: {@code App.form} registers one per path.
 */
public interface FormAction {
  /** {@return the path the form posts to} */
  String path();

  /**
   * Handles one post.
   *
   * @param fields the posted values by field name, in the order sent
   * @return a redirect, or the page to show again with its status
   * @throws Exception when the app's handler, its page or its record's constructor fails
   */
  FormAnswer submit(Map<String, List<String>> fields) throws Exception;
}
