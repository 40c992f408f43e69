// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

/**
 * Handles one posted form whose fields all converted: saves the record, and adds the errors the
 * conversion cannot know of with {@link Form#addError}. After it returns, the browser is redirected
 * (303 See Other) to the form's path, or where {@link Form#redirect} said; when an error was added,
 * the form's page is shown again instead, with status 422, the errors and what the visitor typed.
 *
 * <pre>{@code
 * app.form("/guestbook", Entry.class, Guestbook::page, (entry, form) -> {
 *   if (entry.name().isBlank()) {
 *     form.addError("name", "Write your name.");
 *     return;                                     // 422: the page again, with the error
 *   }
 *   book.add(entry);                              // 303 to /guestbook
 * });
 * }</pre>
 *
 * <p>Runs on a server thread, for the posting browser: {@link App#current()}, {@link
 * dev.violetear.ClientId#caller()} and {@link Principal#current} work in it. An exception it throws
 * is logged with a request id, and the browser gets a 500 page that names only that id.
 *
 * @param <T> the record the form's fields convert to
 */
@FunctionalInterface
public interface FormHandler<T> {
  /**
   * Handles {@code value}, the record built from the posted fields.
   *
   * @param value the record, never null
   * @param form what was posted, for adding errors or choosing where to go next
   * @throws Exception any failure: the browser gets a 500 page with a request id
   */
  void handle(T value, Form form) throws Exception;
}
