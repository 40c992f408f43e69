// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.internal.forms.RecordDecoder;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A posted form as its page shows it again: the text the visitor typed in each field and the error
 * of each field that needs fixing. A form route ({@link App#form}) hands one to its {@link
 * FormHandler} and, when there are errors, to the function that draws the page; the page's own view
 * draws it from {@link #blank()}.
 *
 * <pre>{@code
 * static Document page(Form form) {
 *   return Document.titled("Guestbook").body(
 *       Form.post("/guestbook").child(
 *           Html.input().attr("name", "name").attr("value", form.value("name")),
 *           Html.span().cls("error").text(form.error("name")),
 *           Html.button("Sign").attr("type", "submit")));
 * }
 *
 * app.view("/guestbook", () -> page(Form.blank()))
 *     .form("/guestbook", Entry.class, Guestbook::page, (entry, form) -> book.add(entry));
 * }</pre>
 *
 * <p>Field names are the names of the record's components and of the HTML fields. Not thread-safe:
 * each request has its own.
 */
public final class Form {
  /** Read by {@code Document}, which adds the forms script, and by that script. */
  private static final String ENHANCED = "data-violetear-form";

  private final Map<String, List<String>> values;
  private final Map<String, String> errors;
  private String redirect;

  Form(Map<String, List<String>> values, Map<String, String> errors) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((field, texts) -> copy.put(field, List.copyOf(texts)));
    this.values = Collections.unmodifiableMap(copy);
    this.errors = new LinkedHashMap<>(errors);
  }

  /**
   * Returns a form nothing was typed into, with no errors: what a page's view draws.
   *
   * <pre>{@code
   * app.view("/guestbook", () -> Guestbook.page(Form.blank()));
   * }</pre>
   *
   * @return an empty form
   */
  public static Form blank() {
    return new Form(Map.of(), Map.of());
  }

  /**
   * Returns a form filled in from {@code record}, with no errors: what an edit page's view draws.
   * Each component becomes the text of the field of its name, as a form would post it, so that the
   * form route turns it back into an equal record: numbers and characters as Java writes them,
   * enums by constant name, a checkbox {@code "on"} when true (nothing when false), an {@code
   * Optional} its value or nothing, a {@code List} one value each ({@link #values}), and null
   * nothing. What a form cannot tell apart comes back as the form route reads it: a null {@code
   * Boolean} as false, blank text in an {@code Optional} as empty.
   *
   * <pre>{@code
   * record Entry(String name, int stars, boolean isPublic) {}
   *
   * app.view("/entries/edit", () -> EditPage.page(Form.of(store.entry())));
   * // form.value("name") is "Ada", form.value("stars") "5", form.value("isPublic") "on"
   * }</pre>
   *
   * @param record the record to edit, of a type {@link App#form} accepts
   * @return a form holding its values
   * @throws IllegalArgumentException naming the component when a form field cannot carry its type
   */
  public static Form of(Record record) {
    Objects.requireNonNull(record, "record == null");
    RecordDecoder<Record> fields =
        RecordDecoder.of(
            record.getClass().asSubclass(Record.class),
            "Form.of(" + record.getClass().getSimpleName() + ")");
    try {
      return new Form(fields.fieldsOf(record), Map.of());
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "Form.of(" + record.getClass().getSimpleName() + "): an accessor threw " + e.getCause(),
          e.getCause());
    }
  }

  /**
   * Creates a {@code <form method="post">} that posts to {@code action}, marked so that, when
   * JavaScript runs, a small script of the runtime posts it without reloading the page; without
   * JavaScript the browser posts it as usual. Only a page holding such a form loads that script,
   * also a page without client code (which then loads nothing else).
   *
   * <pre>{@code
   * Form.post("/guestbook").child(Html.input().attr("name", "name"), Html.button("Sign"))
   * // <form method="post" action="/guestbook" data-violetear-form="">...</form>
   * }</pre>
   *
   * @param action the path of the form route, usually the page's own
   * @return a new {@code <form>} element
   * @throws IllegalArgumentException for a script URL such as {@code javascript:}
   */
  public static Element post(String action) {
    Objects.requireNonNull(action, "action == null");
    return Html.form().attr("method", "post").attr("action", action).attr(ENHANCED, "");
  }

  /**
   * Returns the text posted in {@code field}, or "" when nothing was: the first value when the
   * field was sent several times.
   *
   * <pre>{@code
   * Html.input().attr("name", "name").attr("value", form.value("name"))
   * }</pre>
   *
   * @param field the field's name
   * @return the text as typed, never null
   */
  public String value(String field) {
    List<String> all = values(field);
    return all.isEmpty() ? "" : all.get(0);
  }

  /**
   * Returns every text posted in {@code field}, in order: the checked boxes of a group, the options
   * of a multiple select.
   *
   * <pre>{@code
   * boolean isChecked = form.values("toppings").contains("olives");
   * }</pre>
   *
   * @param field the field's name
   * @return the texts, empty when none was posted; unmodifiable
   */
  public List<String> values(String field) {
    return values.getOrDefault(Objects.requireNonNull(field, "field == null"), List.of());
  }

  /**
   * Returns the error to show next to {@code field}, or "" when it has none.
   *
   * <pre>{@code
   * Html.span().cls("error").text(form.error("name"))
   * }</pre>
   *
   * @param field the field's name
   * @return the message, never null
   */
  public String error(String field) {
    return errors.getOrDefault(Objects.requireNonNull(field, "field == null"), "");
  }

  /**
   * Returns every field's error, in the order they were found: the record's order for fields that
   * did not convert, then those added by the handler.
   *
   * <pre>{@code
   * form.errors().forEach((field, message) -> summary.child(Html.li(message)));
   * }</pre>
   *
   * @return the messages by field name; unmodifiable
   */
  public Map<String, String> errors() {
    return Collections.unmodifiableMap(errors);
  }

  /**
   * Returns whether any field has an error, which makes the route show the page again (422).
   *
   * <pre>{@code
   * if (!form.hasErrors()) book.add(entry);
   * }</pre>
   *
   * @return true when at least one field has an error
   */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /**
   * Adds an error to {@code field}, shown next to it when the page is drawn again. A field keeps
   * its first error. Any name works: one that is no field, like "form", carries an error about the
   * whole form.
   *
   * <pre>{@code
   * if (entry.message().length() > 500) form.addError("message", "Keep it under 500 characters.");
   * }</pre>
   *
   * @param field the field's name
   * @param message the text to show, for the visitor
   */
  public void addError(String field, String message) {
    Objects.requireNonNull(field, "field == null");
    Objects.requireNonNull(message, "message == null");
    errors.putIfAbsent(field, message);
  }

  /**
   * Sets where the browser goes after the form succeeded (303 See Other); by default it is the form
   * route's own path, which shows the page again with the change made.
   *
   * <pre>{@code
   * form.redirect("/orders/" + order.id());
   * }</pre>
   *
   * @param location a path on this site, like {@code "/thanks"}, or an {@code http(s)://} URL
   * @throws IllegalArgumentException for anything else, such as {@code "//host"}, a relative path
   *     or a URL with spaces or control characters
   */
  public void redirect(String location) {
    Objects.requireNonNull(location, "location == null");
    boolean isPath = location.startsWith("/") && !location.startsWith("//");
    boolean isUrl = location.startsWith("https://") || location.startsWith("http://");
    boolean isClean = location.chars().noneMatch(c -> c <= ' ' || c == 0x7f || c == '\\');
    if (!(isPath || isUrl) || !isClean) {
      throw new IllegalArgumentException(
          "Form.redirect: '"
              + location
              + "' is not a path on this site or an http(s) URL without spaces; write"
              + " '/thanks' or 'https://example.com/done', percent-encoding spaces");
    }
    redirect = location;
  }

  /** Where to go after success, or null for the route's own path. */
  String redirectLocation() {
    return redirect;
  }
}
